package azure

import (
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// The built-in data roles resource links grant (Azure's role definition guids).
const (
	storageBlobDataReader      = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
	storageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
	serviceBusDataReceiver     = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"
	serviceBusDataSender       = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
	keyVaultSecretsOfficer     = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7" // #nosec G101 -- a role definition id, not a credential
	eventHubsDataReceiver      = "a638d3c7-ab3a-418d-83e6-5f17a39d4fde"
	eventHubsDataSender        = "2b629674-e913-4c01-ae53-ef4638d8f975"
	// Cosmos DB for NoSQL's own built-in data roles (sqlRoleDefinitions of every account).
	cosmosDataReader      = "00000000-0000-0000-0000-000000000001"
	cosmosDataContributor = "00000000-0000-0000-0000-000000000002"
)

// resourceLink is what a resource link type grants, which ids it takes, and what its id
// hands the pods.
type resourceLink struct {
	roles map[core.Access]string
	// cosmos roles are the account's own SQL role definitions, assigned through Cosmos DB's
	// sqlRoleAssignments, not Azure RBAC.
	cosmos bool
	// id matches a resource id of exactly one such resource; its groups feed values.
	id     *regexp.Regexp
	values func(groups []string) map[string]string
}

const armPrefix = `(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/`

var resourceLinks = map[LinkType]resourceLink{
	"storageAccount": {
		roles: map[core.Access]string{"read": storageBlobDataReader, "write": storageBlobDataContributor},
		id:    regexp.MustCompile(armPrefix + `Microsoft\.Storage/storageAccounts/([^/]+)$`),
		values: func(g []string) map[string]string {
			return map[string]string{"account_name": g[1], "blob_endpoint": "https://" + g[1] + ".blob.core.windows.net/"}
		},
	},
	"storageContainer": {
		roles: map[core.Access]string{"read": storageBlobDataReader, "write": storageBlobDataContributor},
		id:    regexp.MustCompile(armPrefix + `Microsoft\.Storage/storageAccounts/([^/]+)/blobServices/default/containers/([^/]+)$`),
		values: func(g []string) map[string]string {
			return map[string]string{"container_name": g[2], "container_url": "https://" + g[1] + ".blob.core.windows.net/" + g[2]}
		},
	},
	"serviceBusQueue": {
		roles: map[core.Access]string{"read": serviceBusDataReceiver, "write": serviceBusDataSender},
		id:    regexp.MustCompile(armPrefix + `Microsoft\.ServiceBus/namespaces/([^/]+)/queues/([^/]+)$`),
		values: func(g []string) map[string]string {
			return map[string]string{"namespace": g[1] + ".servicebus.windows.net", "queue_name": g[2]}
		},
	},
	"serviceBusTopic": {
		roles: map[core.Access]string{"read": serviceBusDataReceiver, "write": serviceBusDataSender},
		id:    regexp.MustCompile(armPrefix + `Microsoft\.ServiceBus/namespaces/([^/]+)/topics/([^/]+)$`),
		values: func(g []string) map[string]string {
			return map[string]string{"namespace": g[1] + ".servicebus.windows.net", "topic_name": g[2]}
		},
	},
	"keyVault": {
		roles: map[core.Access]string{"read": keyVaultSecretsUser, "write": keyVaultSecretsOfficer},
		id:    regexp.MustCompile(armPrefix + `Microsoft\.KeyVault/vaults/([^/]+)$`),
		values: func(g []string) map[string]string {
			return map[string]string{"vault_url": "https://" + g[1] + ".vault.azure.net/"}
		},
	},
	"cosmosSql": {
		roles:  map[core.Access]string{"read": cosmosDataReader, "write": cosmosDataContributor},
		cosmos: true,
		id:     regexp.MustCompile(armPrefix + `Microsoft\.DocumentDB/databaseAccounts/([^/]+)$`),
		values: func(g []string) map[string]string {
			return map[string]string{"account_name": g[1], "endpoint": "https://" + g[1] + ".documents.azure.com:443/"}
		},
	},
	"eventHub": {
		roles: map[core.Access]string{"read": eventHubsDataReceiver, "write": eventHubsDataSender},
		id:    regexp.MustCompile(armPrefix + `Microsoft\.EventHub/namespaces/([^/]+)/eventhubs/([^/]+)$`),
		values: func(g []string) map[string]string {
			return map[string]string{"namespace": g[1] + ".servicebus.windows.net", "eventhub_name": g[2]}
		},
	},
}

// resourceValueKeys are each resource link's values, in the order they are handed over.
var resourceValueKeys = map[LinkType][]string{
	"storageAccount": {"account_name", "blob_endpoint"}, "storageContainer": {"container_name", "container_url"},
	"serviceBusQueue": {"namespace", "queue_name"}, "serviceBusTopic": {"namespace", "topic_name"},
	"keyVault": {"vault_url"}, "eventHub": {"namespace", "eventhub_name"}, "cosmosSql": {"endpoint", "account_name"},
}

// databaseTypes are the links that connect to a server, each as the core's link type, and
// the port Azure's service listens on.
var databaseTypes = map[LinkType]struct {
	typ  core.LinkType
	port string
}{
	"postgres": {core.LinkPostgres, "5432"}, "mysql": {core.LinkMySQL, "3306"},
	"redis": {core.LinkRedis, "6380"}, "mongodb": {core.LinkMongoDB, "10255"},
}

// resolveLinks checks the links and hands the pods what the named ones connect to.
func (a *ServiceArgs) resolveLinks(cfg *core.Config) field.ErrorList {
	var errs field.ErrorList
	var handovers []core.Handover
	for i, l := range a.Links {
		p := field.NewPath("links").Index(i)
		database, isDatabase := databaseTypes[l.Type]
		var linkErrs field.ErrorList
		if isDatabase {
			linkErrs = validateDatabaseLink(l, database.typ, p)
		} else {
			linkErrs = validateResourceLink(l, p)
		}
		errs = append(errs, linkErrs...)
		if len(linkErrs) > 0 || l.Name == nil {
			continue
		}
		if isDatabase {
			link := coreLink(l, database.typ)
			if link.Port == nil {
				link.Port = pulumi.String(database.port)
			}
			handovers = append(handovers, link.Handover(p))
			continue
		}
		var values []core.LinkValue
		for _, key := range resourceValueKeys[l.Type] {
			values = append(values, core.LinkValue{Key: key, Value: fromID(l.Id, resourceLinks[l.Type], key)})
		}
		handovers = append(handovers, core.Handover{Name: *l.Name, Values: values, EnvNames: l.EnvNames, Path: p})
	}
	if a.OidcIssuerUrl == nil && len(grantingLinks(a.Links)) > 0 {
		errs = append(errs, field.Forbidden(field.NewPath("links"), "data roles go to the service's managed identity, which needs oidcIssuerUrl"))
	}
	for i, l := range a.Links {
		if l.entraAuth() && a.OidcIssuerUrl == nil {
			errs = append(errs, field.Forbidden(field.NewPath("links").Index(i).Child("entraAuth"),
				"the pods log in as the service's managed identity, which needs oidcIssuerUrl"))
		}
	}
	return append(errs, core.HandOver(handovers, cfg)...)
}

// fromID is one value a resource id hands over: at once when the id is known, else once it is.
func fromID(id pulumi.StringInput, link resourceLink, key string) pulumi.StringInput {
	value := func(id string) string { return link.values(link.id.FindStringSubmatch(id))[key] }
	if v, ok := core.KnownString(id); ok {
		return pulumi.String(value(v))
	}
	return id.ToStringOutput().ApplyT(func(id string) (string, error) {
		if !link.id.MatchString(id) {
			return "", fmt.Errorf("%q is not the id of one resource of its link's type", id)
		}
		return value(id), nil
	}).(pulumi.StringOutput)
}

// validateResourceLink: a resource link names one resource of its type by id, and an access.
func validateResourceLink(l Link, p *field.Path) field.ErrorList {
	errs := core.CheckEnum(l.Type, p.Child("type"))
	if len(errs) > 0 {
		return errs
	}
	if l.Access == nil {
		errs = append(errs, field.Required(p.Child("access"), "`read` or `write`"))
	} else {
		errs = append(errs, core.CheckEnum(*l.Access, p.Child("access"))...)
	}
	link := resourceLinks[l.Type]
	if l.Id == nil {
		errs = append(errs, field.Required(p.Child("id"), "the "+string(l.Type)+"'s resource id"))
	} else if v, ok := core.KnownString(l.Id); ok && !link.id.MatchString(v) {
		errs = append(errs, field.Invalid(p.Child("id"), v, "must be the resource id of one "+string(l.Type)+
			" ("+link.id.String()[len(armPrefix):]+")"))
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"host", l.Host != nil}, {"port", l.Port != nil}, {"database", l.Database != nil}, {"user", l.User != nil},
		{"password", l.Password != nil}, {"entraAuth", l.EntraAuth != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(p.Child(f.name), "for postgres, mysql, redis and mongodb links"))
		}
	}
	return errs
}

