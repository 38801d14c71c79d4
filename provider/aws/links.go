package aws

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// databaseTypes are the links that connect to a server, each as the core's link type.
var databaseTypes = map[LinkType]core.LinkType{
	"postgres": core.LinkPostgres, "mysql": core.LinkMySQL, "redis": core.LinkRedis, "documentdb": core.LinkMongoDB,
}

// iamAuthTypes are the databases RDS IAM authentication works for.
var iamAuthTypes = map[LinkType]bool{"postgres": true, "mysql": true}

// grantingLink is a link that puts a grant on the role: a resource link, or a database
// link with IAM authentication (type rds-db, access connect).
type grantingLink struct {
	index       int
	typ, access string
	arn         pulumi.StringInput
}

// grants is true for a link whose grant goes on the role: a resource link, or a database
// link with IAM authentication.
func (l Link) grants() bool {
	_, database := databaseTypes[l.Type]
	return !database || l.IamAuth != nil && *l.IamAuth
}

// grantingLinks are the links whose grants go on the role, by their place in links; they
// are valid (Resolve).
func grantingLinks(links []Link) []grantingLink {
	var out []grantingLink
	for i, l := range links {
		switch {
		case !l.grants():
		case databaseTypes[l.Type] != "":
			out = append(out, grantingLink{i, "rds-db", "connect", l.Arn})
		default:
			out = append(out, grantingLink{i, string(l.Type), string(*l.Access), l.Arn})
		}
	}
	return out
}

// resolveLinks checks the links and hands the pods what the named ones connect to.
func resolveLinks(links []Link, cfg *core.Config) field.ErrorList {
	var errs field.ErrorList
	var handovers []core.Handover
	for i, l := range links {
		p := field.NewPath("links").Index(i)
		var linkErrs field.ErrorList
		if typ, database := databaseTypes[l.Type]; database {
			linkErrs = validateDatabaseLink(l, typ, p)
		} else {
			linkErrs = validateResourceLink(l, i, p)
		}
		errs = append(errs, linkErrs...)
		if len(linkErrs) == 0 && l.Name != nil {
			handovers = append(handovers, handoverOf(l, p))
		}
	}
	return append(errs, core.HandOver(handovers, cfg)...)
}

// validateResourceLink: a bucket, queue, topic or table is granted by its ARN and an
// access, and has no server to connect to.
func validateResourceLink(l Link, i int, p *field.Path) field.ErrorList {
	errs := core.CheckEnum(l.Type, p.Child("type"))
	if len(errs) > 0 {
		return errs
	}
	if l.Access == nil {
		errs = append(errs, field.Required(p.Child("access"), "`read` or `write`"))
	} else {
		errs = append(errs, core.CheckEnum(*l.Access, p.Child("access"))...)
	}
	if l.Arn == nil {
		errs = append(errs, field.Required(p.Child("arn"), "the ARN of the "+string(l.Type)+" resource"))
	} else if v, ok := core.KnownString(l.Arn); ok {
		if err := checkArn(i, string(l.Type), v); err != nil {
			errs = append(errs, err)
		}
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"host", l.Host != nil}, {"port", l.Port != nil}, {"database", l.Database != nil}, {"user", l.User != nil},
		{"password", l.Password != nil}, {"iamAuth", l.IamAuth != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(p.Child(f.name), "for postgres, mysql, redis and documentdb links; a "+
				string(l.Type)+" link hands over what its arn names"))
		}
	}
	return errs
}

// validateDatabaseLink: a database or cache is the core's link (a name, a host, a secret
// password), and with IAM authentication the grant's ARN instead of the password.
func validateDatabaseLink(l Link, typ core.LinkType, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if l.Name == nil {
		errs = append(errs, field.Required(p.Child("name"), "names the env vars that hand over the connection"))
	}
	if l.Access != nil {
		errs = append(errs, field.Forbidden(p.Child("access"), "for s3, sqs, sns and dynamodb links"))
	}
	errs = append(errs, core.ValidateLink(coreLink(l, typ), p)...)
	iamAuth := l.IamAuth != nil && *l.IamAuth
	switch {
	case iamAuth && !iamAuthTypes[l.Type]:
		errs = append(errs, field.Forbidden(p.Child("iamAuth"), "RDS IAM authentication is for postgres and mysql"))
	case iamAuth && l.Password != nil:
		errs = append(errs, field.Forbidden(p.Child("password"), "with iamAuth the application signs a token instead"))
	case iamAuth && l.Arn == nil:
		errs = append(errs, field.Required(p.Child("arn"), "the database user's arn:aws:rds-db:<region>:<account>:dbuser:<resource id>/<user>"))
	case iamAuth:
		if v, ok := core.KnownString(l.Arn); ok {
			if service, resource := splitArn(v); service != "rds-db" || !strings.HasPrefix(resource, "dbuser:") || strings.Contains(resource, "*") {
				errs = append(errs, field.Invalid(p.Child("arn"), v, "must be a database user's ARN, arn:aws:rds-db:<region>:<account>:dbuser:<resource id>/<user>, without wildcards"))
			}
		}
	case l.Arn != nil:
		errs = append(errs, field.Forbidden(p.Child("arn"), "a database link grants nothing without iamAuth"))
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

// handoverOf is what a named link hands the pods: a database's connection as the core's,
// or what a resource's ARN says.
func handoverOf(l Link, p *field.Path) core.Handover {
	if typ, database := databaseTypes[l.Type]; database {
		return coreLink(l, typ).Handover(p)
	}
	values := map[LinkType][]core.LinkValue{
		"s3":       {{Key: "bucket_name", Value: fromArn(l.Arn, arnResourceName)}, {Key: "bucket_arn", Value: l.Arn}},
		"sqs":      {{Key: "queue_url", Value: fromArn(l.Arn, queueURL)}, {Key: "queue_arn", Value: l.Arn}},
		"sns":      {{Key: "topic_arn", Value: l.Arn}},
		"dynamodb": {{Key: "table_name", Value: fromArn(l.Arn, arnResourceName)}, {Key: "table_arn", Value: l.Arn}},
	}[l.Type]
	return core.Handover{Name: *l.Name, Values: values, EnvNames: l.EnvNames, Path: p}
}

// fromArn is f of the ARN: at once when it is known, else once it is.
func fromArn(arn pulumi.StringInput, f func(string) string) pulumi.StringInput {
	if v, ok := core.KnownString(arn); ok {
		return pulumi.String(f(v))
	}
	return arn.ToStringOutput().ApplyT(f).(pulumi.StringOutput)
}

// arnResourceName is the name an ARN's resource part ends with: a bucket's
// (arn:aws:s3:::reports) or a table's (arn:aws:dynamodb:…:table/orders).
func arnResourceName(arn string) string {
	_, resource := splitArn(arn)
	return resource[strings.LastIndex(resource, "/")+1:]
}

// queueURL is an SQS queue's URL from its ARN (arn:<partition>:sqs:<region>:<account>:<name>):
// https://sqs.<region>.amazonaws.com/<account>/<name>, .amazonaws.com.cn in China.
func queueURL(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 {
		return ""
	}
	domain := "amazonaws.com"
	if parts[1] == "aws-cn" {
		domain = "amazonaws.com.cn"
	}
	return "https://sqs." + parts[3] + "." + domain + "/" + parts[4] + "/" + parts[5]
}
