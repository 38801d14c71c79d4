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

// Link hands the pods the connection to a database or a cache: where it is and how to log
// in, as env vars named after the link (Opta's `<name>_db_host`…), the credentials only
// through the service's Secret, so that they stay out of the pod spec and a changed
// password rolls the pods as `secrets` do.
type Link struct {
	Name     string             `pulumi:"name"`
	Type     LinkType           `pulumi:"type"`
	Host     pulumi.StringInput `pulumi:"host"`
	Port     pulumi.StringInput `pulumi:"port,optional"`
	Database pulumi.StringInput `pulumi:"database,optional"`
	User     pulumi.StringInput `pulumi:"user,optional"`
	Password pulumi.StringInput `pulumi:"password,optional"`
	EnvNames map[string]string  `pulumi:"envNames,optional"`
}

// Annotate documents Link.
func (l *Link) Annotate(a infer.Annotator) {
	a.SetToken("index", "Link")
	a.Describe(l, "The connection to a database or cache, handed to the pods as env vars named after the link "+
		"(docs/links.md). Values may be outputs of the resources the program creates.")
	a.Describe(&l.Name, "Names the env vars: `<name>_db_host`, `<name>_db_port`, `<name>_db_name`, `<name>_db_user` and "+
		"`<name>_db_password` for a database; `<name>_cache_host`, `<name>_cache_port` and `<name>_cache_auth_token` for "+
		"redis (Opta's names). Letters, digits and `_`, not starting with a digit.")
	a.Describe(&l.Type, "`postgres`, `mysql`, `mongodb` or `redis`.")
	a.Describe(&l.Host, "The host name or address, e.g. a database's `address` output.")
	a.Describe(&l.Port, "The port. Default: the type's own (5432, 3306, 27017, 6379).")
	a.Describe(&l.Database, "The database's name (not for redis).")
	a.Describe(&l.User, "The user to log in as (not for redis).")
	a.Describe(&l.Password, "The password (redis: the auth token). Must be a secret — an output the provider marks "+
		"secret, a secret config value, `pulumi.secret()`, `fn::secret` — never a plain string. Stored in the service's "+
		"Secret; changing it rolls the pods.")
	a.Describe(&l.EnvNames, "Other names for the env vars, by their key (`db_host`, `db_port`, `db_name`, `db_user`, "+
		"`db_password`, `cache_host`, `cache_port`, `cache_auth_token`), e.g. `{db_host: PGHOST}`.")
}
