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
	return b.deploymentOf(b.cfg.Name, b.cfg.Scaling.Min, TrackStable)
}

// deploymentOf is the Deployment of one version (track) of the service's pods. The
// service's own selects by SelectorLabel alone, as it always has (a selector is
// immutable); a canary's by its track too.
func (b *builder) deploymentOf(name string, replicas int, track string) *appsv1.DeploymentArgs {
	selector := b.labelSelector()
	if track != TrackStable {
		selector.MatchLabels = pulumi.ToStringMap(b.trackSelector(track))
	}
	return &appsv1.DeploymentArgs{
		Metadata: b.meta(name, map[string]string{TimeoutAnnotation: strconv.Itoa(b.cfg.RolloutTimeout)}),
		Spec: appsv1.DeploymentSpecArgs{
			Replicas: pulumi.Int(replicas),
			Selector: selector,
			Strategy: appsv1.DeploymentStrategyArgs{
				Type: pulumi.String("RollingUpdate"),
				RollingUpdate: appsv1.RollingUpdateDeploymentArgs{
					MaxUnavailable: pulumi.Int(0),
					MaxSurge:       pulumi.String(fmt.Sprintf("%d%%", surgePercent)),
				},
			},
			ProgressDeadlineSeconds: pulumi.Int(b.cfg.RolloutTimeout),
			RevisionHistoryLimit:    pulumi.Int(10),
			Template: b.podTemplate(b.workloadPodSpec(), merge(b.labels(), map[string]string{TrackLabel: track}),
				b.scrapeAnnotations()),
		},
	}
}
