package core

import (
	"encoding/json"
	"fmt"
	"strconv"

	appsv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// A StatefulSet keeps its data and its pods through every update (docs/design.md,
// "Stateful services"):
//
//   - The claims of the ordinals below minContainers, which always run, are Pulumi
//     resources named as the controller names claims, so it uses them instead of creating
//     its own. A size change grows them in place. The autoscaler's extra replicas get
//     claims from the templates, at the size of the day.
//   - Every claim is owned by the service account (the templates carry the reference), so
//     Kubernetes deletes the claims when the service is destroyed, and only then: Pulumi
//     retains the claims that leave the program, and the controller never owns one.
//   - A change Kubernetes forbids in place (the claim templates) replaces the StatefulSet
//     with orphan propagation: its pods keep running and the new object adopts them.
//   - The StatefulSet is owned by its headless Service and deleted with it, so that
//     destroying the service, or leaving StatefulSet for Deployment, stops its pods.

// Annotations the StatefulSet carries.
const (
	// DeletionPropagationAnnotation makes pulumi-kubernetes delete with this policy.
	DeletionPropagationAnnotation = "pulumi.com/deletionPropagationPolicy"
	// StatefulSetKeyAnnotation is the ID of the ConfigMap describing the immutable spec.
	StatefulSetKeyAnnotation = "k8s-service.io/statefulset-key"
	// VolumeLabel names the volume a claim belongs to.
	VolumeLabel = "k8s-service.io/volume"
)

// StatefulSetImmutableFields are the StatefulSet fields Kubernetes refuses to update; a
// change to one replaces the StatefulSet (orphaning its pods; the name stays the same).
var StatefulSetImmutableFields = []string{
	"spec.volumeClaimTemplates", "spec.selector", "spec.serviceName", "spec.podManagementPolicy",
}

// registerStatefulSet registers the claims, the headless Service, the key and the
// StatefulSet, in that order of dependency.
func (b *builder) registerStatefulSet(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.Resource, error) {
	if err := b.registerStorageClass(ctx, opts); err != nil {
		return nil, err
	}
	claims, err := b.registerClaims(ctx, opts)
	if err != nil {
		return nil, err
	}
	headless, err := corev1.NewService(ctx, b.headlessName(), b.serviceArgs(b.headlessName(), true), opts...)
	if err != nil {
		return nil, err
	}
	key, err := corev1.NewConfigMap(ctx, b.cfg.Name+"-statefulset", b.statefulSetKeyArgs(),
		append(opts, pulumi.ReplaceOnChanges([]string{"data"}), pulumi.DependsOn(claims))...)
	if err != nil {
		return nil, err
	}
	// The key's ID, unlike its generated name, is unknown in the preview that replaces it.
	args := b.statefulSetArgs(headless.Metadata.Uid().Elem(), key.ID().ToStringOutput())
	return appsv1.NewStatefulSet(ctx, b.cfg.Name, args, append(opts,
		pulumi.ReplaceOnChanges(StatefulSetImmutableFields),
		pulumi.DeleteBeforeReplace(true),
		pulumi.IgnoreChanges([]string{"spec.replicas"}),
		pulumi.DeletedWith(headless),
		pulumi.DependsOn(claims))...)
}

// registerClaims registers the claims of the ordinals 0..minContainers-1. They are
// retained when they leave the program (a volume removed, a lower minContainers, a switch
// to Deployment): only the service's destruction deletes them, through their owner.
func (b *builder) registerClaims(ctx *pulumi.Context, opts []pulumi.ResourceOption) ([]pulumi.Resource, error) {
	var claims []pulumi.Resource
	for _, v := range b.cfg.Storage {
		for ordinal := range b.cfg.Scaling.Min {
			name := ClaimName(v.Name, b.cfg.Name, ordinal)
			meta := b.claimMeta(v, name)
			meta.Namespace = b.namespace
			meta.Annotations = pulumi.StringMap{SkipAwait: pulumi.String("true")}
			claim, err := corev1.NewPersistentVolumeClaim(ctx, name, &corev1.PersistentVolumeClaimArgs{
				Metadata: meta,
				Spec:     b.claimSpec(v),
			}, append(opts, pulumi.RetainOnDelete(true))...)
			if err != nil {
				return nil, err
			}
			claims = append(claims, claim)
		}
	}
	return claims, nil
}

// claimMeta labels a claim with its volume and, unless retainVolumes, makes the service
// account its owner, so that the claim goes when the service does.
func (b *builder) claimMeta(v Volume, name string) metav1.ObjectMetaArgs {
	meta := metav1.ObjectMetaArgs{Name: pulumi.String(name), Labels: pulumi.ToStringMap(merge(b.labels(), map[string]string{VolumeLabel: v.Name}))}
	if !b.cfg.RetainVolumes {
		meta.OwnerReferences = metav1.OwnerReferenceArray{metav1.OwnerReferenceArgs{
			ApiVersion: pulumi.String("v1"), Kind: pulumi.String("ServiceAccount"),
			Name: pulumi.String(b.cfg.Name), Uid: b.serviceAccountUID, BlockOwnerDeletion: pulumi.Bool(true),
		}}
	}
	return meta
}

func (b *builder) claimSpec(v Volume) corev1.PersistentVolumeClaimSpecArgs {
	return corev1.PersistentVolumeClaimSpecArgs{
		AccessModes:      pulumi.StringArray{pulumi.String("ReadWriteOnce")},
		StorageClassName: b.storageClass,
		Resources: corev1.VolumeResourceRequirementsArgs{
			Requests: pulumi.StringMap{"storage": pulumi.String(fmt.Sprintf("%dGi", v.SizeGiB))},
		},
	}
}

// statefulSetKeyArgs is an immutable ConfigMap holding what the StatefulSet cannot
// change in place. It is replaced, under a new generated name, exactly when the
// StatefulSet must be; the StatefulSet refers to its ID, which is unknown in that preview,
// so pulumi-kubernetes does not dry-run the same-name replacement, which the API server
// refuses (pulumi-kubernetes#3984).
func (b *builder) statefulSetKeyArgs() *corev1.ConfigMapArgs {
	meta := b.meta(b.cfg.Name, nil)
	meta.Name = nil // generated: a new key is a new name
	immutable := pulumi.ToMap(map[string]any{
		"serviceName":         b.headlessName(),
		"podManagementPolicy": podManagementPolicy,
		"selector":            b.selector(),
	})
	immutable["volumeClaimTemplates"] = b.claimTemplates()
	spec := immutable.ToMapOutput().ApplyT(func(spec map[string]any) (string, error) {
		out, err := json.Marshal(spec)
		return string(out), err
	}).(pulumi.StringOutput)
	return &corev1.ConfigMapArgs{Metadata: meta, Immutable: pulumi.Bool(true), Data: pulumi.StringMap{"statefulset": spec}}
}

const podManagementPolicy = "Parallel"

// statefulSetArgs gives each replica its volumes. It starts at minContainers replicas;
// after that the autoscaler owns the count (ignoreChanges on spec.replicas).
func (b *builder) statefulSetArgs(headlessUID, key pulumi.StringInput) *appsv1.StatefulSetArgs {
	meta := b.meta(b.cfg.Name, nil)
	meta.Annotations = pulumi.StringMap{
		DeletionPropagationAnnotation: pulumi.String("orphan"),
		StatefulSetKeyAnnotation:      key,
		TimeoutSeconds:                pulumi.String(strconv.Itoa(b.cfg.RolloutTimeout)),
	}
	meta.OwnerReferences = metav1.OwnerReferenceArray{metav1.OwnerReferenceArgs{
		ApiVersion: pulumi.String("v1"), Kind: pulumi.String("Service"),
		Name: pulumi.String(b.headlessName()), Uid: headlessUID, BlockOwnerDeletion: pulumi.Bool(true),
	}}
	return &appsv1.StatefulSetArgs{
		Metadata: meta,
		Spec: appsv1.StatefulSetSpecArgs{
			Replicas:            pulumi.Int(b.cfg.Scaling.Min),
			ServiceName:         pulumi.String(b.headlessName()),
			Selector:            b.labelSelector(),
			PodManagementPolicy: pulumi.String(podManagementPolicy),
			UpdateStrategy:      appsv1.StatefulSetUpdateStrategyArgs{Type: pulumi.String("RollingUpdate")},
			// The claims are the component's, not the controller's.
			PersistentVolumeClaimRetentionPolicy: appsv1.StatefulSetPersistentVolumeClaimRetentionPolicyArgs{
				WhenDeleted: pulumi.String("Retain"),
				WhenScaled:  pulumi.String("Retain"),
			},
			RevisionHistoryLimit: pulumi.Int(10),
			Template:             b.podTemplate(b.workloadPodSpec()),
			VolumeClaimTemplates: b.claimTemplates(),
		},
	}
}

// claimTemplates give the autoscaler's extra replicas their claims, at today's sizes and
// owned like the others. A change here replaces the StatefulSet (orphaning its pods).
func (b *builder) claimTemplates() corev1.PersistentVolumeClaimTypeArray {
	var templates corev1.PersistentVolumeClaimTypeArray
	for _, v := range b.cfg.Storage {
		templates = append(templates, corev1.PersistentVolumeClaimTypeArgs{
			Metadata: b.claimMeta(v, v.Name),
			Spec:     b.claimSpec(v),
		})
	}
	return templates
}

func (b *builder) headlessName() string { return b.cfg.Name + "-headless" }

func storageMounts(volumes []Volume) corev1.VolumeMountArray {
	var mounts corev1.VolumeMountArray
	for _, v := range volumes {
		mounts = append(mounts, corev1.VolumeMountArgs{Name: pulumi.String(v.Name), MountPath: pulumi.String(v.Path)})
	}
	return mounts
}

func merge(maps ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
