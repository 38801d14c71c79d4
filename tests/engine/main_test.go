//go:build engine

// Package engine is the real-engine tier: the Pulumi CLI, the YAML language host and the
// pulumi-kubernetes provider, built from the Go module proxy (tools/build.sh), deploy
// through this repository's plugin onto a control plane with controllers and simulated
// nodes (tests/cluster). Whatever only the engine or pulumi-kubernetes decides —
// previews of replacements, awaits, ignoreChanges under server-side apply, deletion
// policies, what YAML sends — is proven here.
package engine

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/node"
	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/target"
)

// env is the environment of every pulumi command: a local backend, a plugin cache of
// its own holding exactly the plugins the tier installed, and no plugin downloads.
var (
	env       []string
	kube      *cluster.Cluster
	root      string
	pulumiBin string
	stateDir  string
	// systemPath is PATH before the tier put its tools first.
	systemPath string
	// pluginVersion is VERSION, the version of the k8s-service plugin installed.
	pluginVersion string
	// kubernetesPlugin is what is installed as the kubernetes plugin: the tier's
	// pulumi-kubernetes behind tests/kubernetes-as-released (the release's creates).
	kubernetesPlugin string
)

// KubernetesVersion is the pulumi-kubernetes plugin version installed (tools/cluster).
const KubernetesVersion = "4.30.0"

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) (code int) {
	root, _ = filepath.Abs("../..")
	bin := os.Getenv("ENGINE_BIN")
	if bin == "" {
		bin = filepath.Join(root, ".cache/engine-bin")
	}
	if _, err := os.Stat(filepath.Join(bin, "pulumi")); err != nil {
		fmt.Fprintf(os.Stderr, "the engine tier needs its tools in %s: run `make engine-tools`\n", bin)
		return 1
	}
	dir, err := os.MkdirTemp("", "k8s-service-engine-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	stopRealNode, err := startCluster(dir, bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer kube.Stop()
	defer func() {
		if err := stopRealNode(); err != nil {
			fmt.Fprintf(os.Stderr, "the real node left the machine changed: %v\n", err)
			code = 1
		}
	}()
	pulumiBin = filepath.Join(bin, "pulumi")
	stateDir = filepath.Join(dir, "state")
	systemPath = os.Getenv("PATH")
	kubernetesPlugin, err = buildKubernetesAsReleased(dir, bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// Set on this process too: Automation API programs (Go here, Node.js and Python in
	// their runners) start the same CLI with the same environment.
	tools, err := toolsWithoutProviders(dir, bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for k, v := range map[string]string{
		"PATH":                     tools + string(os.PathListSeparator) + os.Getenv("PATH"),
		"PULUMI_HOME":              filepath.Join(dir, "pulumi-home"),
		"PULUMI_BACKEND_URL":       "file://" + stateDir,
		"PULUMI_CONFIG_PASSPHRASE": "engine-tier",
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK":    "true",
		"KUBECONFIG": kube.Kubeconfig,
		// The provider the shim stands in front of (tests/kubernetes-as-released).
		"K8S_SERVICE_KUBERNETES_PROVIDER": filepath.Join(bin, "pulumi-resource-kubernetes"),
	} {
		os.Setenv(k, v)
	}
	env = os.Environ()
	if err := os.MkdirAll(filepath.Join(dir, "state"), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// The plugin as released: `make dist` for this platform, installed from its archive.
	platform := runtime.GOOS + "-" + runtime.GOARCH
	dist := exec.Command("make", "dist", "PLATFORMS="+platform)
	dist.Dir = root
	if out, err := dist.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "make dist: %v\n%s", err, out)
		return 1
	}
	version, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	pluginVersion = strings.TrimSpace(string(version))
	archive := filepath.Join(root, "dist", "pulumi-resource-k8s-service-v"+pluginVersion+"-"+platform+".tar.gz")
	plugins := [][]string{
		{"kubernetes", KubernetesVersion, kubernetesPlugin},
		{"k8s-service", pluginVersion, archive},
	}
	standIns, err := cloudStandIns(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for _, p := range append(plugins, standIns...) {
		if out, err := pulumi(dir, "plugin", "install", "resource", p[0], p[1], "--file", p[2]); err != nil {
			fmt.Fprintf(os.Stderr, "installing plugin %s: %v\n%s", p[0], err, out)
			return 1
		}
	}
	return m.Run()
}

// startCluster starts the tier's control plane and, in the background, its real node; or,
// with REALNODE_CLUSTER set, connects to the cluster it describes (tests/realnode/target),
// where only the real-node cases can run: the others need the tier's simulated nodes and
// stand-in controllers.
func startCluster(dir, bin string) (stopRealNode func() error, err error) {
	if path := os.Getenv(target.Variable); path != "" {
		c, err := target.Read(path)
		if err != nil {
			return nil, err
		}
		if !onlyRealNodeCases() {
			return nil, fmt.Errorf("with %s set, run only the real-node cases (-run TestRealNode, or -run '^$' -bench RealNode): the others need the tier's own cluster", target.Variable)
		}
		if kube, err = cluster.Connect(c.Kubeconfig); err != nil {
			return nil, err
		}
		return useCluster(filepath.Join(dir, "realnode"), c), nil
	}
	kube, err = cluster.Start(dir, cluster.Options{
		Bin: bin, Root: root, Controllers: true, Zones: []string{"zone-a", "zone-b", "zone-c"},
		ServiceCIDR: node.ServiceCIDR,
	})
	if err != nil {
		return nil, fmt.Errorf("starting the control plane: %w", err)
	}
	return startRealNode(filepath.Join(dir, "realnode"), bin), nil
}

// onlyRealNodeCases: the -run pattern (or, with -run '^$', the -bench pattern) names the
// real-node cases alone.
func onlyRealNodeCases() bool {
	if !flag.Parsed() {
		flag.Parse()
	}
	run, bench := flag.Lookup("test.run").Value.String(), flag.Lookup("test.bench").Value.String()
	realNodeOnly := func(pattern string) bool {
		for _, alternative := range strings.Split(pattern, "|") {
			if !strings.Contains(alternative, "RealNode") {
				return false
			}
		}
		return pattern != ""
	}
	return realNodeOnly(run) || run == "^$" && realNodeOnly(bench)
}

// toolsWithoutProviders is a folder of links to the tools of bin but its provider plugins,
// for PATH: the engine runs a provider it finds on PATH rather than the one installed in the
// plugin cache ("using pulumi-resource-kubernetes from $PATH"), which would bypass the
// kubernetes plugin the tier installs.
func toolsWithoutProviders(dir, bin string) (string, error) {
	tools := filepath.Join(dir, "tools")
	entries, err := os.ReadDir(bin)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(tools, 0o755); err != nil {
		return "", err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "pulumi-resource-") {
			continue
		}
		if err := os.Symlink(filepath.Join(bin, e.Name()), filepath.Join(tools, e.Name())); err != nil {
			return "", err
		}
	}
	return tools, nil
}

// buildKubernetesAsReleased builds the plugin installed as kubernetes: the tier's
// pulumi-kubernetes (a January 2026 pseudo-version whose creates are server-side-apply
// upserts) behind a proxy that gives it the 4.30.0 release's client-side creates, which
// fail with AlreadyExists on an existing object (tests/kubernetes-as-released). With
// ENGINE_KUBERNETES=as-built the tier runs the provider of ENGINE_BIN alone: a release
// built by hand, for instance (docs/design.md, "The engine tier").
func buildKubernetesAsReleased(dir, bin string) (string, error) {
	if os.Getenv("ENGINE_KUBERNETES") == "as-built" {
		return filepath.Join(bin, "pulumi-resource-kubernetes"), nil
	}
	out := filepath.Join(dir, "kubernetes-as-released")
	build := exec.Command("go", "build", "-o", out, "./tests/kubernetes-as-released")
	build.Dir = root
	if msg, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building tests/kubernetes-as-released: %v\n%s", err, msg)
	}
	return out, nil
}

// cloudModules are the cloud SDKs whose providers the component's children ask for, by
// plugin name: the stand-in (tests/standin-cloud) is installed under each name at the
// version go.mod requires, as the engine matches plugin versions exactly.
var cloudModules = map[string]string{
	"aws":          "github.com/pulumi/pulumi-aws/sdk/v6",
	"gcp":          "github.com/pulumi/pulumi-gcp/sdk/v7",
	"azure-native": "github.com/pulumi/pulumi-azure-native-sdk/v2",
}

// cloudStandIns builds the stand-in cloud provider and returns the plugins to install.
func cloudStandIns(dir string) ([][]string, error) {
	bin := filepath.Join(dir, "standin-cloud")
	build := exec.Command("go", "build", "-o", bin, "./tests/standin-cloud")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the stand-in cloud provider: %v\n%s", err, out)
	}
	var plugins [][]string
	for name, module := range cloudModules {
		list := exec.Command("go", "list", "-m", "-f", "{{.Version}}", module)
		list.Dir = root
		out, err := list.Output()
		if err != nil {
			return nil, fmt.Errorf("the version of %s: %v", module, err)
		}
		plugins = append(plugins, []string{name, strings.TrimPrefix(strings.TrimSpace(string(out)), "v"), bin})
	}
	return plugins, nil
}

// pulumi runs the CLI in dir and returns its combined output, which it also appends to
// dir/pulumi.log as it comes (to follow a long update). A command gets 8 minutes.
func pulumi(dir string, args ...string) (string, error) {
	return pulumiWith(dir, nil, args...)
}

// pulumiWith is pulumi with variables added to the tier's environment, for the command and
// the plugins it starts.
func pulumiWith(dir string, extraEnv []string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, pulumiBin, append(args, "--non-interactive")...)
	cmd.Dir, cmd.Env = dir, append(append([]string{}, env...), extraEnv...)
	log, err := os.OpenFile(filepath.Join(dir, "pulumi.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return "", err
	}
	defer log.Close()
	fmt.Fprintf(log, "\n$ pulumi %s\n", strings.Join(args, " "))
	var out bytes.Buffer
	cmd.Stdout = io.MultiWriter(&out, log)
	cmd.Stderr = cmd.Stdout
	err = cmd.Run()
	return out.String(), err
}
