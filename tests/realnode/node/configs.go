package node

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	componentconfig "k8s.io/component-base/config/v1alpha1"
	proxyconfig "k8s.io/kube-proxy/config/v1alpha1"
	kubeletconfig "k8s.io/kubelet/config/v1beta1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/yaml"
)

var (
	containerdConfig = filepath.Join(dataDir, "containerd.toml")
	containerdSocket = filepath.Join(runDir, "containerd.sock")
	cniConfDir       = filepath.Join(dataDir, "cni")
	kubeletConfig    = filepath.Join(dataDir, "kubelet.yaml")
	kubeProxyConfig  = filepath.Join(dataDir, "kube-proxy.yaml")
	// nodeKubeconfig is the control plane's admin kubeconfig, copied into the node's dir so
	// that every process of the node names that dir on its command line (killProcesses).
	nodeKubeconfig = filepath.Join(dataDir, "kubeconfig")
)

func writeConfigs(opts Options) error {
	if err := os.MkdirAll(cniConfDir, 0o755); err != nil {
		return err
	}
	if err := os.MkdirAll(runDir, 0o755); err != nil {
		return err
	}
	files := map[string]func(Options) ([]byte, error){
		nodeKubeconfig:   func(o Options) ([]byte, error) { return os.ReadFile(o.Kubeconfig) },
		containerdConfig: containerdTOML,
		filepath.Join(cniConfDir, "10-"+networkName+".conflist"): cniConflist,
		kubeletConfig:   kubeletYAML,
		kubeProxyConfig: kubeProxyYAML,
	}
	for path, render := range files {
		body, err := render(opts)
		if err != nil {
			return err
		}
		if err := os.WriteFile(path, body, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// containerdTOML: roots of the node's own; the CRI's oom_score_adj restricted (the machine's
// bounding set lacks CAP_SYS_RESOURCE, and runc fails every sandbox asking for -998); the
// registry on loopback over plain HTTP; the sandbox image from it.
func containerdTOML(opts Options) ([]byte, error) {
	cri := map[string]any{
		"sandbox_image":          opts.SandboxImage,
		"restrict_oom_score_adj": true,
		"cni":                    map[string]any{"bin_dir": cniBinDir, "conf_dir": cniConfDir},
		"registry": map[string]any{"mirrors": map[string]any{
			opts.Registry: map[string]any{"endpoint": []string{"http://" + opts.Registry}},
		}},
	}
	config := map[string]any{
		"version": 2,
		"root":    filepath.Join(dataDir, "containerd"),
		"state":   filepath.Join(runDir, "containerd"),
		"grpc":    map[string]any{"address": containerdSocket},
		"ttrpc":   map[string]any{"address": containerdSocket + ".ttrpc"},
		"plugins": map[string]any{"io.containerd.grpc.v1.cri": cri},
	}
	var b bytes.Buffer
	err := toml.NewEncoder(&b).Encode(config)
	return b.Bytes(), err
}

// cniConflist is a bridge network on the node's pod range, without masquerading: the pods
// reach nothing off the machine (isolateChain).
func cniConflist(Options) ([]byte, error) {
	return json.MarshalIndent(map[string]any{
		"cniVersion": "0.4.0",
		"name":       networkName,
		"plugins": []map[string]any{
			{
				"type": "bridge", "bridge": bridgeName, "isGateway": true, "ipMasq": false, "hairpinMode": true,
				"ipam": map[string]any{
					"type":   "host-local",
					"ranges": [][]map[string]string{{{"subnet": PodCIDR, "gateway": bridgeIP}}},
					"routes": []map[string]string{{"dst": "0.0.0.0/0"}},
				},
			},
			{"type": "portmap", "capabilities": map[string]bool{"portMappings": true}},
		},
	}, "", "  ")
}

// kubeletYAML: the cgroupfs driver (no systemd), containerd's socket, the API server's
// requests to it allowed (logs, exec), low eviction thresholds and no image GC (the images
// are pulled once per run), and the host's resolv.conf (no cluster DNS).
func kubeletYAML(Options) ([]byte, error) {
	config := kubeletconfig.KubeletConfiguration{
		TypeMeta:                 metav1.TypeMeta{APIVersion: "kubelet.config.k8s.io/v1beta1", Kind: "KubeletConfiguration"},
		Address:                  IP,
		ReadOnlyPort:             0,
		HealthzPort:              ptr.To[int32](0),
		CgroupDriver:             "cgroupfs",
		ContainerRuntimeEndpoint: "unix://" + containerdSocket,
		Authentication: kubeletconfig.KubeletAuthentication{
			Anonymous: kubeletconfig.KubeletAnonymousAuthentication{Enabled: ptr.To(true)},
			Webhook:   kubeletconfig.KubeletWebhookAuthentication{Enabled: ptr.To(false)},
		},
		Authorization:               kubeletconfig.KubeletAuthorization{Mode: kubeletconfig.KubeletAuthorizationModeAlwaysAllow},
		FailSwapOn:                  ptr.To(false),
		EvictionHard:                map[string]string{"memory.available": "100Mi", "nodefs.available": "1%", "imagefs.available": "1%", "nodefs.inodesFree": "1%"},
		ImageGCHighThresholdPercent: ptr.To[int32](100),
		ImageGCLowThresholdPercent:  ptr.To[int32](99),
		ResolverConfig:              ptr.To("/etc/resolv.conf"),
		SerializeImagePulls:         ptr.To(false),
		NodeStatusUpdateFrequency:   metav1.Duration{Duration: 5 * time.Second},
	}
	return yaml.Marshal(config)
}

func kubeletFlags(opts Options) []string {
	return []string{
		"--config=" + kubeletConfig,
		"--kubeconfig=" + nodeKubeconfig,
		"--root-dir=" + filepath.Join(dataDir, "kubelet"),
		"--hostname-override=" + Name,
		"--node-ip=" + IP,
		"--register-with-taints=" + Key + "=true:NoSchedule",
		"--node-labels=" + strings.Join([]string{Key + "=true", "topology.kubernetes.io/zone=" + Zone}, ","),
	}
}

// kubeProxyYAML: iptables mode (the kernel has no IPVS), the pod range as the cluster's,
// and conntrack left as the machine has it.
func kubeProxyYAML(opts Options) ([]byte, error) {
	config := proxyconfig.KubeProxyConfiguration{
		TypeMeta:           metav1.TypeMeta{APIVersion: "kubeproxy.config.k8s.io/v1alpha1", Kind: "KubeProxyConfiguration"},
		ClientConnection:   componentconfig.ClientConnectionConfiguration{Kubeconfig: nodeKubeconfig},
		HostnameOverride:   Name,
		BindAddress:        IP,
		HealthzBindAddress: kubeProxyHealthz,
		MetricsBindAddress: "127.0.0.1:10249",
		Mode:               proxyconfig.ProxyMode("iptables"),
		ClusterCIDR:        PodRange,
		// NodePorts on the node's address alone: no route_localnet for localhost NodePorts.
		NodePortAddresses: []string{"primary"},
		IPTables:          proxyconfig.KubeProxyIPTablesConfiguration{LocalhostNodePorts: ptr.To(false)},
		Conntrack: proxyconfig.KubeProxyConntrackConfiguration{
			MaxPerCore:            ptr.To[int32](0),
			Min:                   ptr.To[int32](0),
			TCPEstablishedTimeout: &metav1.Duration{},
			TCPCloseWaitTimeout:   &metav1.Duration{},
		},
	}
	return yaml.Marshal(config)
}

// kubeProxyHealthz answers 200 once kube-proxy has synced its rules.
const kubeProxyHealthz = "127.0.0.1:10256"

// servicesProgrammed: kube-proxy reports its rules synced.
func servicesProgrammed() bool { return healthy("http://" + kubeProxyHealthz + "/healthz") }

// healthy: a daemon's health endpoint answers 200 within a second.
func healthy(url string) bool {
	client := http.Client{Timeout: time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
