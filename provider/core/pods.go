package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The pods' parts every pod template shares, the workload's and the cron jobs':
// the service's container with its env, files and scratch volumes, and the pod spec around it.

// container is the service's container as cron jobs run it, with its env, files and
// scratch volumes; the workload adds ports, probes and persistent volumes.
func (b *builder) container(commands, args []string) corev1.ContainerArgs {
	_, mounts := restrictedVolumes(b.cfg)
	mounts = append(append(append(mounts, fileMounts(b.cfg.Files)...), b.pod.mounts...), scratchMounts(b.cfg.Scratch)...)
	c := corev1.ContainerArgs{
		Name:            pulumi.String(b.cfg.Name),
		Image:           b.image,
		Env:             b.pod.env,
		Resources:       resourceRequirements(b.cfg.Requests, b.cfg.Limits),
		SecurityContext: containerSecurityContext(b.cfg),
		VolumeMounts:    mounts,
		ImagePullPolicy: imagePullPolicy(b.cfg),
	}
	if len(b.pod.envFrom) > 0 {
		c.EnvFrom = b.pod.envFrom
	}
	if len(commands) > 0 {
		c.Command = pulumi.ToStringArray(commands)
	}
	if len(args) > 0 {
		c.Args = pulumi.ToStringArray(args)
	}
	return c
}

func (b *builder) podSpec(container corev1.ContainerArgs) corev1.PodSpecArgs {
	volumes, _ := restrictedVolumes(b.cfg)
	volumes = append(append(volumes, b.pod.volumes...), scratchVolumes(b.cfg.Scratch)...)
	spec := corev1.PodSpecArgs{
		ServiceAccountName:           b.identity.serviceAccount,
		AutomountServiceAccountToken: pulumi.Bool(b.ext.MountServiceAccountToken),
		SecurityContext:              podSecurityContext(b.cfg),
		Tolerations:                  tolerationArgs(b.cfg.Tolerate),
		Containers:                   corev1.ContainerArray{container},
		Volumes:                      volumes,
	}
	scheduling(&spec, b.cfg.Scheduling)
	return spec
}

// podTemplate labels the pods with the user's and the variant's labels and own, which
// are the selector's for the workload and the cron job's for a job.
func (b *builder) podTemplate(spec corev1.PodSpecArgs, own map[string]string, annotations map[string]string) corev1.PodTemplateSpecArgs {
	meta := metav1.ObjectMetaArgs{Labels: pulumi.ToStringMap(merge(b.cfg.PodLabels, b.ext.PodLabels, own))}
	if all := merge(annotations, b.cfg.PodAnnotations); len(all) > 0 { // the user's win
		meta.Annotations = pulumi.ToStringMap(all)
	}
	return corev1.PodTemplateSpecArgs{Metadata: meta, Spec: spec}
}
