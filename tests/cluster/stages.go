package cluster

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// failureStages are the pod stages of stages.yaml: what a kubelet reports for an image it
// cannot pull, a container that crash-loops, a readiness probe that never passes, and a
// Job's pod that keeps running or fails.
//
//go:embed stages.yaml
var failureStages string

// The images and the label that pick those stages.
const (
	UnpullableImage = "k8s-service.test/unpullable:1"
	CrashLoopImage  = "k8s-service.test/crashloop:1"
	NeverReadyImage = "k8s-service.test/never-ready:1"
	HoldLabel       = "k8s-service.test/hold"
	FailLabel       = "k8s-service.test/fail" // a Job's pod fails instead of completing
)

// kwokFastStages are kwok's own pod stages (given any pod stage, kwok uses no default).
var kwokFastStages = []string{"pod-ready.yaml", "pod-complete.yaml", "pod-delete.yaml"}

// writeStages writes kwok's --config: its fast pod stages, read from the kwok module the
// cluster tools are built from (tools/cluster/go.mod), and the failure stages.
func writeStages(dir, pins string) (string, error) {
	download := exec.Command("go", "mod", "download", "-json", "sigs.k8s.io/kwok")
	download.Dir = pins
	download.Env = append(os.Environ(), "GOFLAGS=")
	out, err := download.Output()
	if err != nil {
		return "", fmt.Errorf("locating the kwok module: %v", err)
	}
	var module struct{ Dir string }
	if err := json.Unmarshal(out, &module); err != nil {
		return "", err
	}
	docs := []string{failureStages}
	for _, name := range kwokFastStages {
		b, err := os.ReadFile(filepath.Join(module.Dir, "kustomize/stage/pod/fast", name))
		if err != nil {
			return "", err
		}
		docs = append(docs, string(b))
	}
	path := filepath.Join(dir, "kwok.yaml")
	return path, os.WriteFile(path, []byte(strings.Join(docs, "\n---\n")), 0o644)
}
