package core

import (
	"slices"

	"github.com/pulumi/pulumi-go-provider/infer"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The closed sets of the core's inputs. Each is declared once, here: infer turns it into
// an enum type of the schema (so every SDK gets constants), and validation accepts and
// names exactly these values.

// EnumStrings are an enum's values, as validation messages list them.
func EnumStrings[T ~string](values []infer.EnumValue[T]) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v.Value)
	}
	return out
}

// Enum is a closed set of input values, as infer declares one.
type Enum[T ~string] interface {
	~string
	Values() []infer.EnumValue[T]
}

// CheckEnum is the error of the field at fldPath when v is not one of its enum's values: the
// one way an enum input is checked.
func CheckEnum[T Enum[T]](v T, fldPath *field.Path) field.ErrorList {
	values := EnumStrings(v.Values())
	if slices.Contains(values, string(v)) {
		return nil
	}
	return field.ErrorList{field.NotSupported(fldPath, v, values)}
}

// PortType is a port's type.
type PortType string

// Port types.
const (
	PortHTTP PortType = "http"
	PortTCP  PortType = "tcp"
)

// Values lists the port types.
func (PortType) Values() []infer.EnumValue[PortType] {
	return []infer.EnumValue[PortType]{
		{Name: "Http", Value: PortHTTP, Description: "Served through ingress; HTTP probes."},
		{Name: "Tcp", Value: PortTCP, Description: "TCP probes; not routable through ingress."},
	}
}

// Annotate names the enum.
func (p *PortType) Annotate(a infer.Annotator) {
	a.SetToken("index", "PortType")
	a.Describe(p, "A port's type.")
}

// PortProtocol is the application protocol over a port.
type PortProtocol string

// Application protocols.
const (
	ProtoGRPC      PortProtocol = "grpc"
	ProtoWebsocket PortProtocol = "websocket"
)

// Values lists the protocols.
func (PortProtocol) Values() []infer.EnumValue[PortProtocol] {
	return []infer.EnumValue[PortProtocol]{
		{Name: "Grpc", Value: ProtoGRPC, Description: "gRPC (HTTP/2): probed over TCP, nginx GRPC backend."},
		{Name: "Websocket", Value: ProtoWebsocket, Description: "WebSocket: probed over TCP, long proxy timeouts."},
	}
}

// Annotate names the enum.
func (p *PortProtocol) Annotate(a infer.Annotator) {
	a.SetToken("index", "PortProtocol")
	a.Describe(p, "The application protocol over a port.")
}

// ImagePullPolicy is when the kubelet pulls the image (Kubernetes' own values).
type ImagePullPolicy string

// Pull policies.
const (
	PullAlways       ImagePullPolicy = "Always"
	PullIfNotPresent ImagePullPolicy = "IfNotPresent"
	PullNever        ImagePullPolicy = "Never"
)

// Values lists the policies.
func (ImagePullPolicy) Values() []infer.EnumValue[ImagePullPolicy] {
	return []infer.EnumValue[ImagePullPolicy]{
		{Name: "Always", Value: PullAlways, Description: "Resolve the reference at the registry on every container start."},
		{Name: "IfNotPresent", Value: PullIfNotPresent, Description: "Pull only when the node lacks the image (safe with a digest)."},
		{Name: "Never", Value: PullNever, Description: "Never pull: the image must already be on the node (`kind load`, `ctr images import`)."},
	}
}

// Annotate names the enum.
func (p *ImagePullPolicy) Annotate(a infer.Annotator) {
	a.SetToken("index", "ImagePullPolicy")
	a.Describe(p, "When the kubelet pulls the image.")
}

// SecurityProfile is the pods' security level, named after the Pod Security Standards.
type SecurityProfile string

// Security profiles.
const (
	ProfileBaseline   SecurityProfile = "baseline"
	ProfileRestricted SecurityProfile = "restricted"
)

// Values lists the profiles.
func (SecurityProfile) Values() []infer.EnumValue[SecurityProfile] {
	return []infer.EnumValue[SecurityProfile]{
		{Name: "Baseline", Value: ProfileBaseline, Description: "No privilege escalation, RuntimeDefault seccomp."},
		{Name: "Restricted", Value: ProfileRestricted, Description: "Also non-root, read-only root filesystem, no capabilities."},
	}
}

// Annotate names the enum.
func (p *SecurityProfile) Annotate(a infer.Annotator) {
	a.SetToken("index", "SecurityProfile")
	a.Describe(p, "The pods' security profile.")
}

// TaintEffect is the taint effect a toleration tolerates.
type TaintEffect string

// Values lists the effects.
func (TaintEffect) Values() []infer.EnumValue[TaintEffect] {
	return []infer.EnumValue[TaintEffect]{
		{Name: "NoSchedule", Value: "NoSchedule"},
		{Name: "PreferNoSchedule", Value: "PreferNoSchedule"},
		{Name: "NoExecute", Value: "NoExecute"},
	}
}

