// Package azure is the AKS variant, k8s-service:azure:Service: the Kubernetes core plus
// an Azure Container Registry for `image: AUTO` (pulled by the kubelet identity), an
// Azure Disk CSI StorageClass and a user-assigned managed identity federated with the
// service account (Azure Workload Identity). It builds no Kubernetes objects itself.
package azure

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// ServiceArgs are the common inputs plus AKS's.
type ServiceArgs struct {
	core.ServiceArgs
	core.LoadBalancerArgs
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	Location          pulumi.StringInput `pulumi:"location,optional"`
	KubeletObjectId   pulumi.StringInput `pulumi:"kubeletObjectId,optional"`
	OidcIssuerUrl     pulumi.StringInput `pulumi:"oidcIssuerUrl,optional"`
	RoleAssignments   []RoleAssignment   `pulumi:"roleAssignments,optional"`
	Links             []Link             `pulumi:"links,optional"`
	RegistrySku       *RegistrySku       `pulumi:"registrySku,optional"`
	KeyVaultId        pulumi.StringInput `pulumi:"keyVaultId,optional"`
	CloudSecrets      []CloudSecret      `pulumi:"cloudSecrets,optional"`
}

// Annotate documents the AKS inputs.
func (a *ServiceArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.ResourceGroupName, "The resource group for the registry and the managed identity.")
	an.Describe(&a.Location, "The Azure region; defaults to the resource group's.")
	an.Describe(&a.KubeletObjectId, "The object id of the cluster's kubelet identity, granted AcrPull on the AUTO registry. "+
		"Required with `image: AUTO`.")
	an.Describe(&a.OidcIssuerUrl, "The AKS cluster's OIDC issuer URL. Creates a user-assigned managed identity federated "+
		"with exactly this service's Kubernetes service account (Azure Workload Identity).")
	an.Describe(&a.RoleAssignments, "Azure roles granted to the managed identity.")
	an.Describe(&a.Links, "Azure resources the service may read or write, each a least-privilege data role on exactly that "+
		"resource for the managed identity, and databases and caches it connects to (docs/azure.md).")
	an.Describe(&a.RegistrySku, "The AUTO registry's SKU: `Basic` (default), `Standard` or `Premium`.")
	an.Describe(&a.KeyVaultId, "The resource id of the Key Vault (Azure RBAC, public cloud) that holds cloudSecrets.")
	an.Describe(&a.CloudSecrets, "Secrets of the Key Vault keyVaultId, delivered as env vars or files through the External "+
		"Secrets Operator (a SecretStore and one ExternalSecret); the managed identity may read exactly these. Their values "+
		"never pass through Pulumi. Needs the operator in the cluster and oidcIssuerUrl.")
}

// RoleAssignment grants the managed identity one role at one scope.
type RoleAssignment struct {
	RoleDefinitionId pulumi.StringInput `pulumi:"roleDefinitionId"`
	Scope            pulumi.StringInput `pulumi:"scope"`
}

// Annotate documents RoleAssignment.
func (r *RoleAssignment) Annotate(a infer.Annotator) {
	a.SetToken("azure", "RoleAssignment")
	a.Describe(r, "An Azure role for the service's managed identity.")
	a.Describe(&r.RoleDefinitionId, "The role definition's full id: `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`.")
	a.Describe(&r.Scope, "The resource id the role applies to, e.g. a storage account's `id`.")
}

// Link grants the managed identity a data role on one Azure resource and, with a name,
// hands the pods its address; or hands them the connection to a database or a cache.
type Link struct {
	Type      LinkType           `pulumi:"type"`
	Id        pulumi.StringInput `pulumi:"id,optional"`
	Access    *core.Access       `pulumi:"access,optional"`
	EntraAuth *bool              `pulumi:"entraAuth,optional"`
	Name      *string            `pulumi:"name,optional"`
	Host      pulumi.StringInput `pulumi:"host,optional"`
	Port      pulumi.StringInput `pulumi:"port,optional"`
	Database  pulumi.StringInput `pulumi:"database,optional"`
	User      pulumi.StringInput `pulumi:"user,optional"`
	Password  pulumi.StringInput `pulumi:"password,optional"`
	EnvNames  map[string]string  `pulumi:"envNames,optional"`
}

