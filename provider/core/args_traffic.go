package core

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// TLS is HTTPS for some or all public hosts.
type TLS struct {
	Hosts         []string           `pulumi:"hosts,optional"`
	SecretName    pulumi.StringInput `pulumi:"secretName,optional"`
	ClusterIssuer pulumi.StringInput `pulumi:"clusterIssuer,optional"`
	Issuer        pulumi.StringInput `pulumi:"issuer,optional"`
}

// Annotate documents TLS.
func (t *TLS) Annotate(a infer.Annotator) {
	a.SetToken("index", "Tls")
	a.Describe(t, "HTTPS for public hosts: give one of `secretName`, `clusterIssuer` or `issuer`.")
	a.Describe(&t.Hosts, "The publicUri hosts covered. Default: every host no other entry names.")
	a.Describe(&t.SecretName, "An existing `kubernetes.io/tls` Secret holding the certificate.")
	a.Describe(&t.ClusterIssuer, "A cert-manager ClusterIssuer that issues a certificate per Ingress (secret `<ingress>-tls`).")
	a.Describe(&t.Issuer, "A cert-manager Issuer in the service's namespace, likewise.")
}

// GatewayRef names the Gateway (Gateway API) that serves publicUri.
type GatewayRef struct {
	Name        string  `pulumi:"name"`
	Namespace   *string `pulumi:"namespace,optional"`
	SectionName *string `pulumi:"sectionName,optional"`
	Https       *bool   `pulumi:"https,optional"`
}

// Annotate documents GatewayRef.
func (g *GatewayRef) Annotate(a infer.Annotator) {
	a.SetToken("index", "GatewayRef")
	a.Describe(g, "The Gateway (Gateway API, `gateway.networking.k8s.io/v1`) whose routes serve publicUri.")
	a.Describe(&g.Name, "The Gateway's name.")
	a.Describe(&g.Namespace, "The Gateway's namespace. Default: the service's. Its listener must allow routes from the service's namespace.")
	a.Describe(&g.SectionName, "The listener the routes attach to. Default: every listener that allows them.")
	a.Describe(&g.Https, "The listener terminates TLS: `publicUrls` say `https://`. TLS is the Gateway's, not the service's. Default false.")
}

// NetworkPolicy is the service's default-deny network policy: who may connect to its
// pods and, when given, where they may connect.
type NetworkPolicy struct {
	AllowFrom     []TrafficPeer `pulumi:"allowFrom,optional"`
	AllowEgressTo []EgressPeer  `pulumi:"allowEgressTo,optional"`
}

// Annotate documents NetworkPolicy.
func (n *NetworkPolicy) Annotate(a infer.Annotator) {
	a.SetToken("index", "NetworkPolicy")
	a.Describe(n, "A default-deny NetworkPolicy for the service's pods, in either security profile.")
	a.Describe(&n.AllowFrom, "The only sources admitted, to the declared ports: other services by name, and whole "+
		"namespaces (the ingress controller's or the Gateway's data plane). Empty: nothing may connect.")
	a.Describe(&n.AllowEgressTo, "When given, the pods may connect only to these (and to DNS on port 53); without it "+
		"egress is open.")
}

// TrafficPeer is a source admitted by the network policy.
type TrafficPeer struct {
	Service   *string `pulumi:"service,optional"`
	Namespace *string `pulumi:"namespace,optional"`
}

// Annotate documents TrafficPeer.
func (p *TrafficPeer) Annotate(a infer.Annotator) {
	a.SetToken("index", "TrafficPeer")
	a.Describe(p, "Pods admitted: a service's (by name), in this namespace or in `namespace`, or every pod of `namespace`.")
	a.Describe(&p.Service, "A k8s-service (or any workload labelled `app.kubernetes.io/name: <service>`).")
	a.Describe(&p.Namespace, "The namespace: alone, every pod in it; with `service`, that service's pods in it.")
}

// EgressPeer is a destination the network policy allows.
type EgressPeer struct {
	Service   *string `pulumi:"service,optional"`
	Namespace *string `pulumi:"namespace,optional"`
	Cidr      *string `pulumi:"cidr,optional"`
	Ports     []int   `pulumi:"ports,optional"`
}

// Annotate documents EgressPeer.
func (p *EgressPeer) Annotate(a infer.Annotator) {
	a.SetToken("index", "EgressPeer")
	a.Describe(p, "A destination: a service or namespace as in allowFrom, or a `cidr` (e.g. a database outside the cluster).")
	a.Describe(&p.Service, "A k8s-service by name.")
	a.Describe(&p.Namespace, "The namespace: alone, every pod in it; with `service`, that service's pods in it.")
	a.Describe(&p.Cidr, "An IP range outside the cluster, e.g. `10.20.0.0/16`. Not together with service or namespace.")
	a.Describe(&p.Ports, "The TCP ports allowed. Default: every port.")
}
