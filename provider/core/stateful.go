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
	class, err := b.registerStorageClass(ctx, opts)
	if err != nil {
		return nil, err
	}
	claims, err := b.registerClaims(ctx, class, opts)
	if err != nil {
		return nil, err
	}
	headless, err := corev1.NewService(ctx, b.headlessName(), b.headlessServiceArgs(), opts...)
	if err != nil {
		return nil, err
	}
	key, err := corev1.NewConfigMap(ctx, b.cfg.Name+"-statefulset", b.statefulSetKeyArgs(class),
		append(opts, pulumi.ReplaceOnChanges([]string{"data"}), pulumi.DependsOn(claims))...)
	if err != nil {
		return nil, err
	}
	// The key's ID, unlike its generated name, is unknown in the preview that replaces it.
	args := b.statefulSetArgs(headless.Metadata.Uid().Elem(), key.ID().ToStringOutput(), class)
	return appsv1.NewStatefulSet(ctx, b.cfg.Name, args, append(opts,
		pulumi.ReplaceOnChanges(StatefulSetImmutableFields),
		pulumi.DeleteBeforeReplace(true),
		pulumi.IgnoreChanges([]string{"spec.replicas"}),
		pulumi.DeletedWith(headless),
		pulumi.DependsOn(claims))...)
}

// registerClaims registers the claims of the ordinals 0..minContainers-1. A claim of
// that name may already exist: kept from an earlier StatefulSet (a volume removed and
// added back, a switch to Deployment and back), made by the controller for a replica the
// autoscaler added before minContainers was raised, or kept by retainVolumes. So each is a
// Patch resource, whose create is a server-side apply (an upsert) on every
// pulumi-kubernetes version, under one field manager that takes the fields over. They are
// retained when they leave the program: only the service's destruction deletes them,
// through their owner.
func (b *builder) registerClaims(ctx *pulumi.Context, class pulumi.StringInput, opts []pulumi.ResourceOption) ([]pulumi.Resource, error) {
	var claims []pulumi.Resource
	for _, v := range b.cfg.Storage {
		for ordinal := range b.cfg.Scaling.Min {
			name := ClaimName(v.Name, b.cfg.Name, ordinal)
			claim, err := corev1.NewPersistentVolumeClaimPatch(ctx, name, b.claimPatchArgs(v, name, class),
				append(opts, pulumi.RetainOnDelete(true))...)
			if err != nil {
				return nil, err
			}
			warnWhileResizing(ctx, claim, name, v)
			claims = append(claims, claim)
		}
	}
	return claims, nil
}

// Annotations of the claims' Patch resources (pulumi-kubernetes reads them).
const (
	// ClaimFieldManager is the field manager of every claim the component applies, so that
	// a claim re-added to the program applies as the same manager that left it.
	ClaimFieldManager = "k8s-service"
	patchFieldManager = "pulumi.com/patchFieldManager"
)

// claimPatchArgs is the claim a replica below minContainers uses: the template's
// labels, owner and spec, in the Patch resource's types.
func (b *builder) claimPatchArgs(v Volume, name string, class pulumi.StringInput) *corev1.PersistentVolumeClaimPatchArgs {
	meta := metav1.ObjectMetaPatchArgs{
		Name:      pulumi.String(name),
		Namespace: b.identity.namespace,
		Labels:    pulumi.ToStringMap(b.claimLabels(v)),
		Annotations: pulumi.StringMap{
			SkipAwait:         pulumi.String("true"),
			patchFieldManager: pulumi.String(ClaimFieldManager),
			PatchForce:        pulumi.String("true"),
		},
	}
	if !b.cfg.RetainVolumes {
		meta.OwnerReferences = metav1.OwnerReferencePatchArray{metav1.OwnerReferencePatchArgs{
			ApiVersion: pulumi.String("v1"), Kind: pulumi.String("ServiceAccount"),
			Name: pulumi.String(b.cfg.Name), Uid: b.identity.serviceAccountUID, BlockOwnerDeletion: pulumi.Bool(true),
		}}
	}
	return &corev1.PersistentVolumeClaimPatchArgs{
		Metadata: meta,
		Spec: corev1.PersistentVolumeClaimSpecPatchArgs{
			AccessModes:      pulumi.StringArray{pulumi.String(claimAccessMode)},
			StorageClassName: class,
			Resources:        corev1.VolumeResourceRequirementsPatchArgs{Requests: claimRequests(v)},
		},
	}
}

