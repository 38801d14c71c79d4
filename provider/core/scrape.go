package core

import (
	"regexp"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// promDuration is a Prometheus duration (its model.ParseDuration's grammar).
var promDuration = regexp.MustCompile(`^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$`)

func resolveScrape(in *Metrics, ports []ResolvedPort, scaling Scaling, fldPath *field.Path) (*Scrape, field.ErrorList) {
	if in == nil {
		return nil, nil
	}
	p := fldPath.Child("metrics")
	s := &Scrape{Path: deref(in.Path, "/metrics"), Interval: deref(in.Interval, "30s"),
		Via: deref(in.Via, ScrapeAnnotations), MonitorLabels: in.MonitorLabels}
	var errs field.ErrorList
	if scaling.Max == 0 {
		errs = append(errs, field.Forbidden(p, "a cron-only service (maxContainers: 0) has no pods to scrape"))
	}
	switch i := slices.IndexFunc(ports, func(port ResolvedPort) bool { return in.Port == nil || port.Name == *in.Port }); {
	case len(ports) == 0:
		errs = append(errs, field.Required(fldPath.Child("port"), "metrics are scraped over a port: give `port` or `ports`"))
	case i < 0:
		names := make([]string, len(ports))
		for j, port := range ports {
			names[j] = port.Name
		}
		errs = append(errs, field.NotSupported(p.Child("port"), *in.Port, names))
	default:
		s.Port = ports[i]
	}
	if len(s.Path) == 0 || s.Path[0] != '/' {
		errs = append(errs, field.Invalid(p.Child("path"), s.Path, "must be an absolute HTTP path such as `/metrics`"))
	}
	if !promDuration.MatchString(s.Interval) || s.Interval == "" {
		errs = append(errs, field.Invalid(p.Child("interval"), s.Interval, "must be a Prometheus duration such as `30s` or `1m`"))
	}
	errs = append(errs, CheckEnum(s.Via, p.Child("via"))...)
	errs = append(errs, validateLabels(in.MonitorLabels, p.Child("monitorLabels"))...)
	if len(in.MonitorLabels) > 0 && s.Via != ScrapePodMonitor {
		errs = append(errs, field.Forbidden(p.Child("monitorLabels"), "labels a PodMonitor: only with via: podMonitor"))
	}
	return s, errs
}

// scrapeAnnotations are the workload pods' prometheus.io/* annotations, with via: annotations.
func (b *builder) scrapeAnnotations() map[string]string {
	s := b.cfg.Scrape
	if s == nil || s.Via != ScrapeAnnotations {
		return nil
	}
	return map[string]string{
		"prometheus.io/scrape": "true",
		"prometheus.io/port":   strconv.Itoa(s.Port.Port),
		"prometheus.io/path":   s.Path,
	}
}

// podMonitorArgs selects the workload's pods (not the cron jobs': they carry no selector
// label) and scrapes the port by name. A PodMonitor rather than a ServiceMonitor: a
// StatefulSet's pods sit behind two Services, which would scrape each pod twice.
func (b *builder) podMonitorArgs() *apiextensions.CustomResourceArgs {
	s := b.cfg.Scrape
	meta := b.meta(b.cfg.Name, nil)
	meta.Labels = pulumi.ToStringMap(merge(s.MonitorLabels, b.labels()))
	return &apiextensions.CustomResourceArgs{
		ApiVersion: pulumi.String("monitoring.coreos.com/v1"),
		Kind:       pulumi.String("PodMonitor"),
		Metadata:   meta,
		OtherFields: kubernetes.UntypedArgs{"spec": map[string]any{
			"selector":            map[string]any{"matchLabels": b.selector()},
			"podMetricsEndpoints": []any{map[string]any{"port": s.Port.Name, "path": s.Path, "interval": s.Interval}},
		}},
	}
}

// registerScrape registers the PodMonitor, with via: podMonitor.
func (b *builder) registerScrape(ctx *pulumi.Context, opts []pulumi.ResourceOption) error {
	if s := b.cfg.Scrape; s == nil || s.Via != ScrapePodMonitor {
		return nil
	}
	_, err := apiextensions.NewCustomResource(ctx, b.cfg.Name, b.podMonitorArgs(), opts...)
	return err
}
