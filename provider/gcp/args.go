// Package gcp is the GKE variant, k8s-service:gcp:Service: the Kubernetes core plus an
// Artifact Registry repository for `image: AUTO`, a Persistent Disk CSI StorageClass
// and a Google service account bound through Workload Identity. It builds no
// Kubernetes objects itself.
package gcp

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// ServiceArgs are the common inputs plus GKE's.
type ServiceArgs struct {
	core.ServiceArgs
	core.LoadBalancerArgs
	Project            pulumi.StringInput `pulumi:"project"`
	Location           pulumi.StringInput `pulumi:"location,optional"`
	NodeServiceAccount pulumi.StringInput `pulumi:"nodeServiceAccount,optional"`
	DiskType           *DiskType          `pulumi:"diskType,optional"`
	ServiceAccountId   *string            `pulumi:"serviceAccountId,optional"`
	AdditionalIamRoles []string           `pulumi:"additionalIamRoles,optional"`
	Links              []Link             `pulumi:"links,optional"`
	CloudSecrets       []CloudSecret      `pulumi:"cloudSecrets,optional"`
}

// Annotate documents the GKE inputs.
func (a *ServiceArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Project, "The Google Cloud project of the cluster, the registry and the service account.")
	an.Describe(&a.Location, "The Artifact Registry location for `image: AUTO`, e.g. `us-central1`.")
	an.Describe(&a.NodeServiceAccount, "The email of the nodes' service account, granted read access to the AUTO registry.")
	an.Describe(&a.DiskType, "The Persistent Disk type for persistentStorage: `pd-balanced` (default) or `pd-ssd`.")
	an.Describe(&a.ServiceAccountId, "The Google service account's id (6-30 characters). Defaults to the service name, "+
		"with `-k8s` appended when shorter than 6 characters and cut at 30.")
	an.Describe(&a.AdditionalIamRoles, "Project roles granted to the Google service account, e.g. `roles/pubsub.subscriber`.")
	an.Describe(&a.Links, "Cloud Storage buckets the service may read or write, and databases and caches it connects to.")
	an.Describe(&a.CloudSecrets, "Secret Manager secrets of `project`, delivered as env vars or files through the External "+
		"Secrets Operator (a SecretStore and one ExternalSecret); the Google service account may read exactly these. "+
		"Their values never pass through Pulumi. Needs the operator in the cluster.")
}

// Link grants the service read or write access to one Cloud Storage bucket, publishing to a
// Pub/Sub topic or pulling from a subscription, or, by its type,
// hands the pods the connection to a database or a cache (its password, or Cloud SQL IAM
// database authentication as the Google service account).
type Link struct {
	Type         *LinkType          `pulumi:"type,optional"`
	Bucket       pulumi.StringInput `pulumi:"bucket,optional"`
	Topic        pulumi.StringInput `pulumi:"topic,optional"`
	Subscription pulumi.StringInput `pulumi:"subscription,optional"`
	Access       *core.Access       `pulumi:"access,optional"`
	Name         *string            `pulumi:"name,optional"`
	Host         pulumi.StringInput `pulumi:"host,optional"`
	Port         pulumi.StringInput `pulumi:"port,optional"`
	Database     pulumi.StringInput `pulumi:"database,optional"`
	User         pulumi.StringInput `pulumi:"user,optional"`
	Password     pulumi.StringInput `pulumi:"password,optional"`
	IamAuth      *bool              `pulumi:"iamAuth,optional"`
	EnvNames     map[string]string  `pulumi:"envNames,optional"`
}

