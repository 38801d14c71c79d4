package azure

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// Token is the AKS variant's type token.
const Token tokens.Type = "k8s-service:azure:Service" // #nosec G101 -- a type token, not a credential

// acrPullRole is the built-in AcrPull role definition.
const acrPullRole = "7f951dda-4ed3-4680-a7ca-43fe172d538d"

// azureDiskStorage is a StorageClass for the Azure Disk CSI driver, StandardSSD as Opta's.
var azureDiskStorage = &core.StorageClass{
	Provisioner: "disk.csi.azure.com",
	Parameters:  map[string]string{"skuName": "StandardSSD_LRS", "cachingMode": "ReadOnly"},
}

// NewService validates args, then registers the Azure resources and the Kubernetes core.
func NewService(ctx *pulumi.Context, name string, args *ServiceArgs, opts ...pulumi.ResourceOption) (*Service, error) {
	none := pulumi.String("").ToStringOutput()
	svc := &Service{ClientId: none, PrincipalId: none, name: name, args: args}
	err := core.Construct(ctx, Token, name, &args.ServiceArgs, svc, opts...)
	return svc, err
}

// Resolve checks the AKS inputs and keeps what they come to for Provision.
func (svc *Service) Resolve(_ string, cfg *core.Config) field.ErrorList {
	var errs field.ErrorList
	svc.resolved, errs = svc.args.resolve(cfg)
	return errs
}

// CreatesRegistry is true: AUTO creates an Azure Container Registry.
func (svc *Service) CreatesRegistry() bool { return true }

// Provision registers the registry and the managed identity and sets clientId.
func (svc *Service) Provision(ctx *pulumi.Context, cfg *core.Config) (core.Extensions, error) {
	name, args := svc.name, svc.args
	opts := []pulumi.ResourceOption{pulumi.Parent(svc)}
	ext, err := core.AutoRegistry(cfg, func() (pulumi.StringOutput, error) {
		return registerRegistry(ctx, name, args, opts)
	})
	if err != nil {
		return ext, err
	}
	ext.StorageClass = azureDiskStorage
	ext.LoadBalancerAnnotations = svc.resolved.loadBalancerAnnotations
	if args.OidcIssuerUrl != nil {
		identity, err := registerIdentity(ctx, name, args, opts)
		if err != nil {
			return ext, err
		}
		svc.ClientId, svc.PrincipalId = identity.ClientId, identity.PrincipalId
		ext.ServiceAccountAnnotations = pulumi.StringMap{"azure.workload.identity/client-id": identity.ClientId}
		ext.CloudSecrets = args.cloudSecrets(name, identity.TenantId)
		ext.PodLabels = map[string]string{"azure.workload.identity/use": "true"}
		ext.MountServiceAccountToken = true
	}
	return ext, nil
}

// registerRegistry creates the registry for `image: AUTO` (no admin user: pulls use the
// kubelet identity's AcrPull) and returns the service's repository URL in it.
func registerRegistry(ctx *pulumi.Context, name string, args *ServiceArgs, opts []pulumi.ResourceOption) (pulumi.StringOutput, error) {
	registry, err := newRegistry(ctx, registryName(name), pulumi.Map{
		"resourceGroupName": args.ResourceGroupName,
		"location":          args.Location,
		"sku":               pulumi.Map{"name": pulumi.String(args.registrySku())},
		"adminUserEnabled":  pulumi.Bool(false),
		// The defaults the typed SDK sends, so that a stack made by 0.2 sees no change.
		"networkRuleBypassOptions": pulumi.String("AzureServices"),
		"publicNetworkAccess":      pulumi.String("Enabled"),
		"zoneRedundancy":           pulumi.String("Disabled"),
	}, append(opts, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(strings.ReplaceAll(name, "-", ""))}}))...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	if err := newRoleAssignment(ctx, name+"-acrpull", pulumi.Map{
		"principalId":      args.KubeletObjectId,
		"principalType":    pulumi.String("ServicePrincipal"),
		"roleDefinitionId": registry.ID().ToStringOutput().ApplyT(subscriptionRole(acrPullRole)).(pulumi.StringOutput),
		"scope":            registry.ID(),
	}, opts...); err != nil {
		return pulumi.StringOutput{}, err
	}
	return pulumi.Sprintf("%s/%s", registry.LoginServer, name), nil
}

