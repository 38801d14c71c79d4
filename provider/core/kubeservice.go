package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

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
