package core

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

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

// Canary is a new version taking a share of the traffic beside the current one.
type Canary struct {
	Tag      pulumi.StringInput `pulumi:"tag,optional"`
	Digest   pulumi.StringInput `pulumi:"digest,optional"`
	Weight   int                `pulumi:"weight"`
	Replicas *int               `pulumi:"replicas,optional"`
}

// Annotate documents Canary.
func (c *Canary) Annotate(a infer.Annotator) {
	a.SetToken("index", "Canary")
	a.Describe(c, "A canary: the service's pod template with another tag or digest of the same image, in a Deployment "+
		"`<name>-canary` beside the service's own, its pods labelled `k8s-service.io/track: canary` (the service's own "+
		"are `stable`). `up` moves traffic to it only once all its pods are Ready; one that never is fails `up` with "+
		"its pods' reasons while the current version keeps every request.")
	a.Describe(&c.Tag, "The new version's tag, of the service's image (or of the registry `AUTO` created).")
	a.Describe(&c.Digest, "The new version's digest (`sha256:…`), instead of or with `tag`.")
	a.Describe(&c.Weight, "The percentage of requests (0–100) the canary gets through the service's Gateway routes "+
		"(`backendRefs` weights) or Ingress (ingress-nginx's canary Ingress; the ALB's weighted target groups); "+
		"ingress classes without weights are refused. Callers inside the cluster, through the service's Kubernetes "+
		"Service, reach the canary by its share of the ready pods instead: approximate.")
	a.Describe(&c.Replicas, "How many pods the canary runs. The autoscaler scales only the service's own. Default 1.")
	a.SetDefault(&c.Replicas, 1)
}
