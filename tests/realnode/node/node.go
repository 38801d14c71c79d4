// Package node runs a real Kubernetes node on this machine for the engine tier: Debian's
// containerd, runc and CNI plugins, and the kubelet and kube-proxy of the tier's release
// (tools/cluster), joined to a control plane of tests/cluster beside its simulated nodes.
// Its pods pull from a registry on loopback, run for real, and answer on their pod IPs and
// through ClusterIP Services (kube-proxy in iptables mode).
//
// Everything it changes on the machine (sysctls, an address on lo, a bridge, routes,
// iptables chains, mounts, cgroups, dirs under /run and /var/lib) is written down in a state
// file before it is changed and undone by Stop; Start undoes what a crashed run left first.
// What differs from a textbook node, each seen failing first, is in docs/realnode.md.
package node

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// The node's name, addresses and ranges. ServiceCIDR must be the API server's
// --service-cluster-ip-range: the node routes it locally.
const (
	Name        = "real-node"
	IP          = "10.245.0.1"
	PodCIDR     = "10.244.0.0/24"
	PodRange    = "10.244.0.0/16"
	ServiceCIDR = "10.96.0.0/16"
	// Key is the label and the NoSchedule taint that keep other pods off the node; a test
	// namespace chooses it with NamespaceAnnotations.
	Key = "k8s-service.test/real-node"
	// Zone is the node's topology zone: the simulated nodes have theirs.
	Zone = "zone-real"
)

// Options say what the node joins and what it runs.
type Options struct {
	// Bin holds kubelet and kube-proxy (tools/build.sh).
	Bin string
	// Kubeconfig is an admin kubeconfig of the control plane.
	Kubeconfig string
	// LogDir receives containerd.log, kubelet.log and kube-proxy.log.
	LogDir string
	// Registry is the host:port of the plain-HTTP registry on loopback the pods pull from.
	Registry string
	// SandboxImage is the pod sandbox: any image in Registry whose process just waits.
	SandboxImage string
	// APIServerCA verifies the API server's serving certificate (Traefik checks it).
	APIServerCA string
}

// Node is a running node.
type Node struct {
	opts   Options
	config *rest.Config
	client kubernetes.Interface
	procs  []*process
	lock   *os.File
	// stopVolumes ends the node's volume provisioner.
	stopVolumes context.CancelFunc
}

// NamespaceAnnotations put every pod of a namespace on the real node (the API server's
// PodNodeSelector and PodTolerationRestriction admission plugins read them), so that the
// component's objects need no input of their own to land there.
func NamespaceAnnotations() map[string]string {
	return map[string]string{
		"scheduler.alpha.kubernetes.io/node-selector":      Key + "=true",
		"scheduler.alpha.kubernetes.io/defaultTolerations": fmt.Sprintf(`[{"key":%q,"operator":"Exists","effect":"NoSchedule"}]`, Key),
	}
}

// Start brings the node up and waits until it is Ready and kube-proxy has programmed the
// Services. On an error, what did start is stopped and undone.
func Start(ctx context.Context, opts Options) (*Node, error) {
	config, err := clientcmd.BuildConfigFromFlags("", opts.Kubeconfig)
	if err != nil {
		return nil, err
	}
	n := &Node{opts: opts, config: config}
	if n.client, err = kubernetes.NewForConfig(config); err != nil {
		return nil, err
	}
	if err := preflight(); err != nil {
		return nil, err
	}
	if n.lock, err = lockMachine(); err != nil {
		return nil, err
	}
	if err := undo(); err != nil { // a crashed run's leftovers
		n.lock.Close()
		return nil, fmt.Errorf("undoing what an earlier run left: %w", err)
	}
	if err := n.start(ctx); err != nil {
		return nil, joinUndo(err, n.Stop())
	}
	return n, nil
}

