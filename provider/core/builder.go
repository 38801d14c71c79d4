package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// builder renders the service's objects from its Config and the variant's Extensions.
// Deploy makes it in stages, each a new value: the objects of one stage are what later
// stages' objects refer to, so a stage's builder knows the references of the stages
// before it (with*), and no step changes the builder it was given.
type builder struct {
	cfg   *Config
	ext   Extensions
	image pulumi.StringInput
	// canaryImage is what a canary's pods run, when there is one.
	canaryImage pulumi.StringInput
	// identity is known from registerIdentity on.
	identity identity
	// pod is known from registerPodInputs on.
	pod podInputs
}

// identity is where the service lives and who its pods run as.
type identity struct {
	namespace      pulumi.StringPtrInput
	serviceAccount pulumi.StringInput
	// serviceAccountUID owns the claims and the versioned objects, which Kubernetes
	// deletes with the service account.
	serviceAccountUID pulumi.StringInput
}

// podInputs are what every pod template (the workload's and the cron jobs') refers to:
// the env, including the Secret of `secrets`, and the file volumes.
type podInputs struct {
	env     corev1.EnvVarArray
	envFrom corev1.EnvFromSourceArray
	volumes corev1.VolumeArray
	// mounts are the volumes' mounts that fileMounts does not make (the cloud secrets').
	mounts corev1.VolumeMountArray
}

func newBuilder(cfg *Config, ext Extensions, image, canaryImage pulumi.StringInput) *builder {
	return &builder{cfg: cfg, ext: ext, image: image, canaryImage: canaryImage, identity: identity{namespace: cfg.Inputs.Namespace}}
}

func (b *builder) withIdentity(id identity) *builder {
	next := *b
	next.identity = id
	return &next
}

func (b *builder) withPodInputs(pod podInputs) *builder {
	next := *b
	next.pod = pod
	return &next
}

// meta names an object in the service's namespace with the common labels and the given
// annotations.
func (b *builder) meta(name string, annotations map[string]string) metav1.ObjectMetaArgs {
	return metav1.ObjectMetaArgs{
		Name:        pulumi.String(name),
		Namespace:   b.identity.namespace,
		Labels:      pulumi.ToStringMap(b.labels()),
		Annotations: pulumi.ToStringMap(merge(annotations, map[string]string{PatchForce: "true"})),
	}
}

func (b *builder) selector() map[string]string {
	return map[string]string{SelectorLabel: b.cfg.Name}
}

func (b *builder) labels() map[string]string {
	return map[string]string{SelectorLabel: b.cfg.Name, ManagedByLabel: ManagedBy}
}

// cronPodLabels are a cron job's pod labels: none of them is SelectorLabel.
func (b *builder) cronPodLabels(job string) map[string]string {
	return map[string]string{CronServiceLabel: b.cfg.Name, CronJobLabel: job, ManagedByLabel: ManagedBy}
}

// versionedMeta is the metadata of an object that one version of the pod template reads
// (env secrets, config and secret files): a generated name (app-secrets-1a2b3c4d), and the
// service account as owner. Pulumi keeps such an object when a change replaces it
// (RetainOnDelete), so that an earlier ReplicaSet, which `kubectl rollout undo` returns
// to, still finds what its pods mount; Kubernetes deletes them all with the service
// account, when the service is destroyed.
func (b *builder) versionedMeta() metav1.ObjectMetaArgs {
	meta := b.meta(b.cfg.Name, nil)
	meta.Name = nil
	meta.OwnerReferences = b.ownedByServiceAccount()
	return meta
}

// ownedByServiceAccount makes the service account the owner: Kubernetes deletes the
// object with it, and the account's deletion waits for that.
func (b *builder) ownedByServiceAccount() metav1.OwnerReferenceArray {
	return metav1.OwnerReferenceArray{metav1.OwnerReferenceArgs{
		ApiVersion: pulumi.String("v1"), Kind: pulumi.String("ServiceAccount"),
		Name: pulumi.String(b.cfg.Name), Uid: b.identity.serviceAccountUID, BlockOwnerDeletion: pulumi.Bool(true),
	}}
}

func (b *builder) serviceAccountMeta() metav1.ObjectMetaArgs {
	meta := b.meta(b.cfg.Name, nil)
	annotations := meta.Annotations.(pulumi.StringMap)
	for k, v := range b.ext.ServiceAccountAnnotations {
		annotations[k] = v
	}
	return meta
}

func (b *builder) labelSelector() metav1.LabelSelectorArgs {
	return metav1.LabelSelectorArgs{MatchLabels: pulumi.ToStringMap(b.selector())}
}
