package gcp

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The gcp resources the variant registers by token instead of through their typed SDK
// packages: storage, pubsub, secretmanager and projects would add megabytes to the plugin
// for one or two IAM member types each, since a generated SDK registers every type of its package at start-up and the
// linker keeps them all (docs/benchmarks.md, "Plugin size"). They are registered as the
// typed SDK registers them: the token, the inputs by their schema names and the package's
// plugin version. resources_test.go registers each beside its typed SDK resource under
// mocks and requires the same request.

const (
	bucketIAMMemberType       = "gcp:storage/bucketIAMMember:BucketIAMMember"
	topicIAMMemberType        = "gcp:pubsub/topicIAMMember:TopicIAMMember"
	subscriptionIAMMemberType = "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember"
	secretIamMemberType       = "gcp:secretmanager/secretIamMember:SecretIamMember"
	projectIAMMemberType      = "gcp:projects/iAMMember:IAMMember"
)

// gcpVersion is the pulumi-gcp SDK's version in go.mod, which its typed resources ask the
// engine for (its utilities that say so are internal to the module); resources_test.go
// fails when the two differ.
const gcpVersion = "7.38.0"

// iamMember is an IAM member resource: the component reads none of its outputs.
type iamMember struct {
	pulumi.CustomResourceState
}

// newIAMMember registers an IAM member of the resource type typ.
func newIAMMember(ctx *pulumi.Context, typ, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) error {
	return ctx.RegisterResource(typ, name, inputs, &iamMember{}, withVersion(opts)...)
}

// withVersion puts the package's version first, as the typed SDK does, so that a caller's
// own Version option still wins.
func withVersion(opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	return append([]pulumi.ResourceOption{pulumi.Version(gcpVersion)}, opts...)
}
