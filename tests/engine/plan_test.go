//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"
)

// planStep is one step of `pulumi preview --json`.
type planStep struct {
	Op       string `json:"op"`
	URN      string `json:"urn"`
	NewState struct {
		Type   string         `json:"type"`
		Inputs map[string]any `json:"inputs"`
	} `json:"newState"`
}

// plan is the steps `pulumi preview --json` plans for the stack's current program, the
// steps of each replacement included (create-replacement, delete-replaced).
func (s *yamlStack) plan() []planStep {
	s.t.Helper()
	out, err := s.pulumi("preview", "--json", "--show-replacement-steps")
	if err != nil {
		s.t.Fatalf("pulumi preview --json: %v\n%s", err, out)
	}
	var preview struct {
		Steps []planStep `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &preview); err != nil {
		s.t.Fatalf("reading the preview's JSON: %v\n%s", err, out)
	}
	return preview.Steps
}

// expectNoCreateOfExisting fails when the plan creates a Kubernetes object that already
// exists in the cluster: on pulumi-kubernetes 4.30.0 (the release users download) such a
// create fails with AlreadyExists. The tier's provider is behind tests/kubernetes-as-released,
// so `up` fails too; this check names the step before it runs, and holds on either provider.
func (s *yamlStack) expectNoCreateOfExisting(step string) {
	s.t.Helper()
	for _, found := range createsOfExisting(s.t, s.plan()) {
		s.t.Errorf("%s: %s, which fails on the pulumi-kubernetes release users run (AlreadyExists)", step, found)
	}
}

// createsOfExisting lists the plan's creates of non-Patch Kubernetes objects that exist in
// the cluster: a create, or the create of a replacement made before the old object is
// deleted (the default; deleteBeforeReplace plans delete-replaced first). A Patch
// resource's create is a server-side apply on every version: an upsert by design.
func createsOfExisting(t testing.TB, steps []planStep) []existingCreate {
	t.Helper()
	var found []existingCreate
	deletedFirst := map[string]bool{}
	for _, st := range steps {
		if st.Op == "delete-replaced" {
			deletedFirst[st.URN] = true
		}
		typ := st.NewState.Type
		if st.Op != "create" && (st.Op != "create-replacement" || deletedFirst[st.URN]) {
			continue
		}
		if !strings.HasPrefix(typ, "kubernetes:") || strings.HasSuffix(typ, "Patch") {
			continue
		}
		metadata, _ := st.NewState.Inputs["metadata"].(map[string]any)
		name, _ := metadata["name"].(string)
		namespace, _ := metadata["namespace"].(string)
		if name == "" || strings.Contains(name, "04da6b54-80e4-46f7-96ec-b56ff0331ba9") { // generated or unknown
			continue
		}
		if objectExists(t, typ, namespace, name) {
			found = append(found, existingCreate{typ, namespace, name, st.Op})
		}
	}
	return found
}

// existingCreate is a planned create of an object that exists.
type existingCreate struct{ typ, namespace, name, op string }

func (c existingCreate) String() string {
	return fmt.Sprintf("the plan creates %s %s/%s (%s), which exists in the cluster", c.typ, c.namespace, c.name, c.op)
}

var (
	mapperOnce sync.Once
	mapper     meta.RESTMapper
	dynClient  dynamic.Interface
)

// objectExists tells whether the object of a pulumi-kubernetes type token (kubernetes:apps/v1:Deployment) exists.
func objectExists(t testing.TB, typ, namespace, name string) bool {
	t.Helper()
	_, err := resourceOf(t, typ, namespace).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil && !apierrors.IsNotFound(err) {
		t.Fatalf("getting %s %s/%s: %v", typ, namespace, name, err)
	}
	return err == nil
}

// deleteOrphaning deletes the object and waits until it is gone, leaving what it owns
// (`kubectl delete --cascade=orphan`).
func deleteOrphaning(t testing.TB, typ, namespace, name string) {
	t.Helper()
	orphan := metav1.DeletePropagationOrphan
	if err := resourceOf(t, typ, namespace).Delete(context.Background(), name, metav1.DeleteOptions{PropagationPolicy: &orphan}); err != nil {
		t.Fatalf("deleting %s %s/%s: %v", typ, namespace, name, err)
	}
	if !eventually(30*time.Second, func() bool { return !objectExists(t, typ, namespace, name) }) {
		t.Fatalf("%s %s/%s is still there", typ, namespace, name)
	}
}

// resourceOf is the dynamic client of a pulumi-kubernetes type token's objects.
func resourceOf(t testing.TB, typ, namespace string) dynamic.ResourceInterface {
	t.Helper()
	mapperOnce.Do(func() {
		dc := discovery.NewDiscoveryClientForConfigOrDie(kube.Config)
		mapper = restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))
		dynClient = dynamic.NewForConfigOrDie(kube.Config)
	})
	parts := strings.Split(typ, ":") // kubernetes, group/version, Kind
	group, version, found := strings.Cut(parts[1], "/")
	if !found || group == "core" {
		group, version = "", strings.TrimPrefix(parts[1], "core/")
	}
	mapping, err := mapper.RESTMapping(schema.GroupKind{Group: group, Kind: parts[2]}, version)
	if err != nil {
		t.Fatalf("the REST mapping of %s: %v", typ, err)
	}
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		return dynClient.Resource(mapping.Resource).Namespace(namespace)
	}
	return dynClient.Resource(mapping.Resource)
}
