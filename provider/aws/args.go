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

// Link grants the service read or write access to one AWS resource and, with a name,
// hands the pods its connection values; or hands them the connection to a database or a
// cache (its password, or IAM authentication's grant on the role).
type Link struct {
	Type     LinkType           `pulumi:"type"`
	Arn      pulumi.StringInput `pulumi:"arn,optional"`
	Access   *core.Access       `pulumi:"access,optional"`
	Name     *string            `pulumi:"name,optional"`
	Host     pulumi.StringInput `pulumi:"host,optional"`
	Port     pulumi.StringInput `pulumi:"port,optional"`
	Database pulumi.StringInput `pulumi:"database,optional"`
	User     pulumi.StringInput `pulumi:"user,optional"`
	Password pulumi.StringInput `pulumi:"password,optional"`
	IamAuth  *bool              `pulumi:"iamAuth,optional"`
	EnvNames map[string]string  `pulumi:"envNames,optional"`
}

// LinkType is the kind of AWS resource a link is to.
type LinkType string

// Values lists the link types.
func (LinkType) Values() []infer.EnumValue[LinkType] {
	return []infer.EnumValue[LinkType]{
		{Name: "S3", Value: "s3", Description: "An S3 bucket."},
		{Name: "Sqs", Value: "sqs", Description: "An SQS queue."},
		{Name: "Sns", Value: "sns", Description: "An SNS topic."},
		{Name: "Dynamodb", Value: "dynamodb", Description: "A DynamoDB table."},
		{Name: "Postgres", Value: "postgres", Description: "RDS or Aurora PostgreSQL."},
		{Name: "Mysql", Value: "mysql", Description: "RDS or Aurora MySQL, or MariaDB."},
		{Name: "Redis", Value: "redis", Description: "ElastiCache or MemoryDB (Redis or Valkey)."},
		{Name: "Documentdb", Value: "documentdb", Description: "DocumentDB (the MongoDB API)."},
	}
}

// Annotate names the enum.
func (t *LinkType) Annotate(a infer.Annotator) {
	a.SetToken("aws", "LinkType")
	a.Describe(t, "The kind of AWS resource a link is to.")
}

// Annotate documents Link.
func (l *Link) Annotate(a infer.Annotator) {
	a.SetToken("aws", "Link")
	a.Describe(l, "Access to one AWS resource for the service's IAM role, and the connection to it for the pods "+
		"(docs/links.md).")
	a.Describe(&l.Type, "`s3` (bucket), `sqs` (queue), `sns` (topic), `dynamodb` (table): granted by `arn` and `access`; "+
		"`postgres`, `mysql`, `redis`, `documentdb`: a connection by `host`, `port`, `database`, `user`, `password`.")
	a.Describe(&l.Arn, "The resource's ARN, e.g. a bucket's `arn` output. For `postgres` and `mysql` with `iamAuth`, the "+
		"database user's `arn:aws:rds-db:<region>:<account>:dbuser:<resource id>/<user>`.")
	a.Describe(&l.Access, "`read` or `write` (s3, sqs, sns, dynamodb). S3 and DynamoDB write includes read; SQS read "+
		"consumes and write sends; SNS read subscribes and write publishes.")
	a.Describe(&l.Name, "Names the env vars the link hands over. s3: `<name>_bucket_name`, `<name>_bucket_arn`; sqs: "+
		"`<name>_queue_url`, `<name>_queue_arn`; sns: `<name>_topic_arn`; dynamodb: `<name>_table_name`, "+
		"`<name>_table_arn`; databases and caches as on the plain variant (`<name>_db_host`…, `<name>_cache_host`…). "+
		"Required for databases and caches.")
	a.Describe(&l.Host, "A database's or cache's host, e.g. an RDS instance's `address` output.")
	a.Describe(&l.Port, "Its port. Default: the engine's own (5432, 3306, 6379, 27017).")
	a.Describe(&l.Database, "The database's name (postgres, mysql, documentdb).")
	a.Describe(&l.User, "The user to log in as (postgres, mysql, documentdb).")
	a.Describe(&l.Password, "The password (redis: the auth token). Must be a secret, never a plain string. Stored in the "+
		"service's Secret; changing it rolls the pods. Not with `iamAuth`.")
	a.Describe(&l.IamAuth, "Authenticate to RDS with IAM instead of a password (postgres, mysql): the role gets "+
		"`rds-db:connect` on `arn`, and the application signs a token (`rds generate-db-auth-token`). Default false.")
	a.Describe(&l.EnvNames, "Other names for the env vars, by their key (`queue_url`, `db_host`, …).")
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
