package core

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ProbeOptions is a probe's action and timing.
type ProbeOptions struct {
	Path             *string  `pulumi:"path,optional"`
	Command          []string `pulumi:"command,optional"`
	PeriodSeconds    *int     `pulumi:"periodSeconds,optional"`
	TimeoutSeconds   *int     `pulumi:"timeoutSeconds,optional"`
	FailureThreshold *int     `pulumi:"failureThreshold,optional"`
	SuccessThreshold *int     `pulumi:"successThreshold,optional"`
}

// Annotate documents ProbeOptions.
func (o *ProbeOptions) Annotate(a infer.Annotator) {
	a.SetToken("index", "ProbeOptions")
	a.Describe(o, "A probe's action and timing.")
	a.Describe(&o.Path, "An HTTP path on the probe port, starting with `/`.")
	a.Describe(&o.Command, "A command run in the container; healthy when it exits 0. Not together with `path`.")
	a.Describe(&o.PeriodSeconds, "Seconds between probes, at least 1. Default 10 (startup probe: 5).")
	a.Describe(&o.TimeoutSeconds, "Seconds before a probe counts as failed, at least 1. Default 5.")
	a.Describe(&o.FailureThreshold, "Failures in a row before the probe fails, at least 1. Default 3 (startup probe: 60).")
	a.Describe(&o.SuccessThreshold, "Readiness only: successes in a row before the pod is Ready again, at least 1. Default 1.")
}

// KeyRef is one key of an existing Secret or ConfigMap.
type KeyRef struct {
	Secret    pulumi.StringInput `pulumi:"secret,optional"`
	ConfigMap pulumi.StringInput `pulumi:"configMap,optional"`
	Key       string             `pulumi:"key"`
	Optional  *bool              `pulumi:"optional,optional"`
}

// Annotate documents KeyRef.
func (r *KeyRef) Annotate(a infer.Annotator) {
	a.SetToken("index", "KeyRef")
	a.Describe(r, "A key of an existing Secret or ConfigMap in the service's namespace.")
	a.Describe(&r.Secret, "The Secret's name. Give `secret` or `configMap`.")
	a.Describe(&r.ConfigMap, "The ConfigMap's name. Give `secret` or `configMap`.")
	a.Describe(&r.Key, "The key whose value becomes the env var.")
	a.Describe(&r.Optional, "Start the pods even when the object or key does not exist. Default false.")
}

// EnvFromSource is every key of an existing Secret or ConfigMap.
type EnvFromSource struct {
	Secret    pulumi.StringInput `pulumi:"secret,optional"`
	ConfigMap pulumi.StringInput `pulumi:"configMap,optional"`
	Prefix    *string            `pulumi:"prefix,optional"`
	Optional  *bool              `pulumi:"optional,optional"`
}

// Annotate documents EnvFromSource.
func (s *EnvFromSource) Annotate(a infer.Annotator) {
	a.SetToken("index", "EnvFromSource")
	a.Describe(s, "Every key of an existing Secret or ConfigMap in the service's namespace, as env vars.")
	a.Describe(&s.Secret, "The Secret's name. Give `secret` or `configMap`.")
	a.Describe(&s.ConfigMap, "The ConfigMap's name. Give `secret` or `configMap`.")
	a.Describe(&s.Prefix, "Prepended to every key, e.g. `DB_`.")
	a.Describe(&s.Optional, "Start the pods even when the object does not exist. Default false.")
}

// ExtraContainer is an init container or a sidecar.
type ExtraContainer struct {
	Name            string            `pulumi:"name"`
	Image           *string           `pulumi:"image,optional"`
	Commands        []string          `pulumi:"commands,optional"`
	Args            []string          `pulumi:"args,optional"`
	EnvVars         map[string]string `pulumi:"envVars,optional"`
	ShareEnv        *bool             `pulumi:"shareEnv,optional"`
	ResourceRequest *Resources        `pulumi:"resourceRequest,optional"`
	ResourceLimits  *Resources        `pulumi:"resourceLimits,optional"`
}

