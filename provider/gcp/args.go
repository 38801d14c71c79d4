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
	an.Describe(&a.Links, "Cloud Storage buckets the service may read or write.")
	an.Describe(&a.CloudSecrets, "Secret Manager secrets of `project`, delivered as env vars or files through the External "+
		"Secrets Operator (a SecretStore and one ExternalSecret); the Google service account may read exactly these. "+
		"Their values never pass through Pulumi. Needs the operator in the cluster.")
}

// Link grants the service read or write access to one Cloud Storage bucket.
type Link struct {
	Bucket pulumi.StringInput `pulumi:"bucket"`
	Access core.Access        `pulumi:"access"`
}

// Annotate documents Link.
func (l *Link) Annotate(a infer.Annotator) {
	a.SetToken("gcp", "Link")
	a.Describe(l, "Access to one Cloud Storage bucket for the Google service account.")
	a.Describe(&l.Bucket, "The bucket's name.")
	a.Describe(&l.Access, "`read` (roles/storage.objectViewer) or `write` (roles/storage.objectUser: read, create, delete objects).")
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
