package gcp

import (
	"testing"

	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/projects"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/pubsub"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/secretmanager"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/storage"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
	"github.com/k8s-service/pulumi-k8s-service/provider/internal/sdkparity"
)

// The bucket, topic, subscription, secret and project IAM members are registered by token (resources.go): each must
// reach the engine exactly as the typed pulumi-gcp SDK would send it, at its version.
func TestResourcesRegisterAsTheTypedSDK(t *testing.T) {
	write := core.Access("write")
	args := &ServiceArgs{
		Project:            pulumi.String("proj"),
		AdditionalIamRoles: []string{"roles/pubsub.subscriber"},
		Links: []Link{{Bucket: pulumi.String("uploads"), Access: &write},
			{Type: ref[LinkType]("pubsubTopic"), Topic: pulumi.String("orders")},
			{Type: ref[LinkType]("pubsubSubscription"), Subscription: pulumi.String("orders-worker")},
			{Type: ref[LinkType]("firestore"), Access: &write}},
		CloudSecrets: []CloudSecret{{Secret: pulumi.String("db-password")}},
	}
	args.Namespace = pulumi.String("apps")
	got := sdkparity.Record(t, func(ctx *pulumi.Context) error {
		email, err := registerIdentity(ctx, "api", args, "api-k8s", nil)
		if err != nil {
			return err
		}
		member := pulumi.Sprintf("serviceAccount:%s", email)
		if _, err := storage.NewBucketIAMMember(ctx, "typed-bucket", &storage.BucketIAMMemberArgs{
			Bucket: pulumi.String("uploads"), Role: pulumi.String("roles/storage.objectUser"), Member: member,
		}); err != nil {
			return err
		}
		if _, err := projects.NewIAMMember(ctx, "typed-role", &projects.IAMMemberArgs{
			Project: pulumi.String("proj"), Role: pulumi.String("roles/pubsub.subscriber"), Member: member,
		}); err != nil {
			return err
		}
		if _, err := projects.NewIAMMember(ctx, "typed-firestore", &projects.IAMMemberArgs{
			Project: pulumi.String("proj"), Role: pulumi.String("roles/datastore.user"), Member: member,
			Condition: &projects.IAMMemberConditionArgs{
				Title:      pulumi.String("firestore (default)"),
				Expression: pulumi.String(`resource.name == "projects/proj/databases/(default)"`),
			},
		}); err != nil {
			return err
		}
		if _, err := pubsub.NewTopicIAMMember(ctx, "typed-topic", &pubsub.TopicIAMMemberArgs{
			Project: pulumi.String("proj"), Topic: pulumi.String("orders"), Role: pulumi.String("roles/pubsub.publisher"), Member: member,
		}); err != nil {
			return err
		}
		if _, err := pubsub.NewSubscriptionIAMMember(ctx, "typed-subscription", &pubsub.SubscriptionIAMMemberArgs{
			Project: pulumi.String("proj"), Subscription: pulumi.String("orders-worker"),
			Role: pulumi.String("roles/pubsub.subscriber"), Member: member,
		}); err != nil {
			return err
		}
		_, err = secretmanager.NewSecretIamMember(ctx, "typed-secret", &secretmanager.SecretIamMemberArgs{
			Project: pulumi.String("proj"), SecretId: pulumi.String("db-password"),
			Role: pulumi.String("roles/secretmanager.secretAccessor"), Member: member,
		})
		return err
	})
	sdkparity.RequireSame(t, got, sdkparity.Only(t, got, "api-bucket-"), "typed-bucket")
	sdkparity.RequireSame(t, got, sdkparity.Only(t, got, "api-secret-"), "typed-secret")
	sdkparity.RequireSame(t, got, sdkparity.Only(t, got, "api-role-"), "typed-role")
	sdkparity.RequireSame(t, got, sdkparity.Only(t, got, "api-topic-"), "typed-topic")
	sdkparity.RequireSame(t, got, sdkparity.Only(t, got, "api-firestore-"), "typed-firestore")
	sdkparity.RequireSame(t, got, sdkparity.Only(t, got, "api-subscription-"), "typed-subscription")
}

func ref[T any](v T) *T { return &v }
