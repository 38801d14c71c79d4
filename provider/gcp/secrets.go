package gcp

import (
	"regexp"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// CloudSecret is one Secret Manager secret of the project, read by the External Secrets
// Operator as the Google service account.
type CloudSecret struct {
	Env     *string            `pulumi:"env,optional"`
	Path    *string            `pulumi:"path,optional"`
	Secret  pulumi.StringInput `pulumi:"secret"`
	Version *string            `pulumi:"version,optional"`
}

// Annotate documents CloudSecret.
func (s *CloudSecret) Annotate(a infer.Annotator) {
	a.SetToken("gcp", "CloudSecret")
	core.DescribeDelivery(a, &s.Env, &s.Path)
	a.Describe(s, "A Secret Manager secret of `project`, synced into the pods by the External Secrets Operator through "+
		"Workload Identity; the Google service account gets roles/secretmanager.secretAccessor on this secret alone.")
	a.Describe(&s.Secret, "The secret's id, e.g. a gcp.secretmanager.Secret's `secretId` output.")
	a.Describe(&s.Version, "A pinned version number; changing it rolls the pods. Default `latest`, read again every hour, "+
		"which reaches new pods only.")
}

// Delivery is where the secret is delivered.
func (s CloudSecret) Delivery() core.SecretDelivery {
	return core.SecretDelivery{Env: s.Env, Path: s.Path}
}

// secretAccessor reads a secret's versions and nothing else.
const secretAccessor = "roles/secretmanager.secretAccessor"

var (
	secretID      = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)
	secretVersion = regexp.MustCompile(`^(latest|[1-9][0-9]*)$`)
)

func (a *ServiceArgs) validateCloudSecrets() field.ErrorList {
	p := field.NewPath("cloudSecrets")
	errs := core.ValidateSecretDeliveries(&a.ServiceArgs, a.CloudSecrets, p)
	for i, s := range a.CloudSecrets {
		sp := p.Index(i)
		if s.Secret == nil {
			errs = append(errs, field.Required(sp.Child("secret"), "the Secret Manager secret's id"))
		} else if id, ok := core.KnownString(s.Secret); ok && !secretID.MatchString(id) {
			errs = append(errs, field.Invalid(sp.Child("secret"), id,
				"must be a secret id of `project` (letters, digits, '-' and '_'), not its resource name"))
		}
		if s.Version != nil && !secretVersion.MatchString(*s.Version) {
			errs = append(errs, field.Invalid(sp.Child("version"), *s.Version, "must be `latest` or a version number"))
		}
	}
	return errs
}

// cloudSecrets is one SecretStore for the project's Secret Manager, which the operator
// reads as the Google service account the Kubernetes one is bound to.
func (a *ServiceArgs) cloudSecrets(name string) core.CloudSecrets {
	if len(a.CloudSecrets) == 0 {
		return core.CloudSecrets{}
	}
	out := core.CloudSecrets{Stores: []core.SecretStore{{Suffix: "-secretmanager", Provider: pulumi.Map{
		"gcpsm": pulumi.Map{
			"projectID": a.Project,
			"auth":      pulumi.Map{"workloadIdentity": pulumi.Map{"serviceAccountRef": pulumi.Map{"name": pulumi.String(name)}}},
		},
	}}}}
	for _, s := range a.CloudSecrets {
		env, path := s.Delivery().Target()
		version := "latest"
		if s.Version != nil {
			version = *s.Version
		}
		out.Refs = append(out.Refs, core.CloudSecretRef{Store: "-secretmanager", Key: s.Secret, Version: version, Env: env, Path: path})
	}
	return out
}

// grantSecrets lets the Google service account read exactly the referenced secrets.
func grantSecrets(ctx *pulumi.Context, name string, args *ServiceArgs, member pulumi.StringInput, opts []pulumi.ResourceOption) error {
	for i, s := range args.CloudSecrets {
		binding, alias := core.EntryName(name+"-secret", i, nil, s.Secret)
		if err := newIAMMember(ctx, secretIamMemberType, binding, pulumi.Map{
			"project": args.Project, "secretId": s.Secret, "role": pulumi.String(secretAccessor), "member": member,
		}, append(opts, alias)...); err != nil {
			return err
		}
	}
	return nil
}
