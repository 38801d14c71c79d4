//go:build engine

package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// The engine benchmarks of docs/benchmarks.md (`make bench-engine`): n new minimal
// services and then an image update across them, deployed through the real CLI and
// pulumi-kubernetes via the component, via the same objects declared directly in a
// Pulumi YAML program, and via `helm install --wait` / `helm upgrade --wait` of a chart
// holding those objects. Each reports wall seconds per step as metrics; never asserted.
func BenchmarkEngineDeploy(b *testing.B) {
	helm := filepath.Join(filepath.Dir(pulumiBin), "helm")
	kubectl := filepath.Join(filepath.Dir(pulumiBin), "kubectl")
	for _, n := range []int{1, 25, 100} {
		b.Run(fmt.Sprintf("component/n=%d", n), func(b *testing.B) {
			benchPulumi(b, n, componentProgram)
		})
		b.Run(fmt.Sprintf("direct/n=%d", n), func(b *testing.B) {
			benchPulumi(b, n, directProgram)
		})
		// The file backend rewrites the whole checkpoint after every step, which grows
		// with the square of the stack; PULUMI_SKIP_CHECKPOINTS shows the cost.
		b.Run(fmt.Sprintf("component-skip-checkpoints/n=%d", n), func(b *testing.B) {
			defer withEnv("PULUMI_SKIP_CHECKPOINTS=true")()
			benchPulumi(b, n, componentProgram)
		})
		// And the engine's parallelism, 4 × GOMAXPROCS (8 here) by default.
		b.Run(fmt.Sprintf("component-skip-checkpoints-parallel-64/n=%d", n), func(b *testing.B) {
			defer withEnv("PULUMI_SKIP_CHECKPOINTS=true", "PULUMI_PARALLEL=64")()
			benchPulumi(b, n, componentProgram)
		})
		b.Run(fmt.Sprintf("helm/n=%d", n), func(b *testing.B) {
			if !exists(helm) || !exists(kubectl) {
				b.Skip("no helm or kubectl: `make bench-engine` builds them (tools/helm, tools/kubectl)")
			}
			benchHelm(b, helm, kubectl, n)
		})
		// The plugin's peak resident memory during a preview and an up of n new services.
		b.Run(fmt.Sprintf("plugin-memory/n=%d", n), func(b *testing.B) {
			benchPluginMemory(b, n)
		})
	}
}

// benchRuns numbers the runs of one process, so that each (-count 5 runs the same
// benchmark five times) gets a namespace of its own while the last one's is still going.
var benchRuns atomic.Int64

// minimalInputs is the minimal service of the benchmarks: an image, a tag and a port.
func minimalInputs(ns, tag string) map[string]any {
	return map[string]any{"image": "nginx", "tag": tag, "namespace": ns, "port": map[string]any{"http": 8080}}
}

func serviceName(i int) string { return fmt.Sprintf("svc-%d", i) }

// componentProgram is n component Services.
func componentProgram(b *testing.B, ns string, n int, tag string) string {
	resources := map[string]any{}
	for i := range n {
		resources[serviceName(i)] = map[string]any{"type": "k8s-service:index:Service", "properties": minimalInputs(ns, tag)}
	}
	return programBody(b, resources)
}

// directProgram is the objects the component registers for the same n services, taken
// from the component itself (in-process), declared as pulumi-kubernetes resources.
func directProgram(b *testing.B, ns string, n int, tag string) string {
	resources := map[string]any{}
	for i := range n {
		for _, m := range componentObjects(b, serviceName(i), ns, tag) {
			resource := map[string]any{"type": m.Child.Type, "properties": m.Obj.Object}
			if ignore := m.Child.Request.GetIgnoreChanges(); len(ignore) > 0 {
				resource["options"] = map[string]any{"ignoreChanges": ignore}
			}
			resources[m.Child.Name+"-"+strings.ToLower(m.Obj.GetKind())] = resource
		}
	}
	return programBody(b, resources)
}

func componentObjects(b *testing.B, name, ns, tag string) []harness.Manifest {
	return objectsOf(b, name, ns, minimalInputs(ns, tag))
}

// objectsOf are the objects the component registers for these inputs (in-process).
func objectsOf(b *testing.B, name, ns string, inputs map[string]any) []harness.Manifest {
	c := harness.Construct(b, "k8s-service:index:Service", name, harness.Props(inputs), false)
	if c.Err != nil {
		b.Fatal(c.Err)
	}
	return harness.Manifests(b, c, ns)
}

func programBody(b *testing.B, resources map[string]any) string {
	out, err := yaml.Marshal(map[string]any{"resources": resources})
	if err != nil {
		b.Fatal(err)
	}
	return string(out)
}

func benchPulumi(b *testing.B, n int, program func(*testing.B, string, int, string) string) {
	for i := 0; i < b.N; i++ {
		ns := namespace(b, fmt.Sprintf("bench-%s-%d-%d", strings.Split(b.Name(), "/")[1], n, benchRuns.Add(1)))
		s := newYAMLStack(b, ns)
		s.program(ns, program(b, ns, n, "1.27"))
		b.ReportMetric(timed(b, benchStep(b, s.dir, "preview", "preview")), "preview-s")
		b.ReportMetric(timed(b, benchStep(b, s.dir, "up", "up", "--yes", "--skip-preview")), "up-s")
		// The everyday runs: a pull request's preview and a merge's up that change nothing.
		b.ReportMetric(timed(b, benchStep(b, s.dir, "preview-nochange", "preview")), "preview-nochange-s")
		b.ReportMetric(timed(b, benchStep(b, s.dir, "up-nochange", "up", "--yes", "--skip-preview")), "up-nochange-s")
		s.program(ns, program(b, ns, n, "1.28"))
		b.ReportMetric(timed(b, benchStep(b, s.dir, "update", "up", "--yes", "--skip-preview")), "update-s")
		b.ReportMetric(timed(b, benchStep(b, s.dir, "refresh", "refresh", "--yes", "--skip-preview")), "refresh-s")
	}
}

