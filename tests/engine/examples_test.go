//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"
)

// example is one folder of examples/ and what its program deploys.
type example struct {
	dir     string
	service string // the component's name
	min     int    // its minContainers
	kind    string // the workload it gets
	claims  int    // persistent volume claims after the first up
	// config is the stack's config, set before each operation (the cloud examples').
	config map[string]string
	// env are env vars the workload's container must have (from the example's links).
	env []string
}

// linkEnv is what the full examples' Postgres link sets (their password is unset: the
// stack has no ordersPassword).
var linkEnv = []string{"orders_db_host", "orders_db_port", "orders_db_name", "orders_db_user"}

// canaryConfig runs the minimal examples' optional canary.
var canaryConfig = map[string]string{"canaryTag": "1.28"}

var languageExamples = []example{
	{dir: "go-minimal", service: "hello", min: 1, kind: "Deployment", config: canaryConfig},
	{dir: "go", service: "httpbin", min: 2, kind: "StatefulSet", claims: 4, env: linkEnv},
	{dir: "typescript-minimal", service: "hello", min: 1, kind: "Deployment", config: canaryConfig},
	{dir: "typescript", service: "httpbin", min: 2, kind: "StatefulSet", claims: 4, env: linkEnv},
	{dir: "python-minimal", service: "hello", min: 1, kind: "Deployment", config: canaryConfig},
	{dir: "python", service: "httpbin", min: 2, kind: "StatefulSet", claims: 4, env: linkEnv},
}

// Every example in every language, its own program code, through the real engine: up
// (ready pods ≥ minContainers right after), a second preview that plans nothing, a
// refresh and a preview after it that plans nothing, and a destroy that leaves nothing
// behind. The Go, TypeScript and Python programs run through
// their language's Automation API (no language host for them can be installed here):
// the Go example's engine_test.go, tests/nodejs/engine/run.ts, tests/python/engine_run.py.
func TestExamplesInEveryLanguage(t *testing.T) {
	t.Parallel()
	for _, ex := range languageExamples {
		t.Run(ex.dir, func(t *testing.T) {
			t.Parallel()
			ns := namespace(t, "example-"+ex.dir)
			run := ex.runner(t, ns)
			outputs := run("up")
			if url, _ := outputs["internalUrl"].(string); !strings.HasPrefix(url, "http://"+ex.service+"."+ns+".svc") {
				t.Errorf("internalUrl = %v", outputs["internalUrl"])
			}
			if kind, ok := outputs["workloadKind"]; ok && kind != ex.kind {
				t.Errorf("workloadKind = %v, want %s", kind, ex.kind)
			}
			if got := readyPods(t, ns, ex.service); got < ex.min {
				t.Errorf("%d ready pods right after up, want at least %d", got, ex.min)
			}
			if got := len(claims(t, ns)); got != ex.claims {
				t.Errorf("%d claims, want %d", got, ex.claims)
			}
			expectEnvNames(t, ns, ex.service, ex.env)
			if tag := ex.config["canaryTag"]; tag != "" {
				expectCanary(t, ns, ex.service, outputs, tag)
			}
			run("preview")
			// What the cluster holds is what the state says: a refresh changes nothing.
			run("refresh")
			run("preview")
			run("destroy")
			expectNothingLeft(t, ns)
		})
	}
}

// expectCanary: the example's canary runs the tag beside the service, Ready, and says so.
func expectCanary(t *testing.T, ns, service string, outputs map[string]any, tag string) {
	t.Helper()
	canary, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), service+"-canary", metav1.GetOptions{})
	if err != nil {
		t.Fatalf("no canary Deployment: %v", err)
	}
	image := canary.Spec.Template.Spec.Containers[0].Image
	if !strings.HasSuffix(image, ":"+tag) || outputs["canaryImage"] != image || canary.Status.ReadyReplicas != 1 {
		t.Errorf("canary runs %s (%d ready), canaryImage output %v; want tag %s, 1 ready", image, canary.Status.ReadyReplicas, outputs["canaryImage"], tag)
	}
}

