// Package target says where the real-node cases run: the engine tier's own real node
// (tests/realnode/node), or another cluster — kind, k3d, a cloud, or the tier's node kept
// up by hand (tests/realnode/standalone) — described by a JSON file that REALNODE_CLUSTER
// names. The cases read everything cluster-specific from here, so one test program runs
// on either.
package target

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// Variable names the file describing another cluster; unset, the tier starts its own node.
const Variable = "REALNODE_CLUSTER"

// Cluster is what the cases need to know of the cluster they run on. The process running
// them must reach its pod IPs and ClusterIPs (docs/realnode.md says how on kind).
type Cluster struct {
	// Kubeconfig is an admin kubeconfig; its current context is the cluster.
	Kubeconfig string `json:"kubeconfig"`
	// Registry is the host:port the cases push their images to, plain HTTP, under the same
	// name the nodes pull them by.
	Registry string `json:"registry"`
	// Traefik is host:port of Traefik's web entry point as this process reaches it. Inside
	// the cluster that entry point listens on :8000 (the Helm chart's default), the port the
	// cases' Gateway listeners name; Traefik serves the IngressClass and GatewayClass
	// `traefik`.
	Traefik string `json:"traefik"`
	// LoadImage is the command that loads an image archive into every node, with the
	// argument "{archive}" standing for the archive's path: `kind load image-archive
	// {archive}`, `k3d image import {archive}`, `ctr images import {archive}`.
	LoadImage []string `json:"loadImage"`
	// NamespaceAnnotations are set on every namespace a case creates, to choose where its
	// pods run (the PodNodeSelector admission plugin's annotations, say).
	NamespaceAnnotations map[string]string `json:"namespaceAnnotations,omitempty"`
	// Node, if set, is the one node every pod of a case must run on.
	Node string `json:"node,omitempty"`
}

// Read reads and checks a description written by hand or by Write.
func Read(path string) (Cluster, error) {
	var c Cluster
	data, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	var missing []string
	for _, field := range [][2]string{{"kubeconfig", c.Kubeconfig}, {"registry", c.Registry}, {"traefik", c.Traefik}} {
		if field[1] == "" {
			missing = append(missing, field[0])
		}
	}
	if !containsArchive(c.LoadImage) {
		missing = append(missing, `loadImage (a command with the argument "{archive}")`)
	}
	if len(missing) > 0 {
		return c, fmt.Errorf("%s: missing %s", path, strings.Join(missing, ", "))
	}
	return c, nil
}

// Write saves the description for Read.
func (c Cluster) Write(path string) error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Load puts img into the nodes' image stores under ref, as `kind load` does, through an
// archive written in dir: the image is then held by no registry.
func (c Cluster) Load(img v1.Image, ref, dir string) error {
	tag, err := name.NewTag(ref, name.Insecure)
	if err != nil {
		return err
	}
	archive := filepath.Join(dir, "load-"+strings.NewReplacer("/", "_", ":", "_").Replace(ref)+".tar")
	if err := tarball.WriteToFile(archive, tag, img); err != nil {
		return err
	}
	defer os.Remove(archive)
	args := make([]string, len(c.LoadImage))
	for i, arg := range c.LoadImage {
		args[i] = strings.ReplaceAll(arg, "{archive}", archive)
	}
	if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

func containsArchive(command []string) bool {
	for _, arg := range command {
		if strings.Contains(arg, "{archive}") {
			return true
		}
	}
	return false
}
