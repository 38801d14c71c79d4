package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"sigs.k8s.io/yaml"
)

// crdSources are the CRD files the API server serves: each module's own, at the version
// pinned in tests/cluster/crds/go.mod.
var crdSources = []struct {
	module, dir string
	files       []string // the CRDs of dir to install; every one when empty
}{
	{module: "sigs.k8s.io/gateway-api", dir: "config/crd/standard"}, // the Gateway API's standard channel
	{module: "github.com/prometheus-operator/prometheus-operator", dir: "example/prometheus-operator-crd",
		files: []string{"monitoring.coreos.com_podmonitors.yaml"}},
	{module: "github.com/external-secrets/external-secrets", dir: "config/crds/bases",
		files: []string{"external-secrets.io_secretstores.yaml", "external-secrets.io_externalsecrets.yaml"}},
}

var crdResource = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}

// installCRDs creates every CRD of crdSources and waits until the API server serves them.
func installCRDs(ctx context.Context, client dynamic.Interface, pins string) error {
	var names []string
	for _, src := range crdSources {
		dir, err := moduleDir(pins, src.module)
		if err != nil {
			return err
		}
		files, err := filepath.Glob(filepath.Join(dir, src.dir, "*.yaml"))
		if err != nil {
			return err
		}
		if len(src.files) > 0 {
			files = files[:0]
			for _, name := range src.files {
				files = append(files, filepath.Join(dir, src.dir, name))
			}
		}
		for _, file := range files {
			crd, err := readCRD(file)
			if err != nil {
				return err
			}
			if crd == nil {
				continue
			}
			if _, err := client.Resource(crdResource).Create(ctx, crd, metav1.CreateOptions{}); err != nil {
				return fmt.Errorf("installing %s: %w", crd.GetName(), err)
			}
			names = append(names, crd.GetName())
		}
	}
	for _, name := range names {
		if err := waitEstablished(ctx, client, name); err != nil {
			return err
		}
	}
	return nil
}

// moduleDir is where the Go module cache holds module, at the version pins require.
func moduleDir(pins, module string) (string, error) {
	download := exec.Command("go", "mod", "download", "-json", module)
	download.Dir = pins
	download.Env = append(os.Environ(), "GOFLAGS=")
	out, err := download.Output()
	if err != nil {
		return "", fmt.Errorf("locating %s: %v\n%s", module, err, out)
	}
	var m struct{ Dir string }
	return m.Dir, json.Unmarshal(out, &m)
}

// readCRD reads a file's CustomResourceDefinition, or nil for a file of another kind (the
// Gateway API ships a ValidatingAdmissionPolicy beside its CRDs).
func readCRD(file string) (*unstructured.Unstructured, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var obj map[string]any
	if err := yaml.Unmarshal(raw, &obj); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	crd := &unstructured.Unstructured{Object: obj}
	if crd.GetKind() != "CustomResourceDefinition" {
		return nil, nil
	}
	return crd, nil
}

func waitEstablished(ctx context.Context, client dynamic.Interface, name string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		crd, err := client.Resource(crdResource).Get(ctx, name, metav1.GetOptions{})
		if err == nil {
			conditions, _, _ := unstructured.NestedSlice(crd.Object, "status", "conditions")
			for _, c := range conditions {
				if c, ok := c.(map[string]any); ok && c["type"] == "Established" && c["status"] == "True" {
					return nil
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("CRD %s not established within 30 s", name)
}
