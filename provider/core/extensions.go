package core

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Extensions is what a cloud variant adds to the Kubernetes core. The zero value is the
// plain variant.
type Extensions struct {
	// Image replaces the composed image (the cloud registry's reference for AUTO).
	Image pulumi.StringInput
	// DockerRepoUrl is the registry created for AUTO.
	DockerRepoUrl pulumi.StringInput
	// NoPods holds back the workload (AUTO before the first push).
	NoPods bool
	// StorageClass is created for persistent storage unless storageClassName names one;
	// nil uses the cluster's default class.
	StorageClass *StorageClass
	// ServiceAccountAnnotations bind the service account to a cloud identity.
	ServiceAccountAnnotations pulumi.StringMap
	// PodLabels are added to the pod templates (e.g. Azure Workload Identity's).
	PodLabels map[string]string
	// LoadBalancerAnnotations are the cloud's annotations of a LoadBalancer Service
	// (LoadBalancerArgs.SchemeAnnotations).
	LoadBalancerAnnotations map[string]string
	// MountServiceAccountToken mounts the token a cloud identity exchanges.
	MountServiceAccountToken bool
}
