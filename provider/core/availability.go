package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	policyv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/policy/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Pods stop this long after being marked terminating, so that endpoints and ingress
// controllers stop routing to them before the process gets SIGTERM.
const (
	drainSeconds       = 5
	terminationSeconds = 30
)

// disruptionBudgetArgs keeps all but one replica up through voluntary disruptions
// (node drains, cluster upgrades). maxUnavailable 1 never blocks a drain, even with a
// single replica, unlike minAvailable.
func (b *builder) disruptionBudgetArgs() *policyv1.PodDisruptionBudgetArgs {
	return &policyv1.PodDisruptionBudgetArgs{
		Metadata: b.meta(b.cfg.Name, nil),
		Spec: policyv1.PodDisruptionBudgetSpecArgs{
			MaxUnavailable: pulumi.Int(1),
			Selector:       b.labelSelector(),
		},
	}
}

// topologySpread prefers spreading replicas across nodes and zones without ever
// blocking scheduling (ScheduleAnyway), so small or single-zone clusters still work.
func (b *builder) topologySpread() corev1.TopologySpreadConstraintArray {
	var out corev1.TopologySpreadConstraintArray
	for _, key := range []string{"kubernetes.io/hostname", "topology.kubernetes.io/zone"} {
		out = append(out, corev1.TopologySpreadConstraintArgs{
			MaxSkew:           pulumi.Int(1),
			TopologyKey:       pulumi.String(key),
			WhenUnsatisfiable: pulumi.String("ScheduleAnyway"),
			LabelSelector:     b.labelSelector(),
		})
	}
	return out
}

// drainLifecycle pauses before SIGTERM with the kubelet's own sleep action, which needs
// no shell in the image.
func drainLifecycle() corev1.LifecycleArgs {
	return corev1.LifecycleArgs{
		PreStop: corev1.LifecycleHandlerArgs{Sleep: corev1.SleepActionArgs{Seconds: pulumi.Int(drainSeconds)}},
	}
}
