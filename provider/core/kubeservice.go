package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// kubeServiceArgs is the Kubernetes Service over every port, exposed as Exposure says.
// Its pods are the workload's, whose rollout await already waits for them to be Ready, so
// pulumi-kubernetes' Service await, which would only wait ~10 s more for endpoints, is
// skipped, except for a load balancer: then it waits for the cloud's address.
func (b *builder) kubeServiceArgs() *corev1.ServiceArgs {
	exp := b.cfg.Exposure
	own := map[string]string{SkipAwait: "true"}
	if exp.Type == ServiceLoadBalancer {
		own = nil
	}
	meta := b.meta(b.cfg.Name, own)
	annotations := meta.Annotations.(pulumi.StringMap)
	for _, m := range []map[string]string{b.cfg.Ingress.ServiceAnnotations, b.ext.LoadBalancerAnnotations} {
		for k, v := range m {
			annotations[k] = pulumi.String(v)
		}
	}
	for k, v := range exp.Annotations { // the user's win over the variant's
		annotations[k] = v
	}
	spec := corev1.ServiceSpecArgs{
		Type:     pulumi.String(string(exp.Type)),
		Selector: pulumi.ToStringMap(b.selector()),
		Ports:    servicePorts(b.cfg.Ports),
	}
	if len(exp.SourceRanges) > 0 {
		spec.LoadBalancerSourceRanges = pulumi.ToStringArray(exp.SourceRanges)
	}
	if exp.TrafficPolicy != "" {
		spec.ExternalTrafficPolicy = pulumi.String(exp.TrafficPolicy)
	}
	return &corev1.ServiceArgs{Metadata: meta, Spec: spec}
}

// headlessServiceArgs is the headless Service that gives the StatefulSet's pods their
// stable DNS names.
func (b *builder) headlessServiceArgs() *corev1.ServiceArgs {
	return &corev1.ServiceArgs{
		Metadata: b.meta(b.headlessName(), map[string]string{SkipAwait: "true"}),
		Spec: corev1.ServiceSpecArgs{
			Type:                     pulumi.String(string(ServiceClusterIP)),
			ClusterIP:                pulumi.String("None"),
			PublishNotReadyAddresses: pulumi.Bool(true),
			Selector:                 pulumi.ToStringMap(b.selector()),
			Ports:                    servicePorts(b.cfg.Ports),
		},
	}
}

func (b *builder) headlessName() string { return b.cfg.Name + "-headless" }

// loadBalancerAddress is the load balancer's IP or host name once the cloud has given one,
// and empty for a Service without a load balancer.
func loadBalancerAddress(svc *corev1.Service) pulumi.StringOutput {
	return svc.Status.ApplyT(func(status *corev1.ServiceStatus) string {
		if status == nil || status.LoadBalancer == nil || len(status.LoadBalancer.Ingress) == 0 {
			return ""
		}
		lb := status.LoadBalancer.Ingress[0]
		if lb.Ip != nil && *lb.Ip != "" {
			return *lb.Ip
		}
		if lb.Hostname != nil {
			return *lb.Hostname
		}
		return ""
	}).(pulumi.StringOutput)
}
