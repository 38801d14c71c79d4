package apiserver

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// fieldManager stands for pulumi-kubernetes, which applies with server-side apply.
const fieldManager = "pulumi-kubernetes"

func resourceFor(obj *unstructured.Unstructured) (dynamic.ResourceInterface, error) {
	gvk := obj.GroupVersionKind()
	mapping, err := cluster.mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
	if err != nil {
		return nil, err
	}
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		return cluster.dynamic.Resource(mapping.Resource).Namespace(obj.GetNamespace()), nil
	}
	return cluster.dynamic.Resource(mapping.Resource), nil
}

// apply sends the object with server-side apply, as pulumi-kubernetes does.
func apply(obj *unstructured.Unstructured) error {
	ri, err := resourceFor(obj)
	if err != nil {
		return err
	}
	data, err := json.Marshal(obj.Object)
	if err != nil {
		return err
	}
	force := true
	_, err = ri.Patch(context.Background(), obj.GetName(), types.ApplyPatchType, data,
		metav1.PatchOptions{FieldManager: fieldManager, Force: &force})
	return err
}

func remove(obj *unstructured.Unstructured) error {
	ri, err := resourceFor(obj)
	if err != nil {
		return err
	}
	background := metav1.DeletePropagationBackground
	err = ri.Delete(context.Background(), obj.GetName(), metav1.DeleteOptions{PropagationPolicy: &background})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}

// applyAll applies every manifest; an object the API server rejects fails the test
// with the object and the server's message.
func applyAll(t *testing.T, ms []harness.Manifest) {
	t.Helper()
	for _, m := range ms {
		if err := apply(m.Obj); err != nil {
			t.Errorf("the API server rejected %s: %v\n%s", m.Key(), err, m)
		}
		removeClusterScopedAfter(t, m)
	}
}

// removeClusterScopedAfter deletes a cluster-scoped object with a generated name when
// the test ends: the harness's generated names are not random, unlike pulumi-kubernetes'.
func removeClusterScopedAfter(t *testing.T, m harness.Manifest) {
	if m.Obj.GetKind() == "StorageClass" {
		obj := m.Obj
		t.Cleanup(func() { _ = remove(obj) })
	}
}

func createNamespace(t *testing.T, name string) {
	t.Helper()
	ns := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": name},
	}}
	if err := apply(ns); err != nil {
		t.Fatalf("creating namespace %s: %v", name, err)
	}
}

func slug(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 50 {
		out = out[:50]
	}
	return strings.Trim(out, "-")
}
