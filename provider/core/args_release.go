package core

import (
	"github.com/pulumi/pulumi-go-provider/infer"
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