// validateDatabaseLink: a database or cache is the core's link (a name, a host, a secret
// password), with no resource id or access.
func validateDatabaseLink(l Link, typ core.LinkType, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if l.Name == nil {
		errs = append(errs, field.Required(p.Child("name"), "names the env vars that hand over the connection"))
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"id", l.Id != nil}, {"access", l.Access != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(p.Child(f.name), "for resource links: a database link grants nothing"))
		}
	}
	errs = append(errs, core.ValidateLink(coreLink(l, typ), p)...)
	if !l.entraAuth() {
		return errs
	}
	switch {
	case typ != core.LinkPostgres && typ != core.LinkMySQL:
		errs = append(errs, field.Forbidden(p.Child("entraAuth"), "Microsoft Entra authentication is for postgres and mysql flexible servers"))
	case l.Password != nil:
		errs = append(errs, field.Forbidden(p.Child("password"), "with entraAuth the identity logs in with an Entra token"))
	case l.User == nil:
		errs = append(errs, field.Required(p.Child("user"), "the database role the server's Entra administrator created for the managed identity"))
	}
	return errs
}

func (l Link) entraAuth() bool { return l.EntraAuth != nil && *l.EntraAuth }

// grantingLink is a resource link's data role, by the link's place among the resource links.
type grantingLink struct {
	role   string
	id     pulumi.StringInput
	cosmos bool
}

