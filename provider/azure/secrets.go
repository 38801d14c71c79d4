package azure

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// CloudSecret is one secret of the Key Vault keyVaultId, read by the External Secrets
// Operator as the managed identity.
type CloudSecret struct {
	Env     *string            `pulumi:"env,optional"`
	Path    *string            `pulumi:"path,optional"`
	Secret  pulumi.StringInput `pulumi:"secret"`
	Version *string            `pulumi:"version,optional"`
}

// Annotate documents CloudSecret.
func (s *CloudSecret) Annotate(a infer.Annotator) {
	a.SetToken("azure", "CloudSecret")
	core.DescribeDelivery(a, &s.Env, &s.Path)
	a.Describe(s, "A secret of the Key Vault `keyVaultId`, synced into the pods by the External Secrets Operator through "+
		"Azure Workload Identity; the managed identity gets Key Vault Secrets User on this secret alone.")
	a.Describe(&s.Secret, "The secret's name in the vault, e.g. an azure-native keyvault Secret's `name` output.")
	a.Describe(&s.Version, "A pinned version (32 hexadecimal characters); changing it rolls the pods. Unpinned, the current "+
		"version is read again every hour, which reaches new pods only.")
}

// Delivery is where the secret is delivered.
func (s CloudSecret) Delivery() core.SecretDelivery {
	return core.SecretDelivery{Env: s.Env, Path: s.Path}
}

// keyVaultSecretsUser is the built-in role that reads secret contents.
const keyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6" // #nosec G101 -- a role definition id, not a credential

var (
	vaultSecretName    = regexp.MustCompile(`^[0-9A-Za-z-]{1,127}$`)
	vaultSecretVersion = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

func (a *ServiceArgs) validateCloudSecrets() field.ErrorList {
	if len(a.CloudSecrets) == 0 {
		if a.KeyVaultId != nil {
			return field.ErrorList{field.Forbidden(field.NewPath("keyVaultId"), "the vault of cloudSecrets: set it with them")}
		}
		return nil
	}
	p := field.NewPath("cloudSecrets")
	errs := core.ValidateSecretDeliveries(&a.ServiceArgs, a.CloudSecrets, p)
	if a.OidcIssuerUrl == nil {
		errs = append(errs, field.Forbidden(p, "the External Secrets Operator reads them as the service's managed identity, "+
			"which needs oidcIssuerUrl"))
	}
	if a.KeyVaultId == nil {
		errs = append(errs, field.Required(field.NewPath("keyVaultId"), "the Key Vault that holds cloudSecrets"))
	} else if id, ok := core.KnownString(a.KeyVaultId); ok {
		if _, err := vaultURL(id); err != nil {
			errs = append(errs, field.Invalid(field.NewPath("keyVaultId"), id, err.Error()))
		}
	}
	for i, s := range a.CloudSecrets {
		sp := p.Index(i)
		if s.Secret == nil {
			errs = append(errs, field.Required(sp.Child("secret"), "the secret's name in the vault"))
		} else if name, ok := core.KnownString(s.Secret); ok && !vaultSecretName.MatchString(name) {
			errs = append(errs, field.Invalid(sp.Child("secret"), name, "must be a Key Vault secret name: 1-127 letters, digits or '-'"))
		}
		if s.Version != nil && !vaultSecretVersion.MatchString(*s.Version) {
			errs = append(errs, field.Invalid(sp.Child("version"), *s.Version, "must be a secret version: 32 lowercase hexadecimal characters"))
		}
	}
	return errs
}

// vaultURL is a vault's URI in Azure's public cloud, from its resource id
// (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>).
func vaultURL(id string) (string, error) {
	parts := strings.Split(id, "/")
	if len(parts) != 9 || parts[0] != "" || !strings.EqualFold(parts[1], "subscriptions") ||
		!strings.EqualFold(parts[3], "resourceGroups") || !strings.EqualFold(parts[6], "Microsoft.KeyVault") ||
		!strings.EqualFold(parts[7], "vaults") || parts[8] == "" {
		return "", fmt.Errorf("must be a Key Vault's resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>")
	}
	return "https://" + parts[8] + ".vault.azure.net", nil
}

// cloudSecrets is one SecretStore for the vault, which the operator reads as the managed
// identity (the service account's azure.workload.identity/client-id, in its tenant).
func (a *ServiceArgs) cloudSecrets(name string, tenantID pulumi.StringInput) core.CloudSecrets {
	if len(a.CloudSecrets) == 0 {
		return core.CloudSecrets{}
	}
	out := core.CloudSecrets{Stores: []core.SecretStore{{Suffix: "-keyvault", Provider: pulumi.Map{
		"azurekv": pulumi.Map{
			"authType":          pulumi.String("WorkloadIdentity"),
			"vaultUrl":          a.KeyVaultId.ToStringOutput().ApplyT(vaultURL).(pulumi.StringOutput),
			"tenantId":          tenantID,
			"serviceAccountRef": pulumi.Map{"name": pulumi.String(name)},
		},
	}}}}
	for _, s := range a.CloudSecrets {
		env, path := s.Delivery().Target()
		version := ""
		if s.Version != nil {
			version = *s.Version
		}
		out.Refs = append(out.Refs, core.CloudSecretRef{Store: "-keyvault", Key: s.Secret, Version: version, Env: env, Path: path})
	}
	return out
}

// grantSecrets lets the managed identity read exactly the referenced secrets: a role
// assignment scoped to each (the vault must use Azure RBAC).
func grantSecrets(ctx *pulumi.Context, name string, args *ServiceArgs, principalID pulumi.StringInput, opts []pulumi.ResourceOption) error {
	for i, s := range args.CloudSecrets {
		assignment, alias := core.EntryName(name+"-secret", i, nil, s.Secret)
		if err := newRoleAssignment(ctx, assignment, pulumi.Map{
			"principalId":      principalID,
			"principalType":    pulumi.String("ServicePrincipal"),
			"roleDefinitionId": args.KeyVaultId.ToStringOutput().ApplyT(subscriptionRole(keyVaultSecretsUser)).(pulumi.StringOutput),
			"scope":            pulumi.Sprintf("%s/secrets/%s", args.KeyVaultId, s.Secret),
		}, append(opts, alias)...); err != nil {
			return err
		}
	}
	return nil
}