// Annotate documents Link.
func (l *Link) Annotate(a infer.Annotator) {
	a.SetToken("gcp", "Link")
	a.Describe(l, "Access to one Cloud Storage bucket for the Google service account, or the connection to a database "+
		"or cache for the pods (docs/links.md).")
	a.Describe(&l.Type, "`bucket` (default), `pubsubTopic`, `pubsubSubscription`, `firestore`, or `postgres`, `mysql` (Cloud SQL), `redis` (Memorystore).")
	a.Describe(&l.Bucket, "The bucket's name (bucket links).")
	a.Describe(&l.Topic, "The Pub/Sub topic's name or `projects/<project>/topics/<name>` (pubsubTopic links): the service "+
		"account may publish to it (roles/pubsub.publisher on the topic).")
	a.Describe(&l.Subscription, "The Pub/Sub subscription's name or `projects/<project>/subscriptions/<name>` (pubsubSubscription "+
		"links): the service account may pull and acknowledge its messages (roles/pubsub.subscriber on the subscription).")
	a.Describe(&l.Access, "`read` (roles/storage.objectViewer) or `write` (roles/storage.objectUser: read, create, delete objects). "+
		"Bucket links; firestore: roles/datastore.viewer or roles/datastore.user, on that database only (an IAM condition). "+
		"A topic is only written (published to) and a subscription only read, so their links take none.")
	a.Describe(&l.Name, "Names the env vars the link hands over: `<name>_bucket_name` for a bucket, `<name>_topic_name`, "+
		"`<name>_subscription_name` for Pub/Sub, `<name>_database` and `<name>_project` for Firestore; `<name>_db_host`… and "+
		"`<name>_cache_host`… as on the plain variant. Required for databases and caches.")
	a.Describe(&l.Host, "A database's or cache's host, e.g. a Cloud SQL instance's `privateIpAddress` or a Memorystore instance's `host`.")
	a.Describe(&l.Port, "Its port. Default: the engine's own (5432, 3306, 6379).")
	a.Describe(&l.Database, "The database's name (postgres, mysql); a Firestore database's id (firestore; default `(default)`).")
	a.Describe(&l.User, "The user to log in as (postgres, mysql). Not with `iamAuth`, which logs in as the Google service account.")
	a.Describe(&l.Password, "The password (redis: the AUTH string). Must be a secret, never a plain string. Stored in the "+
		"service's Secret; changing it rolls the pods. Not with `iamAuth`.")
	a.Describe(&l.IamAuth, "Log in to Cloud SQL (postgres, mysql) as the Google service account instead of with a password: "+
		"the account gets roles/cloudsql.client and roles/cloudsql.instanceUser on the project, `<name>_db_user` is its "+
		"IAM database user (postgres: `<id>@<project>.iam`, mysql: `<id>`), and the application connects with "+
		"automatic IAM authentication (the Cloud SQL connectors or the Auth Proxy's `--auto-iam-authn`). The instance "+
		"needs `cloudsql.iam_authentication` on and the IAM user created (`sql.User` of type CLOUD_IAM_SERVICE_ACCOUNT). Default false.")
	a.Describe(&l.EnvNames, "Other names for the env vars, by their key (`bucket_name`, `db_host`, …).")
}

// LinkType is the kind of resource a GKE link is to.
type LinkType string

// Values lists the link types.
func (LinkType) Values() []infer.EnumValue[LinkType] {
	return []infer.EnumValue[LinkType]{
		{Name: "Bucket", Value: "bucket", Description: "A Cloud Storage bucket."},
		{Name: "PubsubTopic", Value: "pubsubTopic", Description: "A Pub/Sub topic the service publishes to."},
		{Name: "PubsubSubscription", Value: "pubsubSubscription", Description: "A Pub/Sub subscription the service pulls from."},
		{Name: "Firestore", Value: "firestore", Description: "A Firestore database."},
		{Name: "Postgres", Value: "postgres", Description: "Cloud SQL for PostgreSQL, or AlloyDB."},
		{Name: "Mysql", Value: "mysql", Description: "Cloud SQL for MySQL."},
		{Name: "Redis", Value: "redis", Description: "Memorystore for Redis or Valkey."},
	}
}

// Annotate names the enum.
func (t *LinkType) Annotate(a infer.Annotator) {
	a.SetToken("gcp", "LinkType")
	a.Describe(t, "The kind of resource a GKE link is to.")
}

// Service is a k8s-service on GKE.
type Service struct {
	pulumi.ResourceState
	core.ServiceOutputs
	ServiceAccountEmail pulumi.StringOutput `pulumi:"serviceAccountEmail"`

	name     string
	args     *ServiceArgs
	resolved resolved
}

// Annotate documents the component.
func (s *Service) Annotate(a infer.Annotator) {
	core.SetToken(a, Token)
	a.Describe(s, "A containerised service on GKE: the Kubernetes core of k8s-service:index:Service, plus an Artifact "+
		"Registry repository for `image: AUTO`, a Persistent Disk StorageClass, and a Google service account bound to "+
		"the Kubernetes one through Workload Identity.")
	a.Describe(&s.ServiceAccountEmail, "The email of the Google service account the pods act as.")
}

// DiskType is a Persistent Disk type.
type DiskType string

// Values lists the disk types.
func (DiskType) Values() []infer.EnumValue[DiskType] {
	return []infer.EnumValue[DiskType]{
		{Name: "PdBalanced", Value: "pd-balanced", Description: "Balanced persistent disk (SSD-backed, the default)."},
		{Name: "PdSsd", Value: "pd-ssd", Description: "SSD persistent disk, for IOPS-bound workloads."},
	}
}

// Annotate names the enum.
func (d *DiskType) Annotate(a infer.Annotator) {
	a.SetToken("gcp", "DiskType")
	a.Describe(d, "A Persistent Disk type.")
}
