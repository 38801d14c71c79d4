package aws

import (
	"encoding/json"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type lifecycleRule struct {
	RulePriority int               `json:"rulePriority"`
	Description  string            `json:"description"`
	Selection    lifecycleSelector `json:"selection"`
	Action       map[string]string `json:"action"`
}

type lifecycleSelector struct {
	TagStatus     string   `json:"tagStatus"`
	TagPrefixList []string `json:"tagPrefixList,omitempty"`
	CountType     string   `json:"countType"`
	CountNumber   int      `json:"countNumber"`
}

// LifecyclePolicy keeps what Opta kept: the last 5 untagged images, the last 10 `prod*`
// and the last 20 `dev*` tags.
func LifecyclePolicy() (string, error) {
	keep := func(priority int, description, status string, prefixes []string, count int) lifecycleRule {
		return lifecycleRule{
			RulePriority: priority, Description: description,
			Selection: lifecycleSelector{TagStatus: status, TagPrefixList: prefixes, CountType: "imageCountMoreThan", CountNumber: count},
			Action:    map[string]string{"type": "expire"},
		}
	}
	b, err := json.Marshal(map[string][]lifecycleRule{"rules": {
		keep(1, "Keep the last 5 untagged images", "untagged", nil, 5),
		keep(2, "Keep the last 10 prod images", "tagged", []string{"prod"}, 10),
		keep(3, "Keep the last 20 dev images", "tagged", []string{"dev"}, 20),
	}})
	return string(b), err
}

// registerRegistry creates the private ECR repository for `image: AUTO`: scanned on
// push, KMS-encrypted, pruned by the lifecycle policy.
func registerRegistry(ctx *pulumi.Context, name string, args *ServiceArgs, opts []pulumi.ResourceOption) (*ecr.Repository, error) {
	repo, err := ecr.NewRepository(ctx, name, &ecr.RepositoryArgs{
		ImageScanningConfiguration: ecr.RepositoryImageScanningConfigurationArgs{ScanOnPush: pulumi.Bool(true)},
		EncryptionConfigurations: ecr.RepositoryEncryptionConfigurationArray{
			ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS")},
		},
		ImageTagMutability: pulumi.String("MUTABLE"),
		ForceDelete:        pulumi.Bool(args.ForceDeleteRegistry != nil && *args.ForceDeleteRegistry),
	}, opts...)
	if err != nil {
		return nil, err
	}
	policy, err := LifecyclePolicy()
	if err != nil {
		return nil, err
	}
	_, err = ecr.NewLifecyclePolicy(ctx, name, &ecr.LifecyclePolicyArgs{
		Repository: repo.Name,
		Policy:     pulumi.String(policy),
	}, opts...)
	return repo, err
}
