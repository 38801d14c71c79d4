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
	// (LoadBalancerArgs.ResolveScheme).
	LoadBalancerAnnotations map[string]string
	// MountServiceAccountToken mounts the token a cloud identity exchanges.
	MountServiceAccountToken bool
	// CloudSecrets are secrets from the cloud's store, synced by the External Secrets
	// Operator as the service account.
	CloudSecrets CloudSecrets
}

// CloudSecrets are what a variant hands the core to deliver secrets from its cloud's
// store: the External Secrets Operator's SecretStores, which authenticate as the service
// account, and the references it syncs into one Kubernetes Secret. No value passes
// through Pulumi.
type CloudSecrets struct {
	Stores []SecretStore
	Refs   []CloudSecretRef
}

// SecretStore is one SecretStore: its name's suffix after the service's name, and its
// spec.provider (e.g. {"aws": {...}}), whose values may be outputs.
type SecretStore struct {
	Suffix   string
	Provider pulumi.MapInput
}

// CloudSecretRef is one secret of a store (by its suffix) and where it is delivered.
type CloudSecretRef struct {
	Store string
	// Key, Property and Version are the ExternalSecret's remoteRef.
	Key      pulumi.StringInput
	Property string
	Version  string
	Env      string
	Path     string
}
