package azure

import (
	"testing"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	containerregistry "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/internal/sdkparity"
)

// The registry and the role assignments are registered by token (resources.go): each
// must reach the engine exactly as the typed azure-native SDK would send it, defaults
// included, so that a stack made with the typed SDK sees no change.
func TestResourcesRegisterAsTheTypedSDK(t *testing.T) {
	const vault = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
	args := &ServiceArgs{
		ResourceGroupName: pulumi.String("rg"),
		Location:          pulumi.String("westeurope"),
		KubeletObjectId:   pulumi.String("kubelet-object-id"),
		OidcIssuerUrl:     pulumi.String("https://oidc.example/"),
		KeyVaultId:        pulumi.String(vault),
		RoleAssignments: []RoleAssignment{{
			RoleDefinitionId: pulumi.String("/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/reader"),
			Scope:            pulumi.String("/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data"),
		}},
		CloudSecrets: []CloudSecret{{Secret: pulumi.String("db-password")}},
	}
	args.Namespace = pulumi.String("apps")
	got := sdkparity.Record(t, func(ctx *pulumi.Context) error {
		if _, err := registerRegistry(ctx, "api", args, nil); err != nil {
			return err
		}
		identity, err := registerIdentity(ctx, "api", args, nil)
		if err != nil {
			return err
		}

		registry, err := containerregistry.NewRegistry(ctx, "typed-registry", &containerregistry.RegistryArgs{
			ResourceGroupName: args.ResourceGroupName,
			Location:          args.Location,
			Sku:               containerregistry.SkuArgs{Name: pulumi.String("Basic")},
			AdminUserEnabled:  pulumi.Bool(false),
		})
		if err != nil {
			return err
		}
		for name, assignment := range map[string]*authorization.RoleAssignmentArgs{
			"typed-acrpull": {
				PrincipalId:      args.KubeletObjectId,
				PrincipalType:    pulumi.String("ServicePrincipal"),
				RoleDefinitionId: pulumi.String("/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/" + acrPullRole),
				Scope:            registry.ID(),
			},
			"typed-role": {
				PrincipalId:      identity.PrincipalId,
				PrincipalType:    pulumi.String("ServicePrincipal"),
				RoleDefinitionId: args.RoleAssignments[0].RoleDefinitionId,
				Scope:            args.RoleAssignments[0].Scope,
			},
			"typed-secret": {
				PrincipalId:      identity.PrincipalId,
				PrincipalType:    pulumi.String("ServicePrincipal"),
				RoleDefinitionId: pulumi.String("/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/" + keyVaultSecretsUser),
				Scope:            pulumi.String(vault + "/secrets/db-password"),
			},
		} {
			if _, err := authorization.NewRoleAssignment(ctx, name, assignment); err != nil {
				return err
			}
		}
		return nil
	})
	sdkparity.RequireSame(t, got, registryName("api"), "typed-registry")
	sdkparity.RequireSame(t, got, "api-acrpull", "typed-acrpull")
	sdkparity.RequireSame(t, got, sdkparity.Only(t, got, "api-role-"), "typed-role")
	sdkparity.RequireSame(t, got, sdkparity.Only(t, got, "api-secret-"), "typed-secret")
}