// claimMeta labels a claim template with its volume and, unless retainVolumes, makes the
// service account its owner, so that the claim goes when the service does.
func (b *builder) claimMeta(v Volume) metav1.ObjectMetaArgs {
	meta := metav1.ObjectMetaArgs{Name: pulumi.String(v.Name), Labels: pulumi.ToStringMap(b.claimLabels(v))}
	if !b.cfg.RetainVolumes {
		meta.OwnerReferences = b.ownedByServiceAccount()
	}
	return meta
}

func (b *builder) claimLabels(v Volume) map[string]string {
	return merge(b.labels(), map[string]string{VolumeLabel: v.Name})
}

const claimAccessMode = "ReadWriteOnce"

func claimRequests(v Volume) pulumi.StringMap {
	return pulumi.StringMap{"storage": pulumi.String(fmt.Sprintf("%dGi", v.SizeGiB))}
}

func (b *builder) claimSpec(v Volume, class pulumi.StringInput) corev1.PersistentVolumeClaimSpecArgs {
	return corev1.PersistentVolumeClaimSpecArgs{
		AccessModes:      pulumi.StringArray{pulumi.String(claimAccessMode)},
		StorageClassName: class,
		Resources:        corev1.VolumeResourceRequirementsArgs{Requests: claimRequests(v)},
	}
}

// statefulSetKeyArgs is an immutable ConfigMap holding what the StatefulSet cannot
// change in place. It is replaced, under a new generated name, exactly when the
// StatefulSet must be; the StatefulSet refers to its ID, which is unknown in that preview,
// so pulumi-kubernetes does not dry-run the same-name replacement, which the API server
// refuses (pulumi-kubernetes#3984).
func (b *builder) statefulSetKeyArgs(class pulumi.StringInput) *corev1.ConfigMapArgs {
	meta := b.meta(b.cfg.Name, nil)
	meta.Name = nil // generated: a new key is a new name
	immutable := pulumi.ToMap(map[string]any{
		"serviceName":         b.headlessName(),
		"podManagementPolicy": podManagementPolicy,
		"selector":            b.selector(),
	})
	immutable["volumeClaimTemplates"] = b.claimTemplates(class)
	spec := immutable.ToMapOutput().ApplyT(func(spec map[string]any) (string, error) {
		out, err := json.Marshal(spec)
		return string(out), err
	}).(pulumi.StringOutput)
	return &corev1.ConfigMapArgs{Metadata: meta, Immutable: pulumi.Bool(true), Data: pulumi.StringMap{"statefulset": spec}}
}

const podManagementPolicy = "Parallel"

// statefulSetArgs gives each replica its volumes. It starts at minContainers replicas;
// after that the autoscaler owns the count (ignoreChanges on spec.replicas).
func (b *builder) statefulSetArgs(headlessUID, key, class pulumi.StringInput) *appsv1.StatefulSetArgs {
	meta := b.meta(b.cfg.Name, nil)
	meta.Annotations = pulumi.StringMap{
		PatchForce:                    pulumi.String("true"),
		DeletionPropagationAnnotation: pulumi.String("orphan"),
		StatefulSetKeyAnnotation:      key,
		TimeoutAnnotation:             pulumi.String(strconv.Itoa(b.cfg.RolloutTimeout)),
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
			Template:             b.podTemplate(b.workloadPodSpec(), b.labels(), b.scrapeAnnotations()),
			VolumeClaimTemplates: b.claimTemplates(class),
		},
	}
}

// claimTemplates give the autoscaler's extra replicas their claims, at today's sizes and
// owned like the others. A change here replaces the StatefulSet (orphaning its pods).
func (b *builder) claimTemplates(class pulumi.StringInput) corev1.PersistentVolumeClaimTypeArray {
	var templates corev1.PersistentVolumeClaimTypeArray
	for _, v := range b.cfg.Storage {
		templates = append(templates, corev1.PersistentVolumeClaimTypeArgs{
			Metadata: b.claimMeta(v),
			Spec:     b.claimSpec(v, class),
		})
	}
	return templates
}
