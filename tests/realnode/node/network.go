package node

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
)

// The node's network: its address on lo (the kubelet refuses a loopback node IP and the
// kernel has no dummy links), the pods' bridge, and routes that keep both ranges on this
// machine. Without them a request to a pod that is gone, or to a ClusterIP kube-proxy has not
// programmed yet, leaves by the default route (and something out there answers HTTP 404).
const (
	bridgeName  = "k8ssvc0"
	bridgeIP    = "10.244.0.1"
	bridgeMAC   = "02:6b:38:73:76:01"
	networkName = "k8s-service-realnode"
	// isolateChain rejects what the pods send off the machine: the bridge plugin turns on IP
	// forwarding, and nothing but our own addresses may be reached.
	isolateChain = "K8SSVC-ISOLATE"
	// unreachableMetric is the safety net's: lower than every route that serves the ranges.
	unreachableMetric = "4000"
)

// ourChains are the prefixes of the iptables chains of kube-proxy, the kubelet and
// kube-router (KUBE-), the CNI plugins (CNI-) and the node (K8SSVC-).
var ourChains = []string{"KUBE-", "CNI-", "K8SSVC-"}

func setUpNetwork() error {
	steps := [][]string{
		{"ip", "addr", "add", IP + "/32", "dev", "lo"},
		// An address of its own (locally administered): a bridge without one takes the
		// lowest of its ports' and changes it as pods come and go, leaving the pods' ARP
		// entries for the gateway pointing at a port that may be gone.
		{"ip", "link", "add", bridgeName, "address", bridgeMAC, "type", "bridge"},
		{"ip", "addr", "add", bridgeIP + "/24", "dev", bridgeName},
		{"ip", "link", "set", bridgeName, "up"},
		// The safety net: nothing of either range leaves by the default route, ever.
		{"ip", "route", "add", "unreachable", PodRange, "metric", unreachableMetric},
		{"ip", "route", "add", "unreachable", ServiceCIDR, "metric", unreachableMetric},
		// ClusterIPs go to the bridge, where kube-proxy's DNAT (in OUTPUT, after this route
		// lookup) sends them to a pod; an unreachable route alone would refuse them first.
		{"ip", "route", "add", ServiceCIDR, "dev", bridgeName, "src", bridgeIP, "metric", "100"},
		{"iptables", "-N", isolateChain},
		{"iptables", "-A", isolateChain, "-j", "REJECT", "--reject-with", "icmp-net-prohibited"},
		{"iptables", "-I", "FORWARD", "-i", bridgeName, "!", "-o", bridgeName, "-j", isolateChain},
	}
	for _, step := range steps {
		if out, err := exec.Command(step[0], step[1:]...).CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %v: %s", strings.Join(step, " "), err, out)
		}
	}
	return nil
}

// tearDownNetwork removes the node's links, routes and address; what is already gone is
// no error.
func tearDownNetwork() error {
	steps := [][]string{
		{"ip", "link", "del", bridgeName},
		{"ip", "route", "del", "unreachable", PodRange, "metric", unreachableMetric},
		{"ip", "route", "del", "unreachable", ServiceCIDR, "metric", unreachableMetric},
		{"ip", "route", "del", ServiceCIDR, "dev", bridgeName},
		{"ip", "addr", "del", IP + "/32", "dev", "lo"},
	}
	var failed []string
	for _, step := range steps {
		out, err := exec.Command(step[0], step[1:]...).CombinedOutput()
		if err != nil && !absent(string(out)) {
			failed = append(failed, fmt.Sprintf("%s: %v: %s", strings.Join(step, " "), err, out))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%s", strings.Join(failed, "\n"))
	}
	return nil
}

func absent(message string) bool {
	for _, s := range []string{"Cannot find device", "No such process", "Cannot assign requested address", "does not exist", "No such device"} {
		if strings.Contains(message, s) {
			return true
		}
	}
	return false
}

// removeIptablesChains takes out of every table every rule and chain of ourChains, and
// keeps the rest as it is: iptables-save, those lines dropped, iptables-restore.
func removeIptablesChains() error {
	for _, family := range []string{"iptables", "ip6tables"} {
		saved, err := exec.Command(family + "-save").Output()
		if err != nil {
			return fmt.Errorf("%s-save: %w", family, err)
		}
		var kept bytes.Buffer
		changed := false
		for _, line := range strings.SplitAfter(string(saved), "\n") {
			if mentionsOurChains(line) {
				changed = true
				continue
			}
			kept.WriteString(line)
		}
		if !changed {
			continue
		}
		restore := exec.Command(family + "-restore")
		restore.Stdin = &kept
		if out, err := restore.CombinedOutput(); err != nil {
			return fmt.Errorf("%s-restore: %v: %s", family, err, out)
		}
	}
	return nil
}

func mentionsOurChains(line string) bool {
	for _, prefix := range ourChains {
		if strings.Contains(line, prefix) {
			return true
		}
	}
	return false
}

// nftTables lists the nftables tables as "family name".
func nftTables() ([]string, error) {
	out, err := exec.Command("nft", "list", "tables").Output()
	if err != nil {
		return nil, fmt.Errorf("nft list tables: %w", err)
	}
	var tables []string
	for _, line := range strings.Split(string(out), "\n") {
		if table, ok := strings.CutPrefix(strings.TrimSpace(line), "table "); ok {
			tables = append(tables, table)
		}
	}
	return tables, nil
}

// removeNewTables deletes the tables that were not there before.
func removeNewTables(before []string) error {
	now, err := nftTables()
	if err != nil {
		return err
	}
	return removeNew(before, now, func(table string) []string {
		return append([]string{"nft", "delete", "table"}, strings.Fields(table)...)
	})
}

// removeNew runs the command remove gives for each of now that is not in before.
func removeNew(before, now []string, remove func(string) []string) error {
	existed := map[string]bool{}
	for _, name := range before {
		existed[name] = true
	}
	for _, name := range now {
		if existed[name] {
			continue
		}
		args := remove(name)
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	return nil
}
