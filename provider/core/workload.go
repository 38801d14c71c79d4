package core

import (
	"fmt"
	"strconv"

	appsv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

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
			Template:                b.podTemplate(b.workloadPodSpec(), b.labels(), b.scrapeAnnotations()),
		},
	}
}
