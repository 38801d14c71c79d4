// Package aws is the EKS variant, k8s-service:aws:Service: the Kubernetes core plus an
// ECR registry for `image: AUTO`, an EBS CSI StorageClass and an IAM role for the
// service account (IRSA). It builds no Kubernetes objects itself.
package aws

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// ServiceArgs are the common inputs plus EKS's.
type ServiceArgs struct {
	core.ServiceArgs
	core.LoadBalancerArgs
	OidcProviderArn       pulumi.StringInput   `pulumi:"oidcProviderArn,optional"`
	OidcIssuerUrl         pulumi.StringInput   `pulumi:"oidcIssuerUrl,optional"`
	AdditionalIamPolicies []pulumi.StringInput `pulumi:"additionalIamPolicies,optional"`
	Links                 []Link               `pulumi:"links,optional"`
	ForceDeleteRegistry   *bool                `pulumi:"forceDeleteRegistry,optional"`
	CloudSecrets          []CloudSecret        `pulumi:"cloudSecrets,optional"`
}

// Annotate documents the EKS inputs.
func (a *ServiceArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.OidcProviderArn, "The ARN of the cluster's IAM OIDC provider. With `oidcIssuerUrl`, creates an IAM role "+
		"that only this service's Kubernetes service account can assume (IRSA).")
	an.Describe(&a.OidcIssuerUrl, "The cluster's OIDC issuer URL, e.g. `https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`.")
	an.Describe(&a.AdditionalIamPolicies, "ARNs of IAM policies attached to the service's role.")
	an.Describe(&a.Links, "AWS resources the service may use; each adds the least-privilege statements for its access.")
	an.Describe(&a.CloudSecrets, "Secrets from Secrets Manager or SSM Parameter Store, delivered as env vars or files "+
		"through the External Secrets Operator (a SecretStore per service and one ExternalSecret); the IAM role may read "+
		"exactly these ARNs. Their values never pass through Pulumi. Needs the operator in the cluster and oidcProviderArn.")
	an.Describe(&a.ForceDeleteRegistry, "Delete the AUTO registry even when it still holds images. Default false.")
}

// Link grants the service read or write access to one AWS resource.
type Link struct {
	Type   LinkType           `pulumi:"type"`
	Arn    pulumi.StringInput `pulumi:"arn"`
	Access core.Access        `pulumi:"access"`
}

// LinkType is the kind of AWS resource a link grants access to.
type LinkType string

// Values lists the link types.
func (LinkType) Values() []infer.EnumValue[LinkType] {
	return []infer.EnumValue[LinkType]{
		{Name: "S3", Value: "s3", Description: "An S3 bucket."},
		{Name: "Sqs", Value: "sqs", Description: "An SQS queue."},
		{Name: "Sns", Value: "sns", Description: "An SNS topic."},
		{Name: "Dynamodb", Value: "dynamodb", Description: "A DynamoDB table."},
	}
}

// Annotate names the enum.
func (t *LinkType) Annotate(a infer.Annotator) {
	a.SetToken("aws", "LinkType")
	a.Describe(t, "The kind of AWS resource a link grants access to.")
}

// Annotate documents Link.
func (l *Link) Annotate(a infer.Annotator) {
	a.SetToken("aws", "Link")
	a.Describe(l, "Access to one AWS resource for the service's IAM role.")
	a.Describe(&l.Type, "`s3` (bucket), `sqs` (queue), `sns` (topic) or `dynamodb` (table).")
	a.Describe(&l.Arn, "The resource's ARN, e.g. a bucket's `arn` output.")
	a.Describe(&l.Access, "`read` or `write`. S3 and DynamoDB write includes read; SQS read consumes and write sends; "+
		"SNS read subscribes and write publishes.")
}

// Service is a k8s-service on EKS.
type Service struct {
	pulumi.ResourceState
	core.ServiceOutputs
	RoleArn pulumi.StringOutput `pulumi:"roleArn"`

	name     string
	args     *ServiceArgs
	resolved resolved
}

// Annotate documents the component.
func (s *Service) Annotate(a infer.Annotator) {
	core.SetToken(a, Token)
	a.Describe(s, "A containerised service on EKS: the Kubernetes core of k8s-service:index:Service, plus an ECR registry "+
		"for `image: AUTO`, an encrypted gp3 EBS StorageClass, and an IAM role for the service account (IRSA).")
	a.Describe(&s.RoleArn, "The ARN of the service account's IAM role; empty without OIDC inputs.")
}