// subscriptionRole turns a built-in role's guid into its id in the subscription of a
// resource id (/subscriptions/<id>/...).
func subscriptionRole(guid string) func(resourceID string) (string, error) {
	return func(resourceID string) (string, error) {
		parts := strings.Split(resourceID, "/")
		if len(parts) < 3 || parts[1] != "subscriptions" {
			return "", fmt.Errorf("unexpected Azure resource id %q", resourceID)
		}
		return fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", parts[2], guid), nil
	}
}

// registerIdentity creates the managed identity, federates it with exactly this
// Kubernetes service account, and grants it the listed roles and secrets.
func registerIdentity(ctx *pulumi.Context, name string, args *ServiceArgs, opts []pulumi.ResourceOption) (*userAssignedIdentity, error) {
	identity, err := newUserAssignedIdentity(ctx, name, pulumi.Map{
		"resourceGroupName": args.ResourceGroupName,
		"location":          args.Location,
	}, opts...)
	if err != nil {
		return nil, err
	}
	if err := newFederatedIdentityCredential(ctx, name, pulumi.Map{
		"resourceGroupName": args.ResourceGroupName,
		"resourceName":      identity.Name,
		"issuer":            args.OidcIssuerUrl,
		"subject":           pulumi.Sprintf("system:serviceaccount:%s:%s", args.Namespace, name),
		"audiences":         pulumi.StringArray{pulumi.String("api://AzureADTokenExchange")},
	}, opts...); err != nil {
		return nil, err
	}
	for i, r := range args.RoleAssignments {
		// Named by the role's guid and the scope's last segment plus a hash of the whole
		// scope (Azure ids are long): `<name>-role-<guid>-<account>-<hash>`.
		assignment, alias := core.EntryName(name+"-role", i, func(v []string) string {
			return lastSegment(v[0]) + "-" + scopeName(v[1])
		}, r.RoleDefinitionId, r.Scope)
		if err := newRoleAssignment(ctx, assignment, pulumi.Map{
			"principalId":      identity.PrincipalId,
			"principalType":    pulumi.String("ServicePrincipal"),
			"roleDefinitionId": r.RoleDefinitionId,
			"scope":            r.Scope,
		}, append(opts, alias)...); err != nil {
			return nil, err
		}
	}
	if err := grantLinks(ctx, name, args.Links, identity.PrincipalId, opts); err != nil {
		return nil, err
	}
	return identity, grantSecrets(ctx, name, args, identity.PrincipalId, opts)
}

// lastSegment is the last part of an Azure resource id: a role definition's guid.
func lastSegment(id string) string {
	return id[strings.LastIndex(id, "/")+1:]
}

// scopeName is a scope's last segment and a hash of the whole id, unique and short.
func scopeName(scope string) string {
	return lastSegment(scope) + "-" + core.ShortHash(scope)
}

// registryName is the registry's logical name, from which azure-native autonames the
// registry (5-50 letters and digits, globally unique): the service's name without its
// dashes, cut to 30, and a hash of the whole name, so `my-api` and `myapi` cannot
// collide. It aliases 0.1's dash-free name, so existing registries (and their images) stay.
func registryName(service string) string {
	alnum := strings.ReplaceAll(service, "-", "")
	if len(alnum) > 30 {
		alnum = alnum[:30]
	}
	return alnum + core.ShortHash(service)
}

// aksLoadBalancer is the AKS cloud provider's load balancer by scheme: internal by
// annotation, public by default.
var aksLoadBalancer = map[core.LoadBalancerScheme]map[string]string{
	core.SchemeInternal: {"service.beta.kubernetes.io/azure-load-balancer-internal": "true"},
	core.SchemeExternal: {},
}
