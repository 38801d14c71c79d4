package azure

import (
	"github.com/pulumi/pulumi-azure-native-sdk/v2/utilities"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The azure-native resources the variant creates, registered as their generated SDK
// registers them: the token, the inputs by their schema names, and the package's default
// options (and so its plugin version), through azure-native-sdk/v2's own utilities.
//
// Why not the typed SDK modules:
//   - managedidentity is published at no azure-native version that the others share (the
//     registry here serves it only at v2.79–v2.81), and one azure-native version across
//     the module graph means one azure-native plugin for users;
//   - containerregistry and authorization would add 7 MB to the plugin for one resource
//     type each: a generated SDK registers every type of its module at start-up, so the
//     linker keeps them all (docs/benchmarks.md, "Plugin size").
//
// resources_test.go registers each beside its typed SDK resource under mocks and requires
// the same request: token, version and inputs.

const (
	userAssignedIdentityType        = "azure-native:managedidentity:UserAssignedIdentity"
	federatedIdentityCredentialType = "azure-native:managedidentity:FederatedIdentityCredential"
	registryType                    = "azure-native:containerregistry:Registry"
	roleAssignmentType              = "azure-native:authorization:RoleAssignment"
	sqlRoleAssignmentType           = "azure-native:documentdb:SqlResourceSqlRoleAssignment"
)

type userAssignedIdentity struct {
	pulumi.CustomResourceState

	ClientId    pulumi.StringOutput `pulumi:"clientId"`
	Name        pulumi.StringOutput `pulumi:"name"`
	PrincipalId pulumi.StringOutput `pulumi:"principalId"`
	TenantId    pulumi.StringOutput `pulumi:"tenantId"`
}

type registry struct {
	pulumi.CustomResourceState

	LoginServer pulumi.StringOutput `pulumi:"loginServer"`
}

// resource is a resource whose outputs the component does not read.
type resource struct {
	pulumi.CustomResourceState
}

func newUserAssignedIdentity(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) (*userAssignedIdentity, error) {
	var identity userAssignedIdentity
	return &identity, register(ctx, userAssignedIdentityType, name, inputs, &identity, opts)
}

func newFederatedIdentityCredential(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) error {
	return register(ctx, federatedIdentityCredentialType, name, inputs, &resource{}, opts)
}

func newRegistry(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) (*registry, error) {
	var r registry
	return &r, register(ctx, registryType, name, inputs, &r, opts)
}

func newRoleAssignment(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) error {
	return register(ctx, roleAssignmentType, name, inputs, &resource{}, opts)
}

// newSQLRoleAssignment registers a Cosmos DB for NoSQL role assignment (its documentdb
// module is not published at this azure-native version here, so it has no typed twin in
// resources_test.go; its inputs are the v2.90.0 schema's).
func newSQLRoleAssignment(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) error {
	return register(ctx, sqlRoleAssignmentType, name, inputs, &resource{}, opts)
}

// register registers one resource with the package's default options. Inputs left nil
// (an optional input not given) are not sent, as the typed SDKs omit them.
func register(ctx *pulumi.Context, token, name string, inputs pulumi.Map, state pulumi.CustomResource, opts []pulumi.ResourceOption) error {
	for k, v := range inputs {
		if v == nil {
			delete(inputs, k)
		}
	}
	return ctx.RegisterResource(token, name, inputs, state, utilities.PkgResourceDefaultOpts(opts)...)
}
