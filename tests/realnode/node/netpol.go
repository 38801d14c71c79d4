package node

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// kube-router's network policy controller alone (the firewall: no routing, no service
// proxy) enforces NetworkPolicies on the node's pods with iptables chains and ipsets.
const policyHealth = "127.0.0.1:20244"

func (n *Node) startPolicyEngine(ctx context.Context) error {
	if err := n.run("kube-router", filepath.Join(n.opts.Bin, "kube-router"),
		"--kubeconfig="+nodeKubeconfig, "--hostname-override="+Name,
		"--run-firewall=true", "--run-router=false", "--run-service-proxy=false", "--run-loadbalancer=false",
		"--service-cluster-ip-range="+ServiceCIDR, "--enable-cni=false",
		"--health-port=20244", "--metrics-port=0", "--iptables-sync-period=1m"); err != nil {
		return err
	}
	return n.waitFor(ctx, 60*time.Second, func() bool { return healthy("http://" + policyHealth + "/healthz") })
}

// ipsets lists the machine's ipsets by name.
func ipsets() ([]string, error) {
	out, err := exec.Command("ipset", "list", "-n").Output()
	if err != nil {
		return nil, fmt.Errorf("ipset list -n: %w", err)
	}
	return strings.Fields(string(out)), nil
}

// removeNewIpsets destroys the ipsets that were not there before (once no iptables rule
// refers to them).
func removeNewIpsets(before []string) error {
	now, err := ipsets()
	if err != nil {
		return err
	}
	return removeNew(before, now, func(set string) []string { return []string{"ipset", "destroy", set} })
}
