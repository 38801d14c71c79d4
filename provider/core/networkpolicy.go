package core

import (
	"net/netip"

	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	networkingv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/networking/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// namespaceNameLabel is the label Kubernetes puts on every namespace, its name.
const namespaceNameLabel = "kubernetes.io/metadata.name"

func resolveNetworkPolicy(in *NetworkPolicy, scaling Scaling, fldPath *field.Path) (*ResolvedNetworkPolicy, field.ErrorList) {
	if in == nil {
		return nil, nil
	}
	var errs field.ErrorList
	if scaling.Max == 0 {
		errs = append(errs, field.Forbidden(fldPath, "a cron-only service (maxContainers: 0) has no pods to cover"))
	}
	policy := &ResolvedNetworkPolicy{Egress: len(in.AllowEgressTo) > 0}
	for i, from := range in.AllowFrom {
		peer, e := resolvePeer(from.Service, from.Namespace, fldPath.Child("allowFrom").Index(i))
		errs = append(errs, e...)
		policy.From = append(policy.From, peer)
	}
	for i, to := range in.AllowEgressTo {
		pp := fldPath.Child("allowEgressTo").Index(i)
		var peer Peer
		var e field.ErrorList
		switch {
		case to.Cidr != nil && (to.Service != nil || to.Namespace != nil):
			e = field.ErrorList{field.Forbidden(pp.Child("cidr"), "give a cidr, or a service or namespace, not both")}
		case to.Cidr != nil:
			peer.CIDR = *to.Cidr
			if prefix, err := netip.ParsePrefix(peer.CIDR); err != nil || prefix.Masked() != prefix {
				e = field.ErrorList{field.Invalid(pp.Child("cidr"), peer.CIDR, "must be a CIDR such as `10.20.0.0/16` (no host bits set)")}
			}
		default:
			peer, e = resolvePeer(to.Service, to.Namespace, pp)
		}
		errs = append(errs, e...)
		for j, port := range to.Ports {
			errs = append(errs, validatePortNumber(port, pp.Child("ports").Index(j))...)
		}
		peer.Ports = to.Ports
		policy.EgressTo = append(policy.EgressTo, peer)
	}
	return policy, errs
}

func resolvePeer(service, namespace *string, fldPath *field.Path) (Peer, field.ErrorList) {
	peer := Peer{Service: deref(service, ""), Namespace: deref(namespace, "")}
	var errs field.ErrorList
	if service == nil && namespace == nil {
		return peer, field.ErrorList{field.Required(fldPath, "a `service`, a `namespace`, or both")}
	}
	if service != nil {
		errs = append(errs, invalid(peer.Service, validation.IsDNS1035Label(peer.Service), fldPath.Child("service"))...)
	}
	if namespace != nil {
		errs = append(errs, invalid(peer.Namespace, validation.IsDNS1123Label(peer.Namespace), fldPath.Child("namespace"))...)
	}
	return peer, errs
}

// policyPeer selects a peer's pods: a service's by its selector label, in its namespace
// or, without one, the policy's; a namespace's by the name label Kubernetes sets; an IP range.
func policyPeer(peer Peer) networkingv1.NetworkPolicyPeerArgs {
	var out networkingv1.NetworkPolicyPeerArgs
	if peer.CIDR != "" {
		out.IpBlock = networkingv1.IPBlockArgs{Cidr: pulumi.String(peer.CIDR)}
		return out
	}
	if peer.Service != "" {
		out.PodSelector = metav1.LabelSelectorArgs{MatchLabels: pulumi.StringMap{SelectorLabel: pulumi.String(peer.Service)}}
	}
	if peer.Namespace != "" {
		out.NamespaceSelector = metav1.LabelSelectorArgs{MatchLabels: pulumi.StringMap{namespaceNameLabel: pulumi.String(peer.Namespace)}}
	}
	return out
}

func tcpPorts(ports []int) networkingv1.NetworkPolicyPortArray {
	var out networkingv1.NetworkPolicyPortArray
	for _, p := range ports {
		out = append(out, networkingv1.NetworkPolicyPortArgs{Port: pulumi.Int(p), Protocol: pulumi.String("TCP")})
	}
	return out
}

// dnsEgress lets the pods resolve names wherever the cluster's DNS runs (kube-dns, a
// node-local cache).
var dnsEgress = networkingv1.NetworkPolicyEgressRuleArgs{Ports: networkingv1.NetworkPolicyPortArray{
	networkingv1.NetworkPolicyPortArgs{Port: pulumi.Int(53), Protocol: pulumi.String("UDP")},
	networkingv1.NetworkPolicyPortArgs{Port: pulumi.Int(53), Protocol: pulumi.String("TCP")},
}}

// networkPolicyArgs covers the workload's pods: ingress only to the declared ports, from
// the networkPolicy's sources (from anywhere under the restricted profile alone), egress
// open unless networkPolicy lists where it may go.
func (b *builder) networkPolicyArgs() *networkingv1.NetworkPolicyArgs {
	var ports []int
	for _, p := range b.cfg.Ports {
		ports = append(ports, p.Port)
	}
	policy := b.cfg.NetworkPolicy
	var ingress networkingv1.NetworkPolicyIngressRuleArray
	if len(ports) > 0 {
		rule := networkingv1.NetworkPolicyIngressRuleArgs{Ports: tcpPorts(ports)}
		if policy != nil {
			var from networkingv1.NetworkPolicyPeerArray
			for _, peer := range policy.From {
				from = append(from, policyPeer(peer))
			}
			rule.From = from
		}
		if policy == nil || len(policy.From) > 0 {
			ingress = networkingv1.NetworkPolicyIngressRuleArray{rule}
		}
	}
	egress := networkingv1.NetworkPolicyEgressRuleArray{networkingv1.NetworkPolicyEgressRuleArgs{}} // open
	if policy != nil && policy.Egress {
		egress = networkingv1.NetworkPolicyEgressRuleArray{dnsEgress}
		for _, peer := range policy.EgressTo {
			rule := networkingv1.NetworkPolicyEgressRuleArgs{To: networkingv1.NetworkPolicyPeerArray{policyPeer(peer)}}
			if len(peer.Ports) > 0 {
				rule.Ports = tcpPorts(peer.Ports)
			}
			egress = append(egress, rule)
		}
	}
	return &networkingv1.NetworkPolicyArgs{
		Metadata: b.meta(b.cfg.Name, nil),
		Spec: networkingv1.NetworkPolicySpecArgs{
			PodSelector: b.labelSelector(),
			PolicyTypes: pulumi.StringArray{pulumi.String("Ingress"), pulumi.String("Egress")},
			Ingress:     ingress,
			Egress:      egress,
		},
	}
}

// registerNetworkPolicies registers the workload's policy (networkPolicy, or the
// restricted profile's) and, under the restricted profile, the cron jobs' pods' policy,
// since the workload's selector does not match them.
func (b *builder) registerNetworkPolicies(ctx *pulumi.Context, opts []pulumi.ResourceOption) error {
	if b.cfg.HasWorkload() && (b.cfg.Restricted || b.cfg.NetworkPolicy != nil) {
		if _, err := networkingv1.NewNetworkPolicy(ctx, b.cfg.Name, b.networkPolicyArgs(), opts...); err != nil {
			return err
		}
	}
	if b.cfg.Restricted && len(b.cfg.CronJobs) > 0 {
		name := b.cfg.Name + "-cron-jobs"
		if _, err := networkingv1.NewNetworkPolicy(ctx, name, b.cronNetworkPolicyArgs(name), opts...); err != nil {
			return err
		}
	}
	return nil
}
