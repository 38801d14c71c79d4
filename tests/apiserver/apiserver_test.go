package apiserver

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

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
			for _, m := range ms {
				if kind := m.Obj.GetKind(); kind == "Deployment" || kind == "StatefulSet" {
					assertReplicasNotOwned(t, m)
				}
			}
		})
	}
}

// assertReplicasNotOwned checks that the component's field manager does not own
// spec.replicas, so that no apply can take it back from the autoscaler.
func assertReplicasNotOwned(t *testing.T, m harness.Manifest) {
	t.Helper()
	stored, err := get(m.Obj)
	if err != nil {
		t.Fatalf("reading back %s: %v", m.Key(), err)
	}
	for _, entry := range stored.GetManagedFields() {
		if entry.Manager == fieldManager && entry.FieldsV1 != nil && strings.Contains(string(entry.FieldsV1.Raw), `"f:replicas"`) {
			t.Errorf("%s: %s owns spec.replicas", m.Key(), fieldManager)
		}
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

func TestUpdatesAreAcceptedOrReplaced(t *testing.T) {
	for _, ch := range changes {
		t.Run(ch.name, func(t *testing.T) {
			ns := "up-" + slug(ch.name)
			createNamespace(t, ns)
			before := construct(t, ch.before, ns)
			applyAll(t, before)
			if t.Failed() {
				return
			}
			after := construct(t, ch.after, ns)
			replaced := update(t, before, after)
			var want []string
			for _, r := range ch.replaced {
				kind, name, _ := strings.Cut(r, "/")
				want = append(want, kind+"/"+ns+"/"+name)
			}
			if !slices.Equal(replaced, want) {
				t.Errorf("replaced %v, want %v", replaced, want)
			}
			for _, m := range after {
				if _, err := get(m.Obj); err != nil {
					t.Errorf("%s missing after the update: %v", m.Key(), err)
				}
			}
			for _, m := range before {
				if slices.ContainsFunc(after, func(a harness.Manifest) bool { return a.Key() == m.Key() }) {
					continue
				}
				if _, err := get(m.Obj); err == nil {
					t.Errorf("%s still exists after the update removed it", m.Key())
				}
			}
		})
	}
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

// The replica count the autoscaler chose survives any update the component applies.
func TestAutoscalerReplicasSurviveUpdates(t *testing.T) {
	for _, tc := range []struct {
		kind, resource string
		base           map[string]any
	}{
		{"Deployment", "deployments", minimal},
		{"StatefulSet", "statefulsets", storage1},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			ns := "hpa-" + strings.ToLower(tc.kind)
			createNamespace(t, ns)
			before := construct(t, tc.base, ns)
			applyAll(t, before)
			scaleTo(t, ns, tc.resource, 7) // as the HPA controller does, through the scale subresource
			after := construct(t, with(tc.base, map[string]any{
				"image": "nginxinc/nginx-unprivileged:1.28", "envVars": map[string]any{"NEW": "1"}, "minContainers": 2,
			}), ns)
			update(t, before, after)
			if got := replicas(t, ns, tc.resource); got != 7 {
				t.Errorf("%s replicas after an update = %d, want the autoscaler's 7", tc.kind, got)
			}
		})
	}
}

func scaleTo(t *testing.T, ns, resource string, n int32) {
	t.Helper()
	ri := cluster.dynamic.Resource(appsResource(resource)).Namespace(ns)
	scale := &autoscalingv1.Scale{
		TypeMeta:   metav1.TypeMeta{APIVersion: "autoscaling/v1", Kind: "Scale"},
		ObjectMeta: metav1.ObjectMeta{Name: "app", Namespace: ns},
		Spec:       autoscalingv1.ScaleSpec{Replicas: n},
	}
	obj, err := runtime.DefaultUnstructuredConverter.ToUnstructured(scale)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ri.Update(context.Background(), &unstructured.Unstructured{Object: obj}, metav1.UpdateOptions{
		FieldManager: "kube-controller-manager",
	}, "scale"); err != nil {
		t.Fatalf("scaling %s: %v", resource, err)
	}
	if got := replicas(t, ns, resource); got != int64(n) {
		t.Fatalf("scale did not take: %d", got)
	}
}

func replicas(t *testing.T, ns, resource string) int64 {
	t.Helper()
	obj, err := cluster.dynamic.Resource(appsResource(resource)).Namespace(ns).Get(context.Background(), "app", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n, found, err := unstructured.NestedInt64(obj.Object, "spec", "replicas")
	if !found || err != nil {
		t.Fatal(fmt.Errorf("spec.replicas: found %v, %v", found, err))
	}
	return n
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

func TestCloudVariantUpdates(t *testing.T) {
	for _, ch := range variantChanges {
		t.Run(ch.name, func(t *testing.T) {
			ns := "cloud-up-" + slug(ch.name)
			createNamespace(t, ns)
			build := func(in map[string]any) []harness.Manifest {
				c := harness.Construct(t, ch.token, "app", harness.Props(with(in, map[string]any{"namespace": ns})), false)
				if c.Err != nil {
					t.Fatalf("construct: %v", c.Err)
				}
				return harness.Manifests(t, c, ns)
			}
			before := build(ch.before)
			applyAll(t, before)
			if replaced := update(t, before, build(ch.after)); !slices.Equal(replaced, ch.replaced) {
				t.Errorf("replaced %v, want %v", replaced, ch.replaced)
			}
		})
	}
}