func (n *Node) start(ctx context.Context) error {
	if err := record(); err != nil {
		return err
	}
	if err := setUpNetwork(); err != nil {
		return err
	}
	if err := writeConfigs(n.opts); err != nil {
		return err
	}
	if err := n.run("containerd", "containerd", "--config", containerdConfig); err != nil {
		return err
	}
	if err := n.waitFor(ctx, 30*time.Second, func() bool { _, err := os.Stat(containerdSocket); return err == nil }); err != nil {
		return fmt.Errorf("containerd did not listen: %w\n%s", err, n.Log("containerd"))
	}
	if err := n.run("kubelet", filepath.Join(n.opts.Bin, "kubelet"), kubeletFlags(n.opts)...); err != nil {
		return err
	}
	if err := n.waitFor(ctx, 120*time.Second, n.ready); err != nil {
		return fmt.Errorf("the node is not Ready: %w\n%s", err, n.Log("kubelet"))
	}
	if err := n.run("kube-proxy", filepath.Join(n.opts.Bin, "kube-proxy"), "--config="+kubeProxyConfig); err != nil {
		return err
	}
	if err := n.waitFor(ctx, 60*time.Second, servicesProgrammed); err != nil {
		return fmt.Errorf("kube-proxy programmed no Service: %w\n%s", err, n.Log("kube-proxy"))
	}
	dyn, err := dynamic.NewForConfig(n.config)
	if err != nil {
		return err
	}
	if err := n.startMetricsServer(ctx, dyn); err != nil {
		return fmt.Errorf("metrics-server does not serve the resource metrics API: %w\n%s", err, n.Log("metrics-server"))
	}
	if err := n.startPolicyEngine(ctx); err != nil {
		return fmt.Errorf("kube-router's network policy controller is not healthy: %w\n%s", err, n.Log("kube-router"))
	}
	if err := n.startTraefik(ctx, dyn); err != nil {
		return fmt.Errorf("traefik is not serving: %w\n%s", err, n.Log("traefik"))
	}
	volumes, stop := context.WithCancel(context.Background())
	n.stopVolumes = stop
	go n.serveVolumes(volumes)
	return nil
}

// Stop ends the node's processes and its pods and undoes every change it made to the machine.
func (n *Node) Stop() error {
	if n.stopVolumes != nil {
		n.stopVolumes()
	}
	for i := len(n.procs) - 1; i >= 0; i-- {
		p := n.procs[i]
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.exited:
		case <-time.After(10 * time.Second):
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
	}
	n.procs = nil
	err := undo()
	if n.lock != nil {
		os.Remove(lockFile)
		n.lock.Close() // releases the lock
		n.lock = nil
	}
	return err
}

// lockFile keeps a second tier on this machine (another checkout's CI) from starting a
// node over, or undoing, the one that runs: they share addresses, routes and fixed paths.
const lockFile = "/run/k8s-service-realnode.lock"

func lockMachine() (*os.File, error) {
	f, err := os.OpenFile(lockFile, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("another real node runs on this machine (%s is locked): one engine tier at a time", lockFile)
	}
	return f, nil
}

// Log is the tail of one of the node's logs.
func (n *Node) Log(component string) string {
	b, _ := os.ReadFile(filepath.Join(n.opts.LogDir, component+".log"))
	lines := strings.Split(string(b), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "\n")
}

// process is one of the node's daemons; exited is closed when it ends.
type process struct {
	name   string
	cmd    *exec.Cmd
	exited chan struct{}
}

// run starts one of the node's processes, ended with this process if it dies first.
func (n *Node) run(logName, bin string, args ...string) error {
	log, err := os.Create(filepath.Join(n.opts.LogDir, logName+".log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", logName, err)
	}
	p := &process{name: logName, cmd: cmd, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); log.Close(); close(p.exited) }()
	n.procs = append(n.procs, p)
	return nil
}

// waitFor polls done until it holds, the timeout passes or one of the node's processes
// ends (which no wait outlives: its log says why).
func (n *Node) waitFor(ctx context.Context, timeout time.Duration, done func() bool) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for !done() {
		for _, p := range n.procs {
			select {
			case <-p.exited:
				return fmt.Errorf("%s exited: %s", p.name, p.cmd.ProcessState)
			default:
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not after %s", timeout)
		case <-time.After(300 * time.Millisecond):
		}
	}
	return nil
}

func (n *Node) ready() bool {
	node, err := n.client.CoreV1().Nodes().Get(context.Background(), Name, metav1.GetOptions{})
	if err != nil {
		return false
	}
	for _, c := range node.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// preflight names what the machine lacks, rather than a later step failing obscurely.
func preflight() error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("the real node needs root (it runs containerd and the kubelet)")
	}
	var missing []string
	for _, tool := range []string{"containerd", "runc", "ctr", "iptables", "iptables-save", "iptables-restore", "nft", "ipset", "conntrack", "ip", "mount"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	for _, plugin := range []string{"bridge", "host-local", "loopback", "portmap"} {
		if _, err := os.Stat(filepath.Join(cniBinDir, plugin)); err != nil {
			missing = append(missing, filepath.Join(cniBinDir, plugin))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the real node needs %s: `make node-packages` installs Debian's containerd, runc, containernetworking-plugins, iptables and conntrack", strings.Join(missing, ", "))
	}
	return nil
}

func joinUndo(first, second error) error {
	if second == nil {
		return first
	}
	return fmt.Errorf("%w (and undoing it: %v)", first, second)
}

// ImportCommand loads an image archive, the argument "{archive}", into the node's
// containerd, where the kubelet finds it without a pull (tests/realnode/target's LoadImage):
// what `kind load` does for a kind node.
func ImportCommand() []string {
	return []string{"ctr", "--address", containerdSocket, "--namespace", "k8s.io", "images", "import", "{archive}"}
}
