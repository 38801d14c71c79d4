package azure

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// resolved is what the AKS inputs come to, worked out once (Resolve) for Provision.
type resolved struct {
	loadBalancerAnnotations map[string]string
}

// resolve checks the AKS inputs, given the core's Config; the core reports these with its own.
func (a *ServiceArgs) resolve(cfg *core.Config) (resolved, field.ErrorList) {
	var r resolved
	var errs field.ErrorList
	r.loadBalancerAnnotations, errs = a.LoadBalancerArgs.ResolveScheme(cfg.Exposure, aksLoadBalancer)
	if a.ResourceGroupName == nil {
		errs = append(errs, field.Required(field.NewPath("resourceGroupName"), "the resource group for the registry and identity"))
	}
	if core.IsAuto(a.ImageArgs) && a.KubeletObjectId == nil {
		errs = append(errs, field.Required(field.NewPath("kubeletObjectId"),
			"image AUTO creates a registry the nodes must pull from: the kubelet identity's object id gets AcrPull"))
	}
	if a.OidcIssuerUrl == nil && len(a.RoleAssignments) > 0 {
		errs = append(errs, field.Forbidden(field.NewPath("roleAssignments"),
			"roles go to the service's managed identity, which needs oidcIssuerUrl"))
	}
	if a.OidcIssuerUrl != nil {
		errs = append(errs, core.RequireNamespace(&a.ServiceArgs,
			"the federated credential trusts exactly system:serviceaccount:<namespace>:<name>")...)
	}
	if v, ok := a.OidcIssuerUrl.(pulumi.String); ok && !strings.HasPrefix(string(v), "https://") {
		errs = append(errs, field.Invalid(field.NewPath("oidcIssuerUrl"), string(v), "must be the issuer's https:// URL"))
	}
	errs = append(errs, core.CheckEnum(RegistrySku(a.registrySku()), field.NewPath("registrySku"))...)
	for i, r := range a.RoleAssignments {
		p := field.NewPath("roleAssignments").Index(i)
		if r.RoleDefinitionId == nil {
			errs = append(errs, field.Required(p.Child("roleDefinitionId"), "the role definition's full id"))
		} else if v, ok := r.RoleDefinitionId.(pulumi.String); ok && !strings.Contains(string(v), "/providers/Microsoft.Authorization/roleDefinitions/") {
			errs = append(errs, field.Invalid(p.Child("roleDefinitionId"), string(v),
				"must be a role definition id: /subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>"))
		}
		if r.Scope == nil {
			errs = append(errs, field.Required(p.Child("scope"), "the resource id the role applies to"))
		}
	}
	errs = append(errs, a.resolveLinks(cfg)...)
	return r, append(errs, a.validateCloudSecrets()...)
}

func (a *ServiceArgs) registrySku() string {
	if a.RegistrySku == nil {
		return "Basic"
	}
	return string(*a.RegistrySku)
}
