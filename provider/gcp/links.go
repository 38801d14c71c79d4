package gcp

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// databaseTypes are the links that connect to a server, each as the core's link type.
var databaseTypes = map[LinkType]core.LinkType{"postgres": core.LinkPostgres, "mysql": core.LinkMySQL, "redis": core.LinkRedis}

// cloudSQLRoles are what Cloud SQL IAM database authentication needs on the project.
var cloudSQLRoles = []string{"roles/cloudsql.client", "roles/cloudsql.instanceUser"}

// linkType is the link's type, bucket when unset.
func (l Link) linkType() LinkType {
	if l.Type == nil {
		return "bucket"
	}
	return *l.Type
}

func (l Link) iamAuth() bool { return l.IamAuth != nil && *l.IamAuth }

// bucketLinks are the links that bind a role on a bucket.
func bucketLinks(links []Link) []Link {
	var out []Link
	for _, l := range links {
		if l.linkType() == "bucket" {
			out = append(out, l)
		}
	}
	return out
}

// usesCloudSQLIAM is true when a link logs in to Cloud SQL as the Google service account.
func usesCloudSQLIAM(links []Link) bool {
	for _, l := range links {
		if l.iamAuth() {
			return true
		}
	}
	return false
}

// resolveLinks checks the links and hands the pods what the named ones connect to; a link
// with iamAuth hands over the service account's IAM database user as its user.
func (a *ServiceArgs) resolveLinks(accountID string, cfg *core.Config) field.ErrorList {
	var errs field.ErrorList
	var handovers []core.Handover
	for i, l := range a.Links {
		p := field.NewPath("links").Index(i)
		typ, database := databaseTypes[l.linkType()]
		var linkErrs field.ErrorList
		if database {
			linkErrs = validateDatabaseLink(l, typ, p)
		} else {
			linkErrs = validateBucketLink(l, p)
		}
		errs = append(errs, linkErrs...)
		if len(linkErrs) > 0 || l.Name == nil {
			continue
		}
		if !database {
			handovers = append(handovers, core.Handover{Name: *l.Name, Path: p, EnvNames: l.EnvNames,
				Values: []core.LinkValue{{Key: "bucket_name", Value: l.Bucket}}})
			continue
		}
		link := coreLink(l, typ)
		if l.iamAuth() {
			link.User = iamDatabaseUser(typ, accountID, a.Project)
		}
		handovers = append(handovers, link.Handover(p))
	}
	return append(errs, core.HandOver(handovers, cfg)...)
}

// iamDatabaseUser is the Google service account's Cloud SQL IAM user: for PostgreSQL its
// email without `.gserviceaccount.com`, for MySQL the part before the `@`.
func iamDatabaseUser(typ core.LinkType, accountID string, project pulumi.StringInput) pulumi.StringInput {
	if typ == core.LinkMySQL {
		return pulumi.String(accountID)
	}
	if p, ok := core.KnownString(project); ok {
		return pulumi.String(accountID + "@" + p + ".iam")
	}
	return pulumi.Sprintf("%s@%s.iam", accountID, project)
}

// validateBucketLink: a bucket link names its bucket and an access, and has no server.
func validateBucketLink(l Link, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if l.Type != nil {
		errs = append(errs, core.CheckEnum(*l.Type, p.Child("type"))...)
	}
	if l.Bucket == nil {
		errs = append(errs, field.Required(p.Child("bucket"), "the bucket's name"))
	}
	if l.Access == nil {
		errs = append(errs, field.Required(p.Child("access"), "`read` or `write`"))
	} else {
		errs = append(errs, core.CheckEnum(*l.Access, p.Child("access"))...)
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"host", l.Host != nil}, {"port", l.Port != nil}, {"database", l.Database != nil}, {"user", l.User != nil},
		{"password", l.Password != nil}, {"iamAuth", l.IamAuth != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(p.Child(f.name), "for postgres, mysql and redis links"))
		}
	}
	return errs
}

// validateDatabaseLink: a database or cache is the core's link (a name, a host, a secret
// password); with iamAuth the service account is the user and there is no password.
func validateDatabaseLink(l Link, typ core.LinkType, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if l.Name == nil {
		errs = append(errs, field.Required(p.Child("name"), "names the env vars that hand over the connection"))
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"bucket", l.Bucket != nil}, {"access", l.Access != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(p.Child(f.name), "for bucket links"))
		}
	}
	errs = append(errs, core.ValidateLink(coreLink(l, typ), p)...)
	switch {
	case l.iamAuth() && typ == core.LinkRedis:
		errs = append(errs, field.Forbidden(p.Child("iamAuth"), "Cloud SQL IAM database authentication is for postgres and mysql"))
	case l.iamAuth() && l.Password != nil:
		errs = append(errs, field.Forbidden(p.Child("password"), "with iamAuth the connector logs in as the Google service account"))
	case l.iamAuth() && l.User != nil:
		errs = append(errs, field.Forbidden(p.Child("user"), "with iamAuth the user is the Google service account's IAM database user"))
	}
	return errs
}

// coreLink is a database link as the core's.
func coreLink(l Link, typ core.LinkType) core.Link {
	name := ""
	if l.Name != nil {
		name = *l.Name
	}
	return core.Link{Name: name, Type: typ, Host: l.Host, Port: l.Port, Database: l.Database, User: l.User,
		Password: l.Password, EnvNames: l.EnvNames}
}
