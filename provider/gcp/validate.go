package gcp

import (
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// resolved is what the GKE inputs come to, worked out once (Resolve) for Provision.
type resolved struct {
	accountID, diskType     string
	loadBalancerAnnotations map[string]string
}

// resolve checks the GKE inputs, given the core's Config; the core reports these with its own.
func (a *ServiceArgs) resolve(name string, cfg *core.Config) (resolved, field.ErrorList) {
	r := resolved{accountID: a.accountID(name), diskType: string(deref(a.DiskType, "pd-balanced"))}
	var errs field.ErrorList
	r.loadBalancerAnnotations, errs = a.LoadBalancerArgs.ResolveScheme(cfg.Exposure, gkeLoadBalancer)
	if a.Project == nil {
		errs = append(errs, field.Required(field.NewPath("project"), "the Google Cloud project"))
	}
	if core.IsAuto(a.ImageArgs) && a.Location == nil {
		errs = append(errs, field.Required(field.NewPath("location"), "the Artifact Registry location for image AUTO, e.g. us-central1"))
	}
	errs = append(errs, core.RequireNamespace(&a.ServiceArgs,
		"Workload Identity binds exactly <project>.svc.id.goog[<namespace>/<name>]")...)
	errs = append(errs, core.CheckEnum(DiskType(r.diskType), field.NewPath("diskType"))...)
	if !validAccountID(r.accountID) {
		errs = append(errs, field.Invalid(field.NewPath("serviceAccountId"), r.accountID,
			"must be 6-30 lowercase letters, digits or '-', starting with a letter (set serviceAccountId when the name does not fit)"))
	}
	for i, role := range a.AdditionalIamRoles {
		if !strings.HasPrefix(role, "roles/") && !strings.HasPrefix(role, "projects/") && !strings.HasPrefix(role, "organizations/") {
			errs = append(errs, field.Invalid(field.NewPath("additionalIamRoles").Index(i), role,
				"must be a role name such as roles/pubsub.subscriber or projects/<project>/roles/<custom>"))
		}
		if role == "roles/owner" || role == "roles/editor" {
			errs = append(errs, field.Forbidden(field.NewPath("additionalIamRoles").Index(i), "basic roles grant far more than a service needs"))
		}
	}
	errs = append(errs, a.resolveLinks(r.accountID, cfg)...)
	return r, append(errs, a.validateCloudSecrets()...)
}

func deref[T any](p *T, fallback T) T {
	if p == nil {
		return fallback
	}
	return *p
}

// accountID is serviceAccountId, or the service's name fitted to 6-30 characters: a
// short name gets "-k8s" (as before), and "-k8s-sa" where that is still too short.
func (a *ServiceArgs) accountID(name string) string {
	if a.ServiceAccountId != nil {
		return *a.ServiceAccountId
	}
	if len(name) < 6 {
		name += "-k8s"
	}
	if len(name) < 6 {
		name += "-sa"
	}
	if len(name) > 30 {
		name = strings.TrimRight(name[:30], "-")
	}
	return name
}

func validAccountID(id string) bool {
	if len(id) < 6 || len(id) > 30 || id[0] < 'a' || id[0] > 'z' || strings.HasSuffix(id, "-") {
		return false
	}
	for _, r := range id {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}
