// Command standalone keeps the engine tier's cluster up by hand: the control plane
// (tests/cluster) with the real node, its registry, Traefik, metrics-server and kube-router
// (tests/realnode/local), until interrupted. It writes the cluster's description
// (tests/realnode/target) for the real-node cases to run against with REALNODE_CLUSTER, as
// they would against kind or a cloud, and its kubeconfig for kubectl. Run it as root, on a
// machine like CI's, after `make engine-tools node-packages` (docs/realnode.md).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/local"
	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/node"
)

func main() {
	dir := flag.String("dir", "/tmp/k8s-service-realnode", "where the cluster keeps its state and logs; cluster.json and kubeconfig are written here")
	bin := flag.String("bin", ".cache/engine-bin", "the tier's tools (make engine-tools)")
	flag.Parse()
	if err := run(*dir, *bin); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(dir, bin string) error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if bin, err = filepath.Abs(bin); err != nil {
		return err
	}
	if err := freshDir(dir); err != nil {
		return err
	}
	kube, err := cluster.Start(dir, cluster.Options{Bin: bin, Root: root, Controllers: true, ServiceCIDR: node.ServiceCIDR})
	if err != nil {
		return fmt.Errorf("starting the control plane: %w", err)
	}
	defer kube.Stop()
	n, err := local.Start(local.Options{
		Dir: filepath.Join(dir, "realnode"), Bin: bin, Root: root, Kubeconfig: kube.Kubeconfig, APIServerCA: kube.ServingCert(),
	})
	if err != nil {
		return fmt.Errorf("starting the real node: %w", err)
	}
	description := filepath.Join(dir, "cluster.json")
	err = n.Target.Write(description)
	if err == nil {
		fmt.Printf("The cluster is up. Its description: %s\n  KUBECONFIG=%s kubectl get nodes\n"+
			"  REALNODE_CLUSTER=%s go test -tags engine -count=1 -parallel 8 -run TestRealNode ./tests/engine\n"+
			"Interrupt (Ctrl-C) to stop it and undo what it changed on the machine.\n",
			description, kube.Kubeconfig, description)
		interrupted := make(chan os.Signal, 1)
		signal.Notify(interrupted, os.Interrupt, syscall.SIGTERM)
		<-interrupted
	}
	if stopErr := n.Stop(); stopErr != nil {
		return fmt.Errorf("the real node left the machine changed: %w", stopErr)
	}
	return err
}

// freshDir empties dir when an earlier run left it (a control plane would start on the old
// etcd data), and refuses a dir that is something else's.
func freshDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) || err == nil && len(entries) == 0 {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "etcd")); err != nil {
		return fmt.Errorf("%s is not empty and was not an earlier run's: choose another -dir", dir)
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.MkdirAll(dir, 0o755)
}