// Annotate documents Link.
func (l *Link) Annotate(a infer.Annotator) {
	a.SetToken("azure", "Link")
	a.Describe(l, "A data role on one Azure resource for the managed identity, and what the pods need to reach it "+
		"(docs/azure.md, docs/links.md).")
	a.Describe(&l.Type, "`storageAccount`, `storageContainer`, `serviceBusQueue`, `serviceBusTopic`, `keyVault`, "+
		"`eventHub`, `cosmosSql`: granted by `id` and `access`; `postgres`, `mysql` (Azure Database flexible servers), `redis` (Azure "+
		"Cache for Redis), `mongodb` (Cosmos DB for MongoDB): a connection by `host`, `port`, `database`, `user`, `password`.")
	a.Describe(&l.Id, "The resource's id, e.g. a storage account's `id` output (resource links).")
	a.Describe(&l.Access, "`read` or `write` (resource links): Storage Blob Data Reader / Contributor, Azure Service Bus "+
		"Data Receiver / Sender, Key Vault Secrets User / Officer, Azure Event Hubs Data Receiver / Sender, Cosmos DB "+
		"Built-in Data Reader / Contributor (a Cosmos DB SQL role assignment on the account).")
	a.Describe(&l.Name, "Names the env vars the link hands over (docs/azure.md); databases and caches as on the plain "+
		"variant. Required for databases and caches.")
	a.Describe(&l.Host, "A database's or cache's host, e.g. a flexible server's `fullyQualifiedDomainName`.")
	a.Describe(&l.Port, "Its port. Default: the engine's own (5432, 3306, 6380 for Azure Cache's TLS port, 10255).")
	a.Describe(&l.Database, "The database's name (postgres, mysql, mongodb).")
	a.Describe(&l.User, "The user to log in as (postgres, mysql, mongodb).")
	a.Describe(&l.Password, "The password (redis: the access key). Must be a secret, never a plain string. Stored in the "+
		"service's Secret; changing it rolls the pods. Not with `entraAuth`.")
	a.Describe(&l.EntraAuth, "Log in to the flexible server (postgres, mysql) as the managed identity with a Microsoft Entra "+
		"token instead of a password: no password is handed over, `<name>_db_user` is `user`, the database role the "+
		"server's Entra administrator created for the identity (its object id is the `principalId` output; docs/azure.md "+
		"has the SQL), and the application gets the token through Workload Identity (scope "+
		"`https://ossrdbms-aad.database.windows.net/.default`). Needs `oidcIssuerUrl`. Default false.")
	a.Describe(&l.EnvNames, "Other names for the env vars, by their key (`blob_endpoint`, `db_host`, …).")
}

// LinkType is the kind of Azure resource a link is to.
type LinkType string

// Values lists the link types.
func (LinkType) Values() []infer.EnumValue[LinkType] {
	return []infer.EnumValue[LinkType]{
		{Name: "StorageAccount", Value: "storageAccount", Description: "A storage account's blobs."},
		{Name: "StorageContainer", Value: "storageContainer", Description: "One blob container."},
		{Name: "ServiceBusQueue", Value: "serviceBusQueue", Description: "A Service Bus queue."},
		{Name: "ServiceBusTopic", Value: "serviceBusTopic", Description: "A Service Bus topic and its subscriptions."},
		{Name: "KeyVault", Value: "keyVault", Description: "A Key Vault's secrets (Azure RBAC)."},
		{Name: "EventHub", Value: "eventHub", Description: "An Event Hub."},
		{Name: "CosmosSql", Value: "cosmosSql", Description: "An Azure Cosmos DB for NoSQL account (its own data roles)."},
		{Name: "Postgres", Value: "postgres", Description: "Azure Database for PostgreSQL flexible server."},
		{Name: "Mysql", Value: "mysql", Description: "Azure Database for MySQL flexible server."},
		{Name: "Redis", Value: "redis", Description: "Azure Cache for Redis, Azure Managed Redis."},
		{Name: "Mongodb", Value: "mongodb", Description: "Azure Cosmos DB for MongoDB."},
	}
}

// Annotate names the enum.
func (t *LinkType) Annotate(a infer.Annotator) {
	a.SetToken("azure", "LinkType")
	a.Describe(t, "The kind of Azure resource a link is to.")
}

// Service is a k8s-service on AKS.
type Service struct {
	pulumi.ResourceState
	core.ServiceOutputs
	ClientId    pulumi.StringOutput `pulumi:"clientId"`
	PrincipalId pulumi.StringOutput `pulumi:"principalId"`

	name     string
	args     *ServiceArgs
	resolved resolved
}

// Annotate documents the component.
func (s *Service) Annotate(a infer.Annotator) {
	core.SetToken(a, Token)
	a.Describe(s, "A containerised service on AKS: the Kubernetes core of k8s-service:index:Service, plus an Azure "+
		"Container Registry for `image: AUTO`, a StandardSSD Azure Disk StorageClass, and a managed identity federated "+
		"with the service account (Azure Workload Identity).")
	a.Describe(&s.ClientId, "The client id of the service's managed identity; empty without `oidcIssuerUrl`.")
	a.Describe(&s.PrincipalId, "The object (principal) id of the service's managed identity, which a database's Entra "+
		"administrator maps to a role for `entraAuth` links; empty without `oidcIssuerUrl`.")
}

// RegistrySku is an Azure Container Registry SKU.
type RegistrySku string

// Values lists the SKUs.
func (RegistrySku) Values() []infer.EnumValue[RegistrySku] {
	return []infer.EnumValue[RegistrySku]{
		{Name: "Basic", Value: "Basic", Description: "The default: enough for one service's images."},
		{Name: "Standard", Value: "Standard", Description: "More storage and throughput."},
		{Name: "Premium", Value: "Premium", Description: "Geo-replication, private links, content trust."},
	}
}

// Annotate names the enum.
func (s *RegistrySku) Annotate(a infer.Annotator) {
	a.SetToken("azure", "RegistrySku")
	a.Describe(s, "An Azure Container Registry SKU.")
}
