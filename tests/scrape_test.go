package tests

import (
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const podMonitorType = "kubernetes:monitoring.coreos.com/v1:PodMonitor"

// By default the workload's pods carry the prometheus.io annotations (the cron jobs' do
// not); the user's podAnnotations win.
func TestMetricsByAnnotations(t *testing.T) {
	c := harness.MustConstruct(t, map[string]any{"image": "x",
		"ports": []any{
			map[string]any{"name": "web", "type": "http", "port": 8080},
			map[string]any{"name": "metrics", "type": "tcp", "port": 9090},
		},
		"metrics":        map[string]any{"port": "metrics"},
		"podAnnotations": map[string]any{"prometheus.io/path": "/custom"},
		"cronJobs":       []any{map[string]any{"commands": []any{"date"}, "schedule": "@daily"}},
	})
	pod := c.Only(t, "kubernetes:apps/v1:Deployment").Get("spec.template.metadata.annotations").(map[string]any)
	for k, want := range map[string]string{"prometheus.io/scrape": "true", "prometheus.io/port": "9090", "prometheus.io/path": "/custom"} {
		if pod[k] != want {
			t.Errorf("pod annotation %s = %v, want %s", k, pod[k], want)
		}
	}
	if cron, _ := c.Only(t, "kubernetes:batch/v1:CronJob").Get("spec.jobTemplate.spec.template.metadata.annotations").(map[string]any); cron["prometheus.io/scrape"] != nil {
		t.Errorf("the cron job's pods are scraped too: %v", cron)
	}
	if n := len(c.All(podMonitorType)); n != 0 {
		t.Errorf("%d PodMonitors with via: annotations", n)
	}
}

// via: podMonitor makes a PodMonitor over the workload's selector label and the port by name.
func TestMetricsByPodMonitor(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"metrics": map[string]any{
		"via": "podMonitor", "interval": "15s", "path": "/stats", "monitorLabels": map[string]any{"release": "kube-prometheus-stack"},
	}}))
	monitor := c.Only(t, podMonitorType)
	expect(t, "PodMonitor", monitor, map[string]string{
		"apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor",
		"metadata.labels.release":              "kube-prometheus-stack",
		"spec.podMetricsEndpoints[0].port":     "http",
		"spec.podMetricsEndpoints[0].path":     "/stats",
		"spec.podMetricsEndpoints[0].interval": "15s",
		"spec.selector.matchLabels":            "map[app.kubernetes.io/name:app]",
	})
	if pod, _ := c.Only(t, "kubernetes:apps/v1:Deployment").Get("spec.template.metadata.annotations").(map[string]any); pod["prometheus.io/scrape"] != nil {
		t.Errorf("annotations as well as the PodMonitor: %v", pod)
	}
}
