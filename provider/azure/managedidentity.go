package azure

import (
	"github.com/pulumi/pulumi-azure-native-sdk/v2/utilities"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The two azure-native managedidentity resources the variant creates, registered as the
// generated SDK registers them (token, inputs, the package's default options and so its
// plugin version). The managedidentity SDK module is published at no azure-native version
// that the containerregistry and authorization modules share (the registry here serves it
// only at v2.79–v2.81, containerregistry only at v2.82 and v2.90), and one azure-native
// version across the module graph means one azure-native plugin for users: so these
// resources go through azure-native-sdk/v2's own utilities at that same version.

type userAssignedIdentity struct {
	pulumi.CustomResourceState

	ClientId    pulumi.StringOutput `pulumi:"clientId"`
	Name        pulumi.StringOutput `pulumi:"name"`
	PrincipalId pulumi.StringOutput `pulumi:"principalId"`
	TenantId    pulumi.StringOutput `pulumi:"tenantId"`
}

type federatedIdentityCredential struct {
	pulumi.CustomResourceState
}

func newUserAssignedIdentity(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) (*userAssignedIdentity, error) {
	var identity userAssignedIdentity
	err := ctx.RegisterResource("azure-native:managedidentity:UserAssignedIdentity", name, inputs, &identity,
		utilities.PkgResourceDefaultOpts(opts)...)
	return &identity, err
}

func newFederatedIdentityCredential(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) error {
	var credential federatedIdentityCredential
	return ctx.RegisterResource("azure-native:managedidentity:FederatedIdentityCredential", name, inputs, &credential,
		utilities.PkgResourceDefaultOpts(opts)...)
}
