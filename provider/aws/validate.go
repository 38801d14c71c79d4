package aws

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// resolved is what the EKS inputs come to, worked out once (Resolve) for Provision.
type resolved struct {
	loadBalancerAnnotations map[string]string
}

// resolve checks the EKS inputs, given the core's Config; the core reports these with its own.
func (a *ServiceArgs) resolve(cfg *core.Config) (resolved, field.ErrorList) {
	var r resolved
	var errs field.ErrorList
	r.loadBalancerAnnotations, errs = a.LoadBalancerArgs.ResolveScheme(cfg.Exposure, nlb)
	identity := a.OidcProviderArn != nil || a.OidcIssuerUrl != nil
	switch {
	case a.OidcProviderArn != nil && a.OidcIssuerUrl == nil:
		errs = append(errs, field.Required(field.NewPath("oidcIssuerUrl"), "needed with oidcProviderArn to trust the cluster's OIDC issuer"))
	case a.OidcIssuerUrl != nil && a.OidcProviderArn == nil:
		errs = append(errs, field.Required(field.NewPath("oidcProviderArn"), "needed with oidcIssuerUrl to trust the cluster's OIDC provider"))
	}
	if !identity && len(grantingLinks(a.Links)) > 0 {
		errs = append(errs, field.Forbidden(field.NewPath("links"),
			"grants go to the service account's IAM role, which needs oidcProviderArn and oidcIssuerUrl"))
	}
	if !identity && len(a.AdditionalIamPolicies) > 0 {
		errs = append(errs, field.Forbidden(field.NewPath("additionalIamPolicies"),
			"policies attach to the service account's IAM role, which needs oidcProviderArn and oidcIssuerUrl"))
	}
	if identity {
		errs = append(errs, core.RequireNamespace(&a.ServiceArgs, "the IAM role trusts exactly system:serviceaccount:<namespace>:<name>")...)
	}
	if v, ok := core.KnownString(a.OidcIssuerUrl); ok && !strings.HasPrefix(v, "https://") {
		errs = append(errs, field.Invalid(field.NewPath("oidcIssuerUrl"), v, "must be the issuer's https:// URL"))
	}
	if v, ok := core.KnownString(a.OidcProviderArn); ok {
		if service, resource := splitArn(v); service != "iam" || !strings.HasPrefix(resource, "oidc-provider/") {
			errs = append(errs, field.Invalid(field.NewPath("oidcProviderArn"), v, "must be an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/...)"))
		}
	}
	for i, p := range a.AdditionalIamPolicies {
		if v, ok := core.KnownString(p); ok {
			if service, resource := splitArn(v); service != "iam" || !strings.HasPrefix(resource, "policy/") {
				errs = append(errs, field.Invalid(field.NewPath("additionalIamPolicies").Index(i), v, "must be an IAM policy ARN (arn:aws:iam::<account>:policy/...)"))
			}
		}
	}
	errs = append(errs, resolveLinks(a.Links, cfg)...)
	return r, append(errs, a.validateCloudSecrets()...)
}

// checkArn: the ARN must belong to the link's service, and name one resource.
func checkArn(i int, linkType, arn string) *field.Error {
	service, resource := splitArn(arn)
	if service != arnService[linkType] || resource == "" || strings.Contains(resource, "*") {
		return field.Invalid(field.NewPath("links").Index(i).Child("arn"), arn,
			fmt.Sprintf("must be the ARN of one %s resource (arn:aws:%s:...), without wildcards", linkType, arnService[linkType]))
	}
	return nil
}

// splitArn returns an ARN's service and resource (arn:partition:service:region:account:resource).
func splitArn(arn string) (service, resource string) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return "", ""
	}
	return parts[2], parts[5]
}
