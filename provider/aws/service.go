package aws

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// Token is the EKS variant's type token.
const Token = "k8s-service:aws:Service"

// ebsStorage is a StorageClass for the EBS CSI driver: encrypted gp3.
var ebsStorage = &core.StorageClass{
	Provisioner: "ebs.csi.aws.com",
	Parameters:  map[string]string{"type": "gp3", "encrypted": "true", "csi.storage.k8s.io/fstype": "ext4"},
}

// NewService validates args, then registers the AWS resources and the Kubernetes core.
func NewService(ctx *pulumi.Context, name string, args *ServiceArgs, opts ...pulumi.ResourceOption) (*Service, error) {
	svc := &Service{RoleArn: pulumi.String("").ToStringOutput()}
	err := core.Construct(ctx, Token, name, &args.ServiceArgs, core.Variant{AutoImage: true, Errors: args.validate()}, svc,
		func(ctx *pulumi.Context, parent pulumi.Resource) (core.Extensions, error) {
			return svc.provision(ctx, parent, name, args)
		},
		opts...)
	return svc, err
}

func (svc *Service) provision(ctx *pulumi.Context, parent pulumi.Resource, name string, args *ServiceArgs) (core.Extensions, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(parent)}
	ext, err := core.AutoRegistry(&args.ServiceArgs, func() (pulumi.StringOutput, error) {
		repo, err := registerRegistry(ctx, name, args, opts)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		return repo.RepositoryUrl, nil
	})
	if err != nil {
		return ext, err
	}
	ext.StorageClass = ebsStorage
	if args.OidcProviderArn != nil {
		role, err := registerRole(ctx, name, args, args.Namespace, opts)
		if err != nil {
			return ext, err
		}
		svc.RoleArn = role.Arn
		ext.ServiceAccountAnnotations = pulumi.StringMap{"eks.amazonaws.com/role-arn": role.Arn}
		ext.MountServiceAccountToken = true
	}
	return ext, nil
}
