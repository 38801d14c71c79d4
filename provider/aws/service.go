package aws

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// Token is the EKS variant's type token.
const Token tokens.Type = "k8s-service:aws:Service" // #nosec G101 -- a type token, not a credential

// ebsStorage is a StorageClass for the EBS CSI driver: encrypted gp3.
var ebsStorage = &core.StorageClass{
	Provisioner: "ebs.csi.aws.com",
	Parameters:  map[string]string{"type": "gp3", "encrypted": "true", "csi.storage.k8s.io/fstype": "ext4"},
}

// NewService validates args, then registers the AWS resources and the Kubernetes core.
func NewService(ctx *pulumi.Context, name string, args *ServiceArgs, opts ...pulumi.ResourceOption) (*Service, error) {
	svc := &Service{RoleArn: pulumi.String("").ToStringOutput(), name: name, args: args}
	err := core.Construct(ctx, Token, name, &args.ServiceArgs, svc, opts...)
	return svc, err
}

// Resolve checks the EKS inputs and keeps what they come to for Provision.
func (svc *Service) Resolve(_ string, cfg *core.Config) field.ErrorList {
	var errs field.ErrorList
	svc.resolved, errs = svc.args.resolve(cfg)
	return errs
}

// CreatesRegistry is true: AUTO creates an ECR repository.
func (svc *Service) CreatesRegistry() bool { return true }

// Provision registers the registry and the IRSA role and sets roleArn.
func (svc *Service) Provision(ctx *pulumi.Context, cfg *core.Config) (core.Extensions, error) {
	name, args := svc.name, svc.args
	opts := []pulumi.ResourceOption{pulumi.Parent(svc)}
	ext, err := core.AutoRegistry(cfg, func() (pulumi.StringOutput, error) {
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
	ext.LoadBalancerAnnotations = svc.resolved.loadBalancerAnnotations
	if args.OidcProviderArn != nil {
		role, err := registerRole(ctx, name, args, args.Namespace, opts)
		if err != nil {
			return ext, err
		}
		svc.RoleArn = role.Arn
		ext.ServiceAccountAnnotations = pulumi.StringMap{"eks.amazonaws.com/role-arn": role.Arn}
		ext.MountServiceAccountToken = true
		ext.CloudSecrets = args.cloudSecrets(name)
	}
	return ext, nil
}

// nlb is the AWS Load Balancer Controller's NLB, targeting the pods' IPs, by scheme.
var nlb = map[core.LoadBalancerScheme]map[string]string{
	core.SchemeInternal: nlbAnnotations("internal"),
	core.SchemeExternal: nlbAnnotations("internet-facing"),
}

func nlbAnnotations(scheme string) map[string]string {
	return map[string]string{
		"service.beta.kubernetes.io/aws-load-balancer-type":            "external",
		"service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
		"service.beta.kubernetes.io/aws-load-balancer-scheme":          scheme,
	}
}