// benchStep is one CLI command as a user or CI job runs it: without `--diff`, whose
// rendering of every created object's properties the tier's cases want but a deploy does
// not. With ENGINE_BENCH_PROFILE=dir, the CLI writes its CPU profile and execution trace
// to dir/<benchmark>-<step>.<pid>.{cpu,mem,trace} (`go tool pprof -top <file>.cpu`).
func benchStep(b *testing.B, dir, step string, args ...string) func() (string, error) {
	if profiles := os.Getenv("ENGINE_BENCH_PROFILE"); profiles != "" {
		args = append([]string{"--profiling", filepath.Join(profiles, strings.ReplaceAll(b.Name(), "/", "-")+"-"+step)}, args...)
	}
	return func() (string, error) { return pulumi(dir, args...) }
}

// benchHelm times Helm on the same steps: `helm template | kubectl diff` stands for a
// preview (of the new release, then with no change), `helm install --wait` for the first
// up, `helm upgrade --wait` for the no-change up and the image update. Helm has no refresh.
func benchHelm(b *testing.B, helm, kubectl string, n int) {
	for i := 0; i < b.N; i++ {
		ns := namespace(b, fmt.Sprintf("bench-helm-%d-%d", n, benchRuns.Add(1)))
		run, helmEnv, home := helmIn(b, helm, ns)
		chart := filepath.Join(home, "chart")
		diff := func() (string, error) {
			manifests, err := exec.Command(helm, "template", "bench", chart, "--namespace", ns).Output()
			if err != nil {
				return string(manifests), err
			}
			cmd := exec.Command(kubectl, "diff", "--namespace", ns, "-f", "-")
			cmd.Env, cmd.Stdin = helmEnv, bytes.NewReader(manifests)
			out, err := cmd.CombinedOutput()
			if exit, ok := err.(*exec.ExitError); ok && exit.ExitCode() == 1 {
				err = nil // kubectl diff exits 1 when it found differences
			}
			return string(out), err
		}
		writeChart(b, chart, ns, n, "1.27")
		b.ReportMetric(timed(b, diff), "preview-s")
		b.ReportMetric(timed(b, run("install", "bench", chart)), "up-s")
		b.ReportMetric(timed(b, diff), "preview-nochange-s")
		b.ReportMetric(timed(b, run("upgrade", "bench", chart)), "up-nochange-s")
		writeChart(b, chart, ns, n, "1.28")
		b.ReportMetric(timed(b, run("upgrade", "bench", chart)), "update-s")
		if out, err := run("uninstall", "bench")(); err != nil {
			b.Errorf("helm uninstall: %v\n%s", err, out)
		}
	}
}

// helmIn runs helm steps (`--wait`) in namespace ns, with a home of their own.
func helmIn(b *testing.B, helm, ns string) (run func(args ...string) func() (string, error), helmEnv []string, home string) {
	home = b.TempDir()
	helmEnv = append(os.Environ(), "KUBECONFIG="+kube.Kubeconfig, "HELM_CACHE_HOME="+home+"/cache",
		"HELM_CONFIG_HOME="+home+"/config", "HELM_DATA_HOME="+home+"/data")
	run = func(args ...string) func() (string, error) {
		return func() (string, error) {
			cmd := exec.Command(helm, append(args, "--namespace", ns, "--wait", "--timeout", "10m")...)
			cmd.Env = helmEnv
			out, err := cmd.CombinedOutput()
			return string(out), err
		}
	}
	return run, helmEnv, home
}

// writeChart writes a chart whose templates are the component's objects for n services,
// verbatim (JSON is YAML, and holds no template action).
func writeChart(b *testing.B, dir, ns string, n int, tag string) {
	var objects []harness.Manifest
	for i := range n {
		objects = append(objects, componentObjects(b, serviceName(i), ns, tag)...)
	}
	writeChartOf(b, dir, objects)
}

func writeChartOf(b *testing.B, dir string, objects []harness.Manifest) {
	var docs []string
	for _, m := range objects {
		raw, err := json.Marshal(m.Obj.Object)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(raw))
	}
	files := map[string]string{
		"Chart.yaml":         "apiVersion: v2\nname: bench\nversion: 0.1.0\n",
		"templates/all.yaml": strings.Join(docs, "\n---\n") + "\n",
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// withEnv adds variables to every pulumi command until the returned function restores
// the environment (benchmarks run one at a time).
func withEnv(vars ...string) (restore func()) {
	saved := env
	env = append(append([]string{}, env...), vars...)
	return func() { env = saved }
}

// timed runs step and returns its wall time in seconds; a failed step fails the benchmark.
func timed(b *testing.B, step func() (string, error)) float64 {
	b.Helper()
	start := time.Now()
	out, err := step()
	elapsed := time.Since(start).Seconds()
	if err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	return elapsed
}
