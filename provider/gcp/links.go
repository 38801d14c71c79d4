package gcp

import (
	"fmt"

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

// resourceLink is a kind of link that grants the service account a role on one resource
// (resourceLinks).
type resourceLink struct {
	// field is the input that names the resource, and resource reads it.
	field    string
	resource func(Link) pulumi.StringInput
	// roles are the roles by access; role is the one role when access does not apply.
	roles map[core.Access]string
	role  string
	// key is the handed-over value's key: `<name>_<key>` holds the resource's name.
	key string
	// iamMember is the resource type of the grant, given the resource by field.
	iamMember string
}

// resourceLinks are the links to a bucket, a topic or a subscription.
var resourceLinks = map[LinkType]resourceLink{
	"bucket": {field: "bucket", resource: func(l Link) pulumi.StringInput { return l.Bucket },
		roles: map[core.Access]string{"read": "roles/storage.objectViewer", "write": "roles/storage.objectUser"},
		key:   "bucket_name", iamMember: bucketIAMMemberType},
	"pubsubTopic": {field: "topic", resource: func(l Link) pulumi.StringInput { return l.Topic },
		role: "roles/pubsub.publisher", key: "topic_name", iamMember: topicIAMMemberType},
	"pubsubSubscription": {field: "subscription", resource: func(l Link) pulumi.StringInput { return l.Subscription },
		role: "roles/pubsub.subscriber", key: "subscription_name", iamMember: subscriptionIAMMemberType},
}

// roleOf is the role a resource link grants.
func (r resourceLink) roleOf(l Link) string {
	if r.role != "" {
		return r.role
	}
	return r.roles[*l.Access]
}

// linksOf are the links of one type, in their order.
func linksOf(links []Link, typ LinkType) []Link {
	var out []Link
	for _, l := range links {
		if l.linkType() == typ {
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
		switch {
		case database:
			linkErrs = validateDatabaseLink(l, typ, p)
		case l.linkType() == "firestore":
			linkErrs = validateFirestoreLink(l, p)
		default:
			linkErrs = validateResourceLink(l, p)
		}
		errs = append(errs, linkErrs...)
		if len(linkErrs) > 0 || l.Name == nil {
			continue
		}
		if l.linkType() == "firestore" {
			handovers = append(handovers, core.Handover{Name: *l.Name, Path: p, EnvNames: l.EnvNames, Values: []core.LinkValue{
				{Key: "database", Value: firestoreDatabase(l)}, {Key: "project", Value: a.Project}}})
			continue
		}
		if !database {
			r := resourceLinks[l.linkType()]
			handovers = append(handovers, core.Handover{Name: *l.Name, Path: p, EnvNames: l.EnvNames,
				Values: []core.LinkValue{{Key: r.key, Value: r.resource(l)}}})
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

// validateResourceLink: a bucket, topic or subscription link names its resource (and a
// bucket an access), and nothing of another kind of link.
func validateResourceLink(l Link, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if l.Type != nil {
		if errs = core.CheckEnum(*l.Type, p.Child("type")); len(errs) > 0 {
			return errs
		}
	}
	r := resourceLinks[l.linkType()]
	if r.resource(l) == nil {
		errs = append(errs, field.Required(p.Child(r.field), fmt.Sprintf("the %s's name", r.field)))
	}
	switch {
	case r.role != "" && l.Access != nil:
		errs = append(errs, field.Forbidden(p.Child("access"), fmt.Sprintf("a %s link grants %s; access is for bucket links", l.linkType(), r.role)))
	case r.role == "" && l.Access == nil:
		errs = append(errs, field.Required(p.Child("access"), "`read` or `write`"))
	case r.role == "":
		errs = append(errs, core.CheckEnum(*l.Access, p.Child("access"))...)
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"bucket", l.Bucket != nil}, {"topic", l.Topic != nil}, {"subscription", l.Subscription != nil}} {
		if f.set && f.name != r.field {
			errs = append(errs, field.Forbidden(p.Child(f.name), fmt.Sprintf("not for a %s link", l.linkType())))
		}
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
	}{{"bucket", l.Bucket != nil}, {"topic", l.Topic != nil}, {"subscription", l.Subscription != nil}, {"access", l.Access != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(p.Child(f.name), "for bucket and Pub/Sub links"))
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

// firestoreRoles are what a firestore link grants, by access.
var firestoreRoles = map[core.Access]string{"read": "roles/datastore.viewer", "write": "roles/datastore.user"}

// firestoreDatabase is a firestore link's database id, `(default)` when not given.
func firestoreDatabase(l Link) pulumi.StringInput {
	if l.Database == nil {
		return pulumi.String("(default)")
	}
	return l.Database
}

// validateFirestoreLink: a firestore link has an access and at most a database id.
func validateFirestoreLink(l Link, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if l.Access == nil {
		errs = append(errs, field.Required(p.Child("access"), "`read` or `write`"))
	} else {
		errs = append(errs, core.CheckEnum(*l.Access, p.Child("access"))...)
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"bucket", l.Bucket != nil}, {"topic", l.Topic != nil}, {"subscription", l.Subscription != nil}, {"host", l.Host != nil},
		{"port", l.Port != nil}, {"user", l.User != nil}, {"password", l.Password != nil}, {"iamAuth", l.IamAuth != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(p.Child(f.name), "a firestore link names its database (`database`) and access"))
		}
	}
	return errs
}

// grantFirestoreLinks binds each firestore link's role on the project, held to its one
// database by an IAM condition (Firestore's roles are granted on projects).
func grantFirestoreLinks(ctx *pulumi.Context, name string, args *ServiceArgs, member pulumi.StringInput, opts []pulumi.ResourceOption) error {
	for i, link := range linksOf(args.Links, "firestore") {
		database := firestoreDatabase(link)
		binding, alias := core.EntryName(name+"-firestore", i, nil, database, pulumi.String(string(*link.Access)))
		if err := newIAMMember(ctx, projectIAMMemberType, binding, pulumi.Map{
			"project": args.Project, "role": pulumi.String(firestoreRoles[*link.Access]), "member": member,
			"condition": pulumi.Map{
				"title":      pulumi.Sprintf("firestore %s", database),
				"expression": pulumi.Sprintf(`resource.name == "projects/%s/databases/%s"`, args.Project, database),
			},
		}, append(opts, alias)...); err != nil {
			return err
		}
	}
	return nil
}

// grantResourceLinks binds each bucket, topic and subscription link's role on its resource.
// A bucket's binding is named after the bucket and access, the others after the resource.
func grantResourceLinks(ctx *pulumi.Context, name string, args *ServiceArgs, member pulumi.StringInput, opts []pulumi.ResourceOption) error {
	for _, typ := range []LinkType{"bucket", "pubsubTopic", "pubsubSubscription"} {
		r := resourceLinks[typ]
		for i, link := range linksOf(args.Links, typ) {
			parts := []pulumi.StringInput{r.resource(link)}
			inputs := pulumi.Map{r.field: r.resource(link), "role": pulumi.String(r.roleOf(link)), "member": member}
			if typ == "bucket" {
				parts = append(parts, pulumi.String(string(*link.Access)))
			} else {
				inputs["project"] = args.Project // for a topic or subscription named without its project
			}
			binding, alias := core.EntryName(name+"-"+r.field, i, nil, parts...)
			if err := newIAMMember(ctx, r.iamMember, binding, inputs, append(opts, alias)...); err != nil {
				return err
			}
		}
	}
	return nil
}
