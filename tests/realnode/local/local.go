// Package local brings up this machine's real node (tests/realnode/node) with the registry
// on loopback its pods pull from, and describes it as a target (tests/realnode/target): what
// the engine tier does for its real-node cases, and tests/realnode/standalone does by hand.
package local

import (
	"context"
	"fmt"
	"os"

	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/image"
	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/node"
	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/target"
)

// Node is the running node, its registry and how the cases reach them.
type Node struct {
	Target   target.Cluster
	Registry *image.Registry
	Node     *node.Node
	// App is the test application's binary (tests/realnode/app), built in dir.
	App string
}

// Options are what the node joins and where it keeps its files.
type Options struct {
	// Dir receives the node's logs and the application's build.
	Dir string
	// Bin holds the tier's tools (tools/build.sh).
	Bin string
	// Root is the repository.
	Root string
	// Kubeconfig is an admin kubeconfig of the control plane (tests/cluster), whose API
	// server's serving certificate is APIServerCA.
	Kubeconfig, APIServerCA string
}

// Start serves the registry, pushes the pod sandbox image (the application's `pause`) and
// starts the node. On an error, what started is stopped.
func Start(opts Options) (*Node, error) {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, err
	}
	app, err := image.BuildApp(opts.Root, opts.Dir)
	if err != nil {
		return nil, err
	}
	registry, err := image.StartRegistry()
	if err != nil {
		return nil, err
	}
	n := &Node{Registry: registry, App: app, Target: target.Cluster{
		Kubeconfig:           opts.Kubeconfig,
		Registry:             registry.Host,
		Traefik:              fmt.Sprintf("%s:%d", node.IP, node.TraefikPort),
		LoadImage:            node.ImportCommand(),
		NamespaceAnnotations: node.NamespaceAnnotations(),
		Node:                 node.Name,
	}}
	pause, err := image.Pack(app, "pause", "pause")
	if err == nil {
		_, err = registry.Push(pause, "pause", "1")
	}
	if err == nil {
		n.Node, err = node.Start(context.Background(), node.Options{
			Bin:          opts.Bin,
			Kubeconfig:   opts.Kubeconfig,
			LogDir:       opts.Dir,
			Registry:     registry.Host,
			SandboxImage: registry.Host + "/pause:1",
			APIServerCA:  opts.APIServerCA,
		})
	}
	if err != nil {
		_ = registry.Close()
		return nil, err
	}
	return n, nil
}

// Stop stops the node, undoing what it changed on the machine, and the registry.
func (n *Node) Stop() error {
	err := n.Node.Stop()
	_ = n.Registry.Close()
	return err
}
