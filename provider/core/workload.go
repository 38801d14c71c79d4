package core

import (
	"fmt"
	"strconv"

	appsv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// builder renders the service's objects from its Config and the values that are only
// known as outputs (namespace, image, env, service account).
type builder struct {
	cfg       *Config
	ext       Extensions
	namespace pulumi.StringPtrInput
	image     pulumi.StringInput
	env       corev1.EnvVarArray
	envFrom   corev1.EnvFromSourceArray
	// volumes hold the files; the pod templates refer to them.
	volumes        corev1.VolumeArray
	serviceAccount pulumi.StringInput
	// serviceAccountUID owns the claims, which Kubernetes deletes with it.
	serviceAccountUID pulumi.StringInput
	storageClass      pulumi.StringInput // nil: the cluster default
}

// container is the service's container as cron jobs run it, with its env, files and
// scratch volumes; the workload adds ports, probes and persistent volumes.
func (b *builder) container(commands, args []string) corev1.ContainerArgs {
	_, mounts := restrictedVolumes(b.cfg)
	mounts = append(append(mounts, fileMounts(b.cfg.Files)...), scratchMounts(b.cfg.Scratch)...)
	c := corev1.ContainerArgs{
		Name:            pulumi.String(b.cfg.Name),
		Image:           b.image,
		Env:             b.env,
		Resources:       resourceRequirements(b.cfg.Requests, b.cfg.Limits),
		SecurityContext: containerSecurityContext(b.cfg),
		VolumeMounts:    mounts,
		ImagePullPolicy: imagePullPolicy(b.cfg),
	}
	if len(b.envFrom) > 0 {
		c.EnvFrom = b.envFrom
	}
	if len(commands) > 0 {
		c.Command = pulumi.ToStringArray(commands)
	}
	if len(args) > 0 {
		c.Args = pulumi.ToStringArray(args)
	}
	return c
}

func (b *builder) workloadContainer() corev1.ContainerArgs {
	c := b.container(b.cfg.Commands, b.cfg.Args)
	c.Ports = containerPorts(b.cfg.Ports)
	c.LivenessProbe = probeArgs(b.cfg.Probes.Liveness)
	c.ReadinessProbe = probeArgs(b.cfg.Probes.Readiness)
	c.StartupProbe = probeArgs(b.cfg.Probes.Startup)
	if storage := storageMounts(b.cfg.Storage); len(storage) > 0 {
		c.VolumeMounts = append(c.VolumeMounts.(corev1.VolumeMountArray), storage...)
	}
	c.Lifecycle = drainLifecycle()
	return c
}

// workloadPodSpec is the long-running pod: spread out, and drained before it stops.
func (b *builder) workloadPodSpec() corev1.PodSpecArgs {
	spec := b.podSpec(b.workloadContainer())
	if extra := b.initContainers(); len(extra) > 0 {
		spec.InitContainers = extra
	}
	spec.TopologySpreadConstraints = b.topologySpread()
	spec.TerminationGracePeriodSeconds = pulumi.Int(terminationSeconds)
	return spec
}

func (b *builder) podSpec(container corev1.ContainerArgs) corev1.PodSpecArgs {
	volumes, _ := restrictedVolumes(b.cfg)
	volumes = append(append(volumes, b.volumes...), scratchVolumes(b.cfg.Scratch)...)
	spec := corev1.PodSpecArgs{
		ServiceAccountName:           b.serviceAccount,
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
func (b *builder) podTemplate(spec corev1.PodSpecArgs, own map[string]string) corev1.PodTemplateSpecArgs {
	meta := metav1.ObjectMetaArgs{Labels: pulumi.ToStringMap(merge(b.cfg.PodLabels, b.ext.PodLabels, own))}
	if len(b.cfg.PodAnnotations) > 0 {
		meta.Annotations = pulumi.ToStringMap(b.cfg.PodAnnotations)
	}
	return corev1.PodTemplateSpecArgs{Metadata: meta, Spec: spec}
}

func (b *builder) labelSelector() metav1.LabelSelectorArgs {
	return metav1.LabelSelectorArgs{MatchLabels: pulumi.ToStringMap(b.selector())}
}

// deploymentArgs rolls out with zero downtime: no pod is taken away before its
// replacement is ready. It starts at minContainers replicas; after that the autoscaler
// owns the count (ignoreChanges on spec.replicas, see registerWorkload).
func (b *builder) deploymentArgs() *appsv1.DeploymentArgs {
	return &appsv1.DeploymentArgs{
		Metadata: b.meta(b.cfg.Name, map[string]string{TimeoutAnnotation: strconv.Itoa(b.cfg.RolloutTimeout)}),
		Spec: appsv1.DeploymentSpecArgs{
			Replicas: pulumi.Int(b.cfg.Scaling.Min),
			Selector: b.labelSelector(),
			Strategy: appsv1.DeploymentStrategyArgs{
				Type: pulumi.String("RollingUpdate"),
				RollingUpdate: appsv1.RollingUpdateDeploymentArgs{
					MaxUnavailable: pulumi.Int(0),
					MaxSurge:       pulumi.String(fmt.Sprintf("%d%%", surgePercent)),
				},
			},
			ProgressDeadlineSeconds: pulumi.Int(b.cfg.RolloutTimeout),
			RevisionHistoryLimit:    pulumi.Int(10),
			Template:                b.podTemplate(b.workloadPodSpec(), b.labels()),
		},
	}
}

// kubeServiceArgs is the Kubernetes ClusterIP Service over every port; headless, it gives the
// StatefulSet's pods their stable DNS names.
func (b *builder) kubeServiceArgs(name string, headless bool) *corev1.ServiceArgs {
	spec := corev1.ServiceSpecArgs{
		Type:     pulumi.String("ClusterIP"),
		Selector: pulumi.ToStringMap(b.selector()),
		Ports:    servicePorts(b.cfg.Ports),
	}
	if headless {
		spec.ClusterIP = pulumi.String("None")
		spec.PublishNotReadyAddresses = pulumi.Bool(true)
	}
	// Its pods are the workload's, whose rollout await already waits for them to be
	// Ready; pulumi-kubernetes' Service await would only wait ~10 s more for endpoints.
	return &corev1.ServiceArgs{Metadata: b.meta(name, map[string]string{SkipAwait: "true"}), Spec: spec}
}