// Annotate names the enum.
func (e *TaintEffect) Annotate(a infer.Annotator) {
	a.SetToken("index", "TaintEffect")
	a.Describe(e, "A taint effect.")
}

// TolerationOperator says how a toleration matches a taint's value.
type TolerationOperator string

// Values lists the operators.
func (TolerationOperator) Values() []infer.EnumValue[TolerationOperator] {
	return []infer.EnumValue[TolerationOperator]{
		{Name: "Equal", Value: "Equal", Description: "The taint's value equals the toleration's."},
		{Name: "Exists", Value: "Exists", Description: "Any value of the key."},
	}
}

// Annotate names the enum.
func (o *TolerationOperator) Annotate(a infer.Annotator) {
	a.SetToken("index", "TolerationOperator")
	a.Describe(o, "How a toleration matches a taint's value.")
}

// NodeOperator is a node label expression's operator.
type NodeOperator string

// Values lists the operators.
func (NodeOperator) Values() []infer.EnumValue[NodeOperator] {
	return []infer.EnumValue[NodeOperator]{
		{Name: "In", Value: "In"}, {Name: "NotIn", Value: "NotIn"},
		{Name: "Exists", Value: "Exists"}, {Name: "DoesNotExist", Value: "DoesNotExist"},
		{Name: "Gt", Value: "Gt"}, {Name: "Lt", Value: "Lt"},
	}
}

// Annotate names the enum.
func (o *NodeOperator) Annotate(a infer.Annotator) {
	a.SetToken("index", "NodeOperator")
	a.Describe(o, "A node label expression's operator.")
}

// MetricType is the kind of a custom autoscaling metric.
type MetricType string

// Metric types beyond Resource that the autoscaler takes.
const (
	MetricPods     MetricType = "Pods"
	MetricObject   MetricType = "Object"
	MetricExternal MetricType = "External"
)

// Values lists the metric types.
func (MetricType) Values() []infer.EnumValue[MetricType] {
	return []infer.EnumValue[MetricType]{
		{Name: "Pods", Value: MetricPods, Description: "Averaged over the pods."},
		{Name: "Object", Value: MetricObject, Description: "Of one Kubernetes object."},
		{Name: "External", Value: MetricExternal, Description: "From outside the cluster."},
	}
}

// Annotate names the enum.
func (m *MetricType) Annotate(a infer.Annotator) {
	a.SetToken("index", "MetricType")
	a.Describe(m, "The kind of a custom autoscaling metric.")
}

// Access is the access a link grants (aws and gcp links).
type Access string

// Values lists the access levels.
func (Access) Values() []infer.EnumValue[Access] {
	return []infer.EnumValue[Access]{
		{Name: "Read", Value: "read", Description: "Read (and, for queues and topics, consume or subscribe)."},
		{Name: "Write", Value: "write", Description: "Write, which includes read for buckets and tables."},
	}
}

// Annotate names the enum.
func (a *Access) Annotate(an infer.Annotator) {
	an.SetToken("index", "Access")
	an.Describe(a, "The access a link grants.")
}

// ServiceType is how the Kubernetes Service is exposed.
type ServiceType string

// Service types.
const (
	ServiceClusterIP    ServiceType = "ClusterIP"
	ServiceNodePort     ServiceType = "NodePort"
	ServiceLoadBalancer ServiceType = "LoadBalancer"
)

// Values lists the Service types.
func (ServiceType) Values() []infer.EnumValue[ServiceType] {
	return []infer.EnumValue[ServiceType]{
		{Name: "ClusterIP", Value: ServiceClusterIP, Description: "Reachable inside the cluster only (and through ingress or a Gateway)."},
		{Name: "NodePort", Value: ServiceNodePort, Description: "Also on a port of every node."},
		{Name: "LoadBalancer", Value: ServiceLoadBalancer, Description: "Also through a load balancer the cluster's cloud provider creates."},
	}
}

// Annotate names the enum.
func (s *ServiceType) Annotate(a infer.Annotator) {
	a.SetToken("index", "ServiceType")
	a.Describe(s, "How the Kubernetes Service is exposed.")
}

// ExternalTrafficPolicy is where a NodePort or LoadBalancer Service sends outside traffic.
type ExternalTrafficPolicy string

// Values lists the policies.
func (ExternalTrafficPolicy) Values() []infer.EnumValue[ExternalTrafficPolicy] {
	return []infer.EnumValue[ExternalTrafficPolicy]{
		{Name: "Cluster", Value: "Cluster", Description: "To any ready pod, through any node (the client address is lost)."},
		{Name: "Local", Value: "Local", Description: "Only to pods on the node that received it, keeping the client address."},
	}
}