// Annotate documents ExtraContainer.
func (c *ExtraContainer) Annotate(a infer.Annotator) {
	a.SetToken("index", "ExtraContainer")
	a.Describe(c, "An init container or a sidecar, under the service's security profile.")
	a.Describe(&c.Name, "The container's name: a DNS label, unique in the pod and not the service's own name.")
	a.Describe(&c.Image, "The image. Defaults to the service's image (then `commands` is required, or it would run the service).")
	a.Describe(&c.Commands, "The command (entrypoint).")
	a.Describe(&c.Args, "The arguments.")
	a.Describe(&c.EnvVars, "The container's own env vars, added after the shared ones.")
	a.Describe(&c.ShareEnv, "Give the container the service's env: `envVars`, `secrets`, `envVarsFrom` and `envFrom`. Default true.")
	a.Describe(&c.ResourceRequest, "CPU (millicores) and memory (MiB) requested. Default `{cpu: 50, memory: 64}`.")
	a.Describe(&c.ResourceLimits, "CPU and memory limits. Each defaults to twice its request.")
	a.SetDefault(&c.ShareEnv, true)
}

// ScratchVolume is an emptyDir mounted in the workload's containers.
type ScratchVolume struct {
	Path      string `pulumi:"path"`
	SizeLimit int    `pulumi:"sizeLimit"`
	Memory    *bool  `pulumi:"memory,optional"`
}

// Annotate documents ScratchVolume.
func (s *ScratchVolume) Annotate(a infer.Annotator) {
	a.SetToken("index", "ScratchVolume")
	a.Describe(s, "A scratch directory (emptyDir) shared by the pod's containers.")
	a.Describe(&s.Path, "The absolute path where it is mounted.")
	a.Describe(&s.SizeLimit, "Its size limit in MiB, more than 0; a pod that writes more is evicted.")
	a.Describe(&s.Memory, "Back it with memory (tmpfs): faster, and counted against the container's memory limit. Default false.")
	a.SetDefault(&s.Memory, false)
}

// NodeAffinity constrains which nodes the pods run on.
type NodeAffinity struct {
	Required  []NodeRequirement `pulumi:"required,optional"`
	Preferred []NodePreference  `pulumi:"preferred,optional"`
}

// Annotate documents NodeAffinity.
func (n *NodeAffinity) Annotate(a infer.Annotator) {
	a.SetToken("index", "NodeAffinity")
	a.Describe(n, "Node affinity.")
	a.Describe(&n.Required, "Expressions every node the pods run on must match (all of them).")
	a.Describe(&n.Preferred, "Expressions the scheduler prefers, each with a weight.")
}

// NodeRequirement is one node label expression.
type NodeRequirement struct {
	Key      string       `pulumi:"key"`
	Operator NodeOperator `pulumi:"operator"`
	Values   []string     `pulumi:"values,optional"`
}

// Annotate documents NodeRequirement.
func (r *NodeRequirement) Annotate(a infer.Annotator) {
	a.SetToken("index", "NodeRequirement")
	a.Describe(r, "A node label expression.")
	a.Describe(&r.Key, "The node label key, e.g. `topology.kubernetes.io/zone`.")
	a.Describe(&r.Operator, "`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.")
	a.Describe(&r.Values, "The values: one or more for In and NotIn, none for Exists and DoesNotExist, one integer for Gt and Lt.")
}

// NodePreference is a weighted node label expression.
type NodePreference struct {
	Weight   int          `pulumi:"weight"`
	Key      string       `pulumi:"key"`
	Operator NodeOperator `pulumi:"operator"`
	Values   []string     `pulumi:"values,optional"`
}

// Annotate documents NodePreference.
func (r *NodePreference) Annotate(a infer.Annotator) {
	a.SetToken("index", "NodePreference")
	a.Describe(r, "A node label expression the scheduler prefers.")
	a.Describe(&r.Weight, "The preference's weight, 1-100.")
	a.Describe(&r.Key, "The node label key.")
	a.Describe(&r.Operator, "`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.")
	a.Describe(&r.Values, "The values, as for `required`.")
}

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

// Metrics says where the pods serve Prometheus metrics and how Prometheus learns of it.
type Metrics struct {
	Port          *string           `pulumi:"port,optional"`
	Path          *string           `pulumi:"path,optional"`
	Interval      *string           `pulumi:"interval,optional"`
	Via           *ScrapeVia        `pulumi:"via,optional"`
	MonitorLabels map[string]string `pulumi:"monitorLabels,optional"`
}

