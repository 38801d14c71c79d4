package apiserver

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// construct runs the provider in-process for a fixture placed in namespace.
func construct(t *testing.T, inputs map[string]any, namespace string) []harness.Manifest {
	t.Helper()
	inputs = with(inputs, map[string]any{"namespace": namespace})
	c := harness.Construct(t, "k8s-service:index:Service", "app", harness.Props(inputs), false)
	if c.Err != nil {
		t.Fatalf("construct: %v", c.Err)
	}
	return harness.Manifests(t, c, namespace)
}

func TestEveryFixtureIsAcceptedByTheAPIServer(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			ns := "fx-" + slug(fx.name)
			createNamespace(t, ns)
			ms := construct(t, fx.inputs, ns)
			applyAll(t, ms)
		})
	}
}

func TestCreateNamespaceIsAccepted(t *testing.T) {
	inputs := with(minimal, map[string]any{"namespace": "fx-created", "createNamespace": true})
	c := harness.Construct(t, "k8s-service:index:Service", "app", harness.Props(inputs), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	applyAll(t, harness.Manifests(t, c, "unused"))
}

// A deliberately broken field must fail: the harness is only worth its failures.
func TestAnInvalidObjectIsRejected(t *testing.T) {
	ns := "broken"
	createNamespace(t, ns)
	for _, m := range construct(t, minimal, ns) {
		if m.Obj.GetKind() != "Deployment" {
			continue
		}
		broken := m.Obj.DeepCopy()
		containers, _, _ := unstructured.NestedSlice(broken.Object, "spec", "template", "spec", "containers")
		containers[0].(map[string]any)["readinessProbe"] = map[string]any{"tcpSocket": map[string]any{"port": "Not_A_Port"}}
		if err := unstructured.SetNestedSlice(broken.Object, containers, "spec", "template", "spec", "containers"); err != nil {
			t.Fatal(err)
		}
		err := apply(broken)
		if err == nil || !strings.Contains(err.Error(), "readinessProbe.tcpSocket.port") {
			t.Fatalf("want the API server to reject the probe port by name, got %v", err)
		}
		return
	}
	t.Fatal("no Deployment")
}

func TestCloudVariantsKubernetesSideIsAccepted(t *testing.T) {
	for _, fx := range variantFixtures {
		t.Run(fx.name, func(t *testing.T) {
			ns := "cloud-" + slug(fx.name)
			createNamespace(t, ns)
			c := harness.Construct(t, fx.token, "app", harness.Props(with(fx.inputs, map[string]any{"namespace": ns})), false)
			if c.Err != nil {
				t.Fatalf("construct: %v", c.Err)
			}
			ms := harness.Manifests(t, c, ns)
			if len(ms) == 0 {
				t.Fatal("no Kubernetes objects")
			}
			applyAll(t, ms)
		})
	}
}