// Annotate names the enum.
func (p *ExternalTrafficPolicy) Annotate(a infer.Annotator) {
	a.SetToken("index", "ExternalTrafficPolicy")
	a.Describe(p, "Where a NodePort or LoadBalancer Service sends traffic from outside the cluster.")
}

// LoadBalancerScheme is who may reach a cloud variant's load balancer.
type LoadBalancerScheme string

// Load balancer schemes.
const (
	SchemeInternal LoadBalancerScheme = "internal"
	SchemeExternal LoadBalancerScheme = "external"
)

// Values lists the schemes.
func (LoadBalancerScheme) Values() []infer.EnumValue[LoadBalancerScheme] {
	return []infer.EnumValue[LoadBalancerScheme]{
		{Name: "Internal", Value: SchemeInternal, Description: "Reachable from the cloud network only."},
		{Name: "External", Value: SchemeExternal, Description: "Reachable from the internet."},
	}
}

// Annotate names the enum.
func (s *LoadBalancerScheme) Annotate(a infer.Annotator) {
	a.SetToken("index", "LoadBalancerScheme")
	a.Describe(s, "Who may reach a cloud variant's load balancer.")
}

// IngressController is the controller that serves an ingress class: it decides how the
// component asks for what the inputs say (a stripped prefix, sticky sessions, gRPC).
type IngressController string

// Ingress controllers the component knows.
const (
	ControllerNginx   IngressController = "nginx"
	ControllerTraefik IngressController = "traefik"
	ControllerGCE     IngressController = "gce"
	ControllerALB     IngressController = "alb"
	ControllerOther   IngressController = "other"
)

// Values lists the controllers.
func (IngressController) Values() []infer.EnumValue[IngressController] {
	return []infer.EnumValue[IngressController]{
		{Name: "Nginx", Value: ControllerNginx, Description: "ingress-nginx, or a controller that reads its annotations."},
		{Name: "Traefik", Value: ControllerTraefik, Description: "Traefik's Kubernetes Ingress provider."},
		{Name: "Gce", Value: ControllerGCE, Description: "GKE Ingress (an external or internal Application Load Balancer)."},
		{Name: "Alb", Value: ControllerALB, Description: "The AWS Load Balancer Controller (an Application Load Balancer)."},
		{Name: "Other", Value: ControllerOther, Description: "Any other controller: routing by host and path prefix only."},
	}
}

// Annotate names the enum.
func (c *IngressController) Annotate(a infer.Annotator) {
	a.SetToken("index", "IngressController")
	a.Describe(c, "The controller that serves the ingress class.")
}

// ScrapeVia is how Prometheus is told to scrape the service's pods.
type ScrapeVia string

// The ways to be scraped.
const (
	ScrapeAnnotations ScrapeVia = "annotations"
	ScrapePodMonitor  ScrapeVia = "podMonitor"
)

// Values lists the ways.
func (ScrapeVia) Values() []infer.EnumValue[ScrapeVia] {
	return []infer.EnumValue[ScrapeVia]{
		{Name: "Annotations", Value: ScrapeAnnotations, Description: "The conventional prometheus.io/* pod annotations."},
		{Name: "PodMonitor", Value: ScrapePodMonitor, Description: "A Prometheus Operator PodMonitor (its CRDs must be installed)."},
	}
}

// Annotate names the enum.
func (v *ScrapeVia) Annotate(a infer.Annotator) {
	a.SetToken("index", "ScrapeVia")
	a.Describe(v, "How Prometheus is told to scrape the pods.")
}

// LinkType is the kind of server a link connects to.
type LinkType string

// The link types.
const (
	LinkPostgres LinkType = "postgres"
	LinkMySQL    LinkType = "mysql"
	LinkMongoDB  LinkType = "mongodb"
	LinkRedis    LinkType = "redis"
)

// Values lists the link types.
func (LinkType) Values() []infer.EnumValue[LinkType] {
	return []infer.EnumValue[LinkType]{
		{Name: "Postgres", Value: LinkPostgres, Description: "PostgreSQL."},
		{Name: "Mysql", Value: LinkMySQL, Description: "MySQL or MariaDB."},
		{Name: "Mongodb", Value: LinkMongoDB, Description: "MongoDB or a compatible server (DocumentDB, Cosmos DB's API for MongoDB)."},
		{Name: "Redis", Value: LinkRedis, Description: "Redis or a compatible server (Valkey, ElastiCache, Memorystore, Azure Cache)."},
	}
}

// Annotate names the enum.
func (t *LinkType) Annotate(a infer.Annotator) {
	a.SetToken("index", "LinkType")
	a.Describe(t, "The kind of server a link connects to.")
}