// Annotate documents Metrics.
func (m *Metrics) Annotate(a infer.Annotator) {
	a.SetToken("index", "Metrics")
	a.Describe(m, "Prometheus metrics served by the pods.")
	a.Describe(&m.Port, "The name of the port that serves them. Default: the first port.")
	a.Describe(&m.Path, "The HTTP path. Default `/metrics`.")
	a.Describe(&m.Interval, "How often Prometheus scrapes, a Prometheus duration such as `30s` or `1m`. Default `30s`.")
	a.Describe(&m.Via, "`annotations` (default): the conventional `prometheus.io/scrape`, `port` and `path` pod "+
		"annotations, which Prometheus' kubernetes_sd pod role reads (the interval is then Prometheus' own); or "+
		"`podMonitor`: a Prometheus Operator PodMonitor, which needs the operator's CRDs in the cluster.")
	a.Describe(&m.MonitorLabels, "Labels of the PodMonitor, for the Prometheus whose podMonitorSelector picks monitors "+
		"by label (kube-prometheus-stack's picks `release: <its release>`).")
}

// PreDeploy is a Job run with the new version before the workload changes.
type PreDeploy struct {
	Commands       []string `pulumi:"commands"`
	Args           []string `pulumi:"args,optional"`
	TimeoutSeconds *int     `pulumi:"timeoutSeconds,optional"`
}

// Annotate documents PreDeploy.
func (p *PreDeploy) Annotate(a infer.Annotator) {
	a.SetToken("index", "PreDeploy")
	a.Describe(p, "A Job (a database migration, say) run with the service's new image, env, secrets, files and service "+
		"account before the workload changes, once per change of what it runs.")
	a.Describe(&p.Commands, "The command the Job runs, e.g. `[\"/app/migrate\", \"up\"]`.")
	a.Describe(&p.Args, "Its arguments.")
	a.Describe(&p.TimeoutSeconds, "How long the Job may run before it fails, and `pulumi up` with it. Default 600.")
}

// AutoscalingMetric is an HPA metric served by a metrics adapter.
type AutoscalingMetric struct {
	Type             MetricType        `pulumi:"type"`
	Name             string            `pulumi:"name"`
	Selector         map[string]string `pulumi:"selector,optional"`
	AverageValue     *string           `pulumi:"averageValue,optional"`
	Value            *string           `pulumi:"value,optional"`
	ObjectKind       *string           `pulumi:"objectKind,optional"`
	ObjectName       *string           `pulumi:"objectName,optional"`
	ObjectApiVersion *string           `pulumi:"objectApiVersion,optional"`
}

// Annotate documents AutoscalingMetric.
func (m *AutoscalingMetric) Annotate(a infer.Annotator) {
	a.SetToken("index", "AutoscalingMetric")
	a.Describe(m, "A metric the autoscaler scales on, from the custom or external metrics API.")
	a.Describe(&m.Type, "`Pods` (averaged over the pods), `Object` (of one Kubernetes object) or `External` (from outside the cluster).")
	a.Describe(&m.Name, "The metric's name, e.g. `http_requests_per_second`.")
	a.Describe(&m.Selector, "Labels selecting the metric's series.")
	a.Describe(&m.AverageValue, "The target per pod, a quantity such as `100` or `500m`. Required for `Pods`.")
	a.Describe(&m.Value, "The target total value, a quantity (`Object` and `External`). Give `value` or `averageValue`.")
	a.Describe(&m.ObjectKind, "`Object` only: the described object's kind, e.g. `Ingress`.")
	a.Describe(&m.ObjectName, "`Object` only: the described object's name.")
	a.Describe(&m.ObjectApiVersion, "`Object` only: its API version. Default `v1`.")
}

// AutoscalingBehavior is the HPA's scaling speed.
type AutoscalingBehavior struct {
	ScaleDownStabilizationSeconds *int `pulumi:"scaleDownStabilizationSeconds,optional"`
	ScaleUpStabilizationSeconds   *int `pulumi:"scaleUpStabilizationSeconds,optional"`
}

// Annotate documents AutoscalingBehavior.
func (b *AutoscalingBehavior) Annotate(a infer.Annotator) {
	a.SetToken("index", "AutoscalingBehavior")
	a.Describe(b, "Stabilisation windows of the autoscaler.")
	a.Describe(&b.ScaleDownStabilizationSeconds, "How long the autoscaler looks back before scaling down, 0-3600. Kubernetes' default 300.")
	a.Describe(&b.ScaleUpStabilizationSeconds, "How long it looks back before scaling up, 0-3600. Kubernetes' default 0.")
}