// grantingLinks are the resource links' data roles; they are valid (Resolve).
func grantingLinks(links []Link) []grantingLink {
	var out []grantingLink
	for _, l := range links {
		if link, ok := resourceLinks[l.Type]; ok && l.Access != nil {
			out = append(out, grantingLink{role: link.roles[*l.Access], id: l.Id, cosmos: link.cosmos})
		}
	}
	return out
}

// grantLinks gives the managed identity each resource link's data role on exactly that
// resource, named like roleAssignments' by the role's guid and the resource.
func grantLinks(ctx *pulumi.Context, name string, links []Link, principalID pulumi.StringInput, opts []pulumi.ResourceOption) error {
	for i, g := range grantingLinks(links) {
		assignment, alias := core.EntryName(name+"-link", i, func(v []string) string {
			return g.role + "-" + scopeName(v[0])
		}, g.id)
		var err error
		if g.cosmos {
			err = newSQLRoleAssignment(ctx, assignment, cosmosAssignment(g, principalID), append(opts, alias)...)
		} else {
			err = newRoleAssignment(ctx, assignment, pulumi.Map{
				"principalId":      principalID,
				"principalType":    pulumi.String("ServicePrincipal"),
				"roleDefinitionId": g.id.ToStringOutput().ApplyT(subscriptionRole(g.role)).(pulumi.StringOutput),
				"scope":            g.id,
			}, append(opts, alias)...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// cosmosAccount reads a Cosmos DB account's resource group and name from its id.
var cosmosAccount = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/([^/]+)/providers/Microsoft\.DocumentDB/databaseAccounts/([^/]+)$`)

// cosmosAssignment is the inputs of a Cosmos DB SQL role assignment of the link's built-in
// data role on the whole account, to the managed identity.
func cosmosAssignment(g grantingLink, principalID pulumi.StringInput) pulumi.Map {
	part := func(i int) pulumi.StringOutput {
		return g.id.ToStringOutput().ApplyT(func(id string) string { return cosmosAccount.FindStringSubmatch(id)[i] }).(pulumi.StringOutput)
	}
	return pulumi.Map{
		"resourceGroupName": part(1),
		"accountName":       part(2),
		"principalId":       principalID,
		"roleDefinitionId":  pulumi.Sprintf("%s/sqlRoleDefinitions/%s", g.id, g.role),
		"scope":             g.id,
	}
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
