package node

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Where the node keeps its files. The fixed paths are used by containerd, the CNI plugins
// and the kubelet whatever roots they are given.
const (
	dataDir   = "/var/lib/k8s-service-realnode"
	runDir    = "/run/k8s-service-realnode"
	stateFile = dataDir + ".state.json"
	cniBinDir = "/usr/lib/cni"
)

var fixedPaths = []string{"/run/containerd", "/var/lib/cni", "/var/lib/kubelet", "/run/netns"}

// changedSysctls are the settings the kubelet, kube-proxy and the bridge plugin change.
var changedSysctls = []string{
	"vm/overcommit_memory", "vm/panic_on_oom", "kernel/panic", "kernel/panic_on_oops",
	"kernel/keys/root_maxkeys", "kernel/keys/root_maxbytes",
	"net/ipv4/ip_forward", "net/ipv4/conf/all/route_localnet",
	"net/bridge/bridge-nf-call-iptables", "net/bridge/bridge-nf-call-ip6tables",
}

// machineState is what the machine was before the node changed it.
type machineState struct {
	Sysctls map[string]string `json:"sysctls"`
	// Existed are the fixed paths that were there before: only the node's entries in them
	// are removed.
	Existed map[string]bool `json:"existed"`
	// Tables are the nftables tables there were: iptables (nf_tables backend) creates the
	// ones its rules need, and those are removed again.
	Tables []string `json:"tables"`
	// Ipsets are the ipsets there were: the policy engine's are destroyed again.
	Ipsets []string `json:"ipsets"`
}

// record writes down the machine's state before anything changes it.
func record() error {
	state := machineState{Sysctls: map[string]string{}, Existed: map[string]bool{}}
	for _, key := range changedSysctls {
		value, err := os.ReadFile(filepath.Join("/proc/sys", key))
		if err != nil {
			return fmt.Errorf("reading sysctl %s: %w", key, err)
		}
		state.Sysctls[key] = strings.TrimSpace(string(value))
	}
	for _, path := range fixedPaths {
		_, err := os.Stat(path)
		state.Existed[path] = err == nil
	}
	var err error
	if state.Tables, err = nftTables(); err != nil {
		return err
	}
	if state.Ipsets, err = ipsets(); err != nil {
		return err
	}
	body, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(stateFile, body, 0o600)
}

// undo ends whatever of the node still runs and puts the machine back as record found it.
// Without a state file there is nothing to undo. Every step runs even when one fails.
func undo() error {
	body, err := os.ReadFile(stateFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var state machineState
	if err := json.Unmarshal(body, &state); err != nil {
		return fmt.Errorf("%s: %w", stateFile, err)
	}
	errs := []error{
		killProcesses(),
		removeCgroups(),
		unmountAll(),
		tearDownNetwork(),
		removeIptablesChains(),
		removeNewIpsets(state.Ipsets),
		removeNewTables(state.Tables),
	}
	for key, value := range state.Sysctls {
		if err := os.WriteFile(filepath.Join("/proc/sys", key), []byte(value), 0o644); err != nil {
			errs = append(errs, fmt.Errorf("restoring sysctl %s: %w", key, err))
		}
	}
	errs = append(errs, removeFiles(state.Existed))
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.Remove(stateFile)
}

// removeFiles removes the node's dirs, and the fixed paths it created (of those that
// existed before, only its own entries).
func removeFiles(existed map[string]bool) error {
	var errs []error
	remove := func(path string) {
		if err := os.RemoveAll(path); err != nil {
			errs = append(errs, err)
		}
	}
	remove(dataDir)
	remove(runDir)
	for _, path := range fixedPaths {
		if !existed[path] {
			remove(path)
			continue
		}
		switch path {
		case "/var/lib/cni":
			remove(filepath.Join(path, "networks", networkName))
			matches, _ := filepath.Glob(filepath.Join(path, "results", networkName+"-*"))
			for _, m := range matches {
				remove(m)
			}
		case "/run/netns":
			matches, _ := filepath.Glob(filepath.Join(path, "cni-*"))
			for _, m := range matches {
				remove(m)
			}
		}
	}
	return errors.Join(errs...)
}
