//go:build engine

package engine

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const podMonitors = "kubernetes:monitoring.coreos.com/v1:PodMonitor"

func scrapeProgram(ns, metrics string) string {
	return "resources:" + service("api", "nginx:1.27", ns, `      ports:
        - {name: web, type: http, port: 8080}
        - {name: metrics, type: tcp, port: 9090}
      initialReadinessDelay: 0
`+metrics)
}

// Metrics through the real engine: the pod annotations roll the pods once, a switch to a
// PodMonitor (the Prometheus Operator's CRD served by the tier) creates it and takes the
// annotations off, a changed interval updates it in place, and removing metrics deletes
// it; no second preview plans a change.
func TestMetricsScraping(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "scrape")
	s := newYAMLStack(t, ns)
	ctx := context.Background()
	annotations := func() map[string]string {
		t.Helper()
		d, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, "api", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return d.Spec.Template.Annotations
	}
	s.program(ns, scrapeProgram(ns, "      metrics: {port: metrics}\n"))
	s.mustUp(false)
	if a := annotations(); a["prometheus.io/scrape"] != "true" || a["prometheus.io/port"] != "9090" {
		t.Errorf("pod annotations %v", a)
	}
	s.expectNoChanges()

	s.program(ns, scrapeProgram(ns, "      metrics: {port: metrics, via: podMonitor, interval: 30s, monitorLabels: {release: prom}}\n"))
	s.mustUp(false)
	first, err := resourceOf(t, podMonitors, ns).Get(ctx, "api", metav1.GetOptions{})
	if err != nil || first.GetLabels()["release"] != "prom" {
		t.Fatalf("PodMonitor (%v): %v", err, first)
	}
	if a := annotations(); a["prometheus.io/scrape"] != "" {
		t.Errorf("the annotations stayed beside the PodMonitor: %v", a)
	}
	s.expectNoChanges()

	s.program(ns, scrapeProgram(ns, "      metrics: {port: metrics, via: podMonitor, interval: 10s, monitorLabels: {release: prom}}\n"))
	s.mustUp(false)
	after, err := resourceOf(t, podMonitors, ns).Get(ctx, "api", metav1.GetOptions{})
	if err != nil || after.GetUID() != first.GetUID() {
		t.Errorf("the PodMonitor was replaced, not updated (%v)", err)
	} else if endpoints, _ := after.Object["spec"].(map[string]any)["podMetricsEndpoints"].([]any); endpoints[0].(map[string]any)["interval"] != "10s" {
		t.Errorf("interval not updated: %v", endpoints)
	}
	s.expectNoChanges()

	s.program(ns, scrapeProgram(ns, ""))
	s.mustUp(false)
	if objectExists(t, podMonitors, ns, "api") {
		t.Errorf("the PodMonitor is still there after metrics was removed")
	}
	s.expectNoChanges()
}
