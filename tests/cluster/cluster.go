// Package cluster runs a throwaway Kubernetes control plane on loopback for the test
// tiers: Debian's etcd and, built from the Go module proxy (tools/build.sh), the
// kube-apiserver, kube-controller-manager and kube-scheduler of one release, and kwok
// for simulated nodes. Pods schedule, become Ready and roll out; the garbage collector,
// StatefulSet, HPA and volume binder controllers act. stand-ins.go plays what a real
// cluster adds: a disk provisioner that binds and grows volumes, and an ingress controller.
package cluster

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Options choose what runs besides the API server.
type Options struct {
	// Bin is the folder holding the built tools (tools/build.sh).
	Bin string
	// Controllers starts the controller manager, scheduler, kwok and the stand-ins.
	Controllers bool
	// Zones are the simulated nodes' zones, one node each.
	Zones []string
	// Root is the repository, whose tools/cluster pins the kwok module and tests/cluster/crds
	// the CRDs the API server serves (with Controllers).
	Root string
	// ServiceCIDR is the Services' range: a loopback one unless a real node routes another
	// (tests/realnode/node).
	ServiceCIDR string
}

// Cluster is a running control plane.
type Cluster struct {
	Config     *rest.Config
	Kubeconfig string
	Client     kubernetes.Interface
	dir        string
	procs      []*exec.Cmd
	cancel     context.CancelFunc
}

const adminToken = "k8s-service-test-admin"

// Start runs the control plane with its state and logs in dir.
func Start(dir string, opts Options) (*Cluster, error) {
	c := &Cluster{dir: dir}
	if err := c.run(dir, opts); err != nil {
		c.Stop() // what did start
		return nil, err
	}
	return c, nil
}

func (c *Cluster) run(dir string, opts Options) error {
	etcd, err := exec.LookPath("etcd")
	if err != nil {
		return fmt.Errorf("etcd not found: install Debian's etcd-server")
	}
	etcdURL := fmt.Sprintf("http://127.0.0.1:%d", freePort())
	peerURL := fmt.Sprintf("http://127.0.0.1:%d", freePort())
	if err := c.start(etcd, "--data-dir", filepath.Join(dir, "etcd"), "--listen-client-urls", etcdURL,
		"--advertise-client-urls", etcdURL, "--listen-peer-urls", peerURL,
		"--initial-advertise-peer-urls", peerURL, "--initial-cluster", "default="+peerURL); err != nil {
		return err
	}
	saKey := filepath.Join(dir, "sa.key")
	tokens := filepath.Join(dir, "tokens.csv")
	if err := writeServiceAccountKey(saKey); err != nil {
		return err
	}
	if err := os.WriteFile(tokens, []byte(adminToken+",admin,admin,system:masters\n"), 0o600); err != nil {
		return err
	}
	apiPort := freePort()
	// Service addresses come from a loopback range unless a real node routes its own, so
	// nothing ever routes off the machine. etcd 3.4 does not serve the watch-list protocol:
	// the WatchList gate stays off. PodNodeSelector and PodTolerationRestriction let a
	// namespace send its pods to the real node.
	serviceCIDR := opts.ServiceCIDR
	if serviceCIDR == "" {
		serviceCIDR = "127.96.0.0/16"
	}
	frontProxy, err := frontProxyFlags(dir)
	if err != nil {
		return err
	}
	apiserverFlags := append([]string{"--etcd-servers=" + etcdURL,
		fmt.Sprintf("--secure-port=%d", apiPort), "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
		"--cert-dir=" + filepath.Join(dir, "certs"),
		"--service-account-issuer=https://kubernetes.default.svc", "--service-account-key-file=" + saKey,
		"--service-account-signing-key-file=" + saKey, "--token-auth-file=" + tokens,
		"--authorization-mode=RBAC", "--service-cluster-ip-range=" + serviceCIDR,
		"--enable-admission-plugins=PodNodeSelector,PodTolerationRestriction",
		"--kubelet-preferred-address-types=InternalIP",
		"--feature-gates=WatchList=false"}, frontProxy...)
	if err := c.start(filepath.Join(opts.Bin, "kube-apiserver"), apiserverFlags...); err != nil {
		return err
	}
	c.Config = &rest.Config{
		Host:            fmt.Sprintf("https://127.0.0.1:%d", apiPort),
		BearerToken:     adminToken,
		TLSClientConfig: rest.TLSClientConfig{Insecure: true}, // self-signed serving cert of a throwaway server
		QPS:             200, Burst: 400,
	}
	if err := waitReady(c.Config, 90*time.Second); err != nil {
		return fmt.Errorf("%w\n%s", err, c.Log("kube-apiserver"))
	}
	if c.Client, err = kubernetes.NewForConfig(c.Config); err != nil {
		return err
	}
	c.Kubeconfig = filepath.Join(dir, "kubeconfig")
	if err := writeKubeconfig(c.Kubeconfig, c.Config.Host, ""); err != nil {
		return err
	}
	if !opts.Controllers {
		return nil
	}
	return c.startControllers(opts, saKey, filepath.Join(dir, "certs", "apiserver.crt"))
}