// expectEnvNames: the service's StatefulSet's container has every env var of names.
func expectEnvNames(t *testing.T, ns, service string, names []string) {
	t.Helper()
	if len(names) == 0 {
		return
	}
	set, err := kube.Client.AppsV1().StatefulSets(ns).Get(context.Background(), service, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, e := range set.Spec.Template.Spec.Containers[0].Env {
		has[e.Name] = true
	}
	for _, name := range names {
		if !has[name] {
			t.Errorf("the container has no env var %s (the example's link)", name)
		}
	}
}

// runner returns a function that runs one operation (up, preview, destroy) of the
// example's program on a stack of its own, in namespace ns through the kubeconfig's
// context, and returns the stack's outputs after up.
func (ex example) runner(t *testing.T, ns string) func(op string) map[string]any {
	t.Helper()
	dir := filepath.Join(root, "examples", ex.dir)
	project := projectName(t, dir)
	kubeconfig, err := kube.KubeconfigFor(ns)
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	outputsFile := filepath.Join(work, "outputs.json")
	var command func(op string) []string
	switch {
	case exists(filepath.Join(dir, "go.mod")):
		// The example's own package, with its engine_test.go, built once.
		bin := filepath.Join(work, "example.test")
		build := exec.Command("go", "test", "-tags", "engine", "-c", "-o", bin, ".")
		build.Dir = dir
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", ex.dir, err, out)
		}
		command = func(string) []string { return []string{bin, "-test.run", "^TestEngine$", "-test.v"} }
	case exists(filepath.Join(dir, "package.json")):
		build := filepath.Join(root, "tests/nodejs/build-engine")
		command = func(op string) []string {
			return []string{"node", filepath.Join(build, "tests/nodejs/engine/run.js"),
				filepath.Join(build, "examples", ex.dir, "index.js"), project, op}
		}
	case exists(filepath.Join(dir, "requirements.txt")):
		command = func(op string) []string {
			return []string{filepath.Join(root, ".cache/venv/bin/python"),
				filepath.Join(root, "tests/python/engine_run.py"), dir, project, op}
		}
	default:
		t.Fatalf("examples/%s: no go.mod, package.json or requirements.txt", ex.dir)
	}
	return func(op string) map[string]any {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
		defer cancel()
		argv := command(op)
		cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "KUBECONFIG="+kubeconfig, "ENGINE_STACK="+ex.dir,
			"ENGINE_OUTPUTS="+outputsFile, "ENGINE_OP="+op)
		if ex.config != nil {
			config, _ := json.Marshal(ex.config)
			cmd.Env = append(cmd.Env, "ENGINE_CONFIG="+string(config))
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s of examples/%s: %v\n%s", op, ex.dir, err, out)
		}
		if op != "up" {
			return nil
		}
		raw, err := os.ReadFile(outputsFile)
		if err != nil {
			t.Fatal(err)
		}
		outputs := map[string]any{}
		if err := json.Unmarshal(raw, &outputs); err != nil {
			t.Fatal(err)
		}
		return outputs
	}
}

