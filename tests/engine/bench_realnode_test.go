//go:build engine

package engine

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkRealNodeDeploy (`make bench-realnode`, docs/benchmarks.md) times a deploy where
// readiness is real: one service of two pods of the test application on the real node,
// health-checked, until every pod is Ready, then an image update until the new pods are;
// through `pulumi up` of the component (with its defaults, and with Opta's 30 s initial
// delays) and through `helm install/upgrade --wait` of a chart holding the same objects.
// Wall seconds per step, reported, never asserted.
func BenchmarkRealNodeDeploy(b *testing.B) {
	inputs := func(ns, version string) map[string]any {
		return map[string]any{"image": realNode.app[version], "namespace": ns, "port": map[string]any{"http": 8080},
			"healthcheckPath": "/healthz", "readinessProbePath": "/ready", "minContainers": 2, "maxContainers": 2}
	}
	b.Run("component", func(b *testing.B) { benchRealComponent(b, inputs) })
	b.Run("component-opta-delays", func(b *testing.B) {
		benchRealComponent(b, func(ns, version string) map[string]any {
			return merge(inputs(ns, version), map[string]any{"initialLivenessDelay": 30, "initialReadinessDelay": 30})
		})
	})
	b.Run("helm", func(b *testing.B) {
		helm := filepath.Join(filepath.Dir(pulumiBin), "helm")
		if !exists(helm) {
			b.Fatal("no helm: `make bench-realnode` builds it (tools/helm)")
		}
		for i := 0; i < b.N; i++ {
			ns := onRealNode(b, fmt.Sprintf("bench-real-helm-%d", benchRuns.Add(1)))
			run, _, home := helmIn(b, helm, ns)
			chart := filepath.Join(home, "chart")
			writeChartOf(b, chart, objectsOf(b, "web", ns, inputs(ns, "v1")))
			b.ReportMetric(timed(b, run("install", "bench", chart)), "up-s")
			writeChartOf(b, chart, objectsOf(b, "web", ns, inputs(ns, "v2")))
			b.ReportMetric(timed(b, run("upgrade", "bench", chart)), "update-s")
			if out, err := run("uninstall", "bench")(); err != nil {
				b.Errorf("helm uninstall: %v\n%s", err, out)
			}
		}
	})
}

// benchRealComponent deploys the service of these inputs, then updates its image, through
// `pulumi up` of the component.
func benchRealComponent(b *testing.B, inputs func(ns, version string) map[string]any) {
	for i := 0; i < b.N; i++ {
		ns := onRealNode(b, fmt.Sprintf("bench-real-component-%d", benchRuns.Add(1)))
		s := newYAMLStack(b, ns)
		program := func(version string) string {
			return programBody(b, map[string]any{"web": map[string]any{"type": "k8s-service:index:Service", "properties": inputs(ns, version)}})
		}
		s.program(ns, program("v1"))
		b.ReportMetric(timed(b, benchStep(b, s.dir, "up", "up", "--yes", "--skip-preview")), "up-s")
		s.program(ns, program("v2"))
		b.ReportMetric(timed(b, benchStep(b, s.dir, "update", "up", "--yes", "--skip-preview")), "update-s")
	}
}
