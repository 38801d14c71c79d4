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

// Service is a k8s-service on AKS.
type Service struct {
	pulumi.ResourceState
	core.ServiceOutputs
	ClientId pulumi.StringOutput `pulumi:"clientId"`

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