// startControllers: rootCA is what the controller manager publishes as kube-root-ca.crt,
// which a real kubelet mounts into every pod with a service account token.
func (c *Cluster) startControllers(opts Options, saKey, rootCA string) error {
	if err := c.start(filepath.Join(opts.Bin, "kube-controller-manager"), "--kubeconfig="+c.Kubeconfig,
		"--leader-elect=false", "--service-account-private-key-file="+saKey, "--use-service-account-credentials=false",
		"--root-ca-file="+rootCA,
		"--controllers=*,-nodeipam,-service-lb-controller,-cloud-node-lifecycle-controller,-serviceaccount-token",
		"--concurrent-statefulset-syncs=10", // the HPA keeps its real 15 s sync period
		"--bind-address=127.0.0.1", fmt.Sprintf("--secure-port=%d", freePort()),
		"--feature-gates=WatchListClient=false"); err != nil {
		return err
	}
	if err := c.start(filepath.Join(opts.Bin, "kube-scheduler"), "--kubeconfig="+c.Kubeconfig,
		"--leader-elect=false", "--bind-address=127.0.0.1", fmt.Sprintf("--secure-port=%d", freePort())); err != nil {
		return err
	}
	// Without --node-lease-duration-seconds kwok renews no lease and the node lifecycle
	// controller marks the nodes NotReady within a minute. Pod IPs come from loopback too.
	stages, err := writeStages(c.dir, filepath.Join(opts.Root, "tools/cluster"))
	if err != nil {
		return err
	}
	if err := c.start(filepath.Join(opts.Bin, "kwok"), "--kubeconfig="+c.Kubeconfig, "--config="+stages,
		"--manage-nodes-with-annotation-selector="+kwokNodeAnnotation+"=fake",
		"--node-lease-duration-seconds=40", "--cidr=127.64.0.1/16", "--node-ip=127.0.0.1",
		fmt.Sprintf("--server-address=127.0.0.1:%d", freePort())); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	if err := c.createNodes(ctx, opts.Zones); err != nil {
		return err
	}
	dyn, err := dynamic.NewForConfig(c.Config)
	if err != nil {
		return err
	}
	if err := installCRDs(ctx, dyn, filepath.Join(opts.Root, "tests/cluster/crds")); err != nil {
		return err
	}
	return startStandIns(ctx, c.Client, dyn)
}

// Connect is a Cluster for a control plane something else runs and stops (the cluster of
// REALNODE_CLUSTER, tests/realnode/target): Stop leaves it alone.
func Connect(kubeconfig string) (*Cluster, error) {
	config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, err
	}
	config.QPS, config.Burst = 200, 400
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return nil, err
	}
	if err := waitReady(config, 10*time.Second); err != nil {
		return nil, fmt.Errorf("the cluster of %s: %w", kubeconfig, err)
	}
	return &Cluster{Config: config, Kubeconfig: kubeconfig, Client: client}, nil
}

// Stop ends every process of the control plane.
func (c *Cluster) Stop() {
	if c.cancel != nil {
		c.cancel()
	}
	for i := len(c.procs) - 1; i >= 0; i-- {
		_ = c.procs[i].Process.Kill()
		_ = c.procs[i].Wait()
	}
}

// ServingCert is the API server's serving certificate and the CA that signed it, for a
// client that verifies it.
func (c *Cluster) ServingCert() string { return filepath.Join(c.dir, "certs", "apiserver.crt") }

// Log is the tail of one component's log.
func (c *Cluster) Log(component string) string {
	b, _ := os.ReadFile(filepath.Join(c.dir, component+".log"))
	lines := strings.Split(string(b), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "\n")
}

func (c *Cluster) start(name string, args ...string) error {
	log, err := os.Create(filepath.Join(c.dir, filepath.Base(name)+".log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = log, log
	// Ended with the tier's process, even when it is killed (a test binary's timeout).
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", name, err)
	}
	c.procs = append(c.procs, cmd)
	return nil
}

// writeKubeconfig writes a kubeconfig for the API server whose one context's namespace
// is namespace ("" for default).
func writeKubeconfig(path, server, namespace string) error {
	config := clientcmdapi.NewConfig()
	config.Clusters["test"] = &clientcmdapi.Cluster{Server: server, InsecureSkipTLSVerify: true}
	config.AuthInfos["admin"] = &clientcmdapi.AuthInfo{Token: adminToken}
	config.Contexts["test"] = &clientcmdapi.Context{Cluster: "test", AuthInfo: "admin", Namespace: namespace}
	config.CurrentContext = "test"
	return clientcmd.WriteToFile(*config, path)
}

// KubeconfigFor writes a kubeconfig whose context's namespace is namespace, as a user's
// current context would be, and returns its path.
func (c *Cluster) KubeconfigFor(namespace string) (string, error) {
	path := filepath.Join(c.dir, "kubeconfig-"+namespace)
	return path, writeKubeconfig(path, c.Config.Host, namespace)
}

func waitReady(config *rest.Config, timeout time.Duration) error {
	client, err := discovery.NewDiscoveryClientForConfig(config)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		body, err := client.RESTClient().Get().AbsPath("/readyz").DoRaw(context.Background())
		if err == nil && string(body) == "ok" {
			return nil
		}
		last = err
		time.Sleep(300 * time.Millisecond)
	}
	return fmt.Errorf("kube-apiserver not ready after %s: %v", timeout, last)
}

func writeServiceAccountKey(path string) error {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return err
	}
	block := &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}
	return os.WriteFile(path, pem.EncodeToMemory(block), 0o600)
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