func projectName(t *testing.T, dir string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var project struct{ Name string }
	if err := yaml.Unmarshal(raw, &project); err != nil || project.Name == "" {
		t.Fatalf("%s/Pulumi.yaml: no project name (%v)", dir, err)
	}
	return project.Name
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// expectNothingLeft waits for the namespace to hold only what Kubernetes puts in every
// namespace (the default ServiceAccount, the root CA ConfigMap): a destroy leaves no
// object, pod or claim behind.
func expectNothingLeft(t *testing.T, ns string) {
	t.Helper()
	var left []string
	if !eventually(90*time.Second, func() bool { left = leftovers(t, ns); return len(left) == 0 }) {
		t.Errorf("left behind in %s after destroy: %v", ns, left)
	}
}

func leftovers(t *testing.T, ns string) []string {
	ctx, c, opts := context.Background(), kube.Client, metav1.ListOptions{}
	var left []string
	add := func(kind string) func(runtime.Object, error) {
		return func(list runtime.Object, err error) {
			if err == nil {
				var items []runtime.Object
				if items, err = meta.ExtractList(list); err == nil {
					for _, item := range items {
						if o, err := meta.Accessor(item); err == nil && o.GetName() != "default" && o.GetName() != "kube-root-ca.crt" {
							left = append(left, kind+"/"+o.GetName())
						}
					}
				}
			}
			if err != nil {
				t.Errorf("listing %s: %v", kind, err)
			}
		}
	}
	add("Deployment")(c.AppsV1().Deployments(ns).List(ctx, opts))
	add("StatefulSet")(c.AppsV1().StatefulSets(ns).List(ctx, opts))
	add("Service")(c.CoreV1().Services(ns).List(ctx, opts))
	add("Pod")(c.CoreV1().Pods(ns).List(ctx, opts))
	add("PersistentVolumeClaim")(c.CoreV1().PersistentVolumeClaims(ns).List(ctx, opts))
	add("Secret")(c.CoreV1().Secrets(ns).List(ctx, opts))
	add("ConfigMap")(c.CoreV1().ConfigMaps(ns).List(ctx, opts))
	add("ServiceAccount")(c.CoreV1().ServiceAccounts(ns).List(ctx, opts))
	add("CronJob")(c.BatchV1().CronJobs(ns).List(ctx, opts))
	add("Job")(c.BatchV1().Jobs(ns).List(ctx, opts))
	add("HorizontalPodAutoscaler")(c.AutoscalingV2().HorizontalPodAutoscalers(ns).List(ctx, opts))
	add("PodDisruptionBudget")(c.PolicyV1().PodDisruptionBudgets(ns).List(ctx, opts))
	add("Ingress")(c.NetworkingV1().Ingresses(ns).List(ctx, opts))
	add("NetworkPolicy")(c.NetworkingV1().NetworkPolicies(ns).List(ctx, opts))
	return left
}

// The README's first command, `make deploy`, on the Pulumi YAML example: it builds the
// plugin and installs it into a Pulumi home that holds only the kubernetes plugin, with
// automatic plugin acquisition off (a download attempt fails the test), and deploys to
// the kubeconfig's current context; YAML booleans and numbers in envVars reach the pods
// as strings. Then a no-change preview and `make destroy`.
func TestMakeDeployYAMLExample(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "example-yaml")
	kubeconfig, err := kube.KubeconfigFor(ns)
	if err != nil {
		t.Fatal(err)
	}
	// A user's machine: a Pulumi install on PATH (the CLI and, beside it, the YAML host it
	// bundles) and the kubernetes plugin in the plugin cache.
	home, state, path := t.TempDir(), t.TempDir(), t.TempDir()
	tools := filepath.Dir(pulumiBin)
	for _, bin := range []string{"pulumi", "pulumi-language-yaml"} {
		if out, err := exec.Command("cp", "-L", filepath.Join(tools, bin), path).CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	}
	userEnv := append(os.Environ(), "PULUMI_HOME="+home, "KUBECONFIG="+kubeconfig, "PULUMI_BACKEND_URL=file://"+state,
		"PATH="+path+string(os.PathListSeparator)+systemPath)
	install := exec.Command(pulumiBin, "plugin", "install", "resource", "kubernetes", KubernetesVersion, "--file", kubernetesPlugin)
	install.Env = userEnv
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("installing the kubernetes plugin: %v\n%s", err, out)
	}
	const stack = "engine-make-deploy"
	dir := filepath.Join(root, "examples/yaml")
	t.Cleanup(func() { os.Remove(filepath.Join(dir, "Pulumi."+stack+".yaml")) })
	runMake := func(target string) string {
		t.Helper()
		cmd := exec.Command("make", "-C", root, target, "EXAMPLE=yaml", "STACK="+stack, "STATE="+state)
		cmd.Env = userEnv
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make %s: %v\n%s", target, err, out)
		}
		return string(out)
	}
	out := runMake("deploy")
	if strings.Contains(out, "from $PATH") {
		t.Errorf("make deploy warns of a plugin on PATH:\n%s", out)
	}
	if got := readyPods(t, ns, "web"); got < 2 {
		t.Errorf("%d ready pods after make deploy, want 2", got)
	}
	expectEnv(t, ns, map[string]string{"DEBUG": "false", "WORKERS": "4", "SAMPLE_RATIO": "0.5"})
	refresh := exec.Command(filepath.Join(path, "pulumi"), "refresh", "--yes", "--stack", stack, "--non-interactive")
	refresh.Dir, refresh.Env = dir, userEnv
	if out, err := refresh.CombinedOutput(); err != nil {
		t.Errorf("pulumi refresh: %v\n%s", err, out)
	}
	preview := exec.Command(filepath.Join(path, "pulumi"), "preview", "--expect-no-changes", "--stack", stack, "--non-interactive")
	preview.Dir, preview.Env = dir, userEnv
	if out, err := preview.CombinedOutput(); err != nil {
		t.Errorf("a preview after up and refresh plans changes: %v\n%s", err, out)
	}
	runMake("destroy")
	expectNothingLeft(t, ns)
}
