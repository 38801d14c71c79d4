//go:build engine

package engine

import (
	"context"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The release's create (pulumi-kubernetes 4.30.0, #4278): a component child whose object
// was made by hand fails `up` with AlreadyExists and the release's hint, leaves the object
// as it was, and the provider's upsertExistingObjects makes the same `up` take it over.
// The tier's provider is behind tests/kubernetes-as-released: on its own it would upsert.
func TestCreateOverAnExistingObjectFailsAsOnTheRelease(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "existing-object")
	byHand := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: ns},
		Spec: corev1.ServiceSpec{
			Selector: map[string]string{"made": "by-hand"},
			Ports:    []corev1.ServicePort{{Name: "legacy", Port: 9999}},
		},
	}
	ctx := context.Background()
	if _, err := kube.Client.CoreV1().Services(ns).Create(ctx, byHand, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	s := newYAMLStack(t, "existing-object")
	s.program("existing-object", "resources:"+service("web", "nginx:1.27", ns, "      port: {http: 8080}\n"))
	if found := createsOfExisting(t, s.plan()); len(found) != 1 || !strings.Contains(found[0].String(), "kubernetes:core/v1:Service "+ns+"/web") {
		t.Errorf("the plan property found %q, want the Service %s/web", found, ns)
	}
	out, err := s.up(false)
	if err == nil {
		t.Fatalf("pulumi up created a Service over the one made by hand:\n%s", out)
	}
	for _, want := range []string{
		`kubernetes:core/v1:Service::web`,
		`was not successfully created by the Kubernetes API server: services "web" already exists`,
		"Intentional upsert: set upsertExistingObjects on the provider",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the failure does not say %q:\n%s", want, out)
		}
	}
	got, err := kube.Client.CoreV1().Services(ns).Get(ctx, "web", metav1.GetOptions{})
	if err != nil || got.Spec.Selector["made"] != "by-hand" {
		t.Errorf("the Service made by hand changed: %v %v", got.Spec.Selector, err)
	}

	if out, err := s.pulumi("config", "set", "kubernetes:upsertExistingObjects", "true"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	s.mustUp(false)
	got, err = kube.Client.CoreV1().Services(ns).Get(ctx, "web", metav1.GetOptions{})
	// An upsert is a server-side apply: the component's fields win, and the port another
	// field manager wrote stays beside its own (so later previews show it as a diff: to
	// adopt an object, `pulumi import` it).
	if err != nil || got.Spec.Selector["app.kubernetes.io/name"] != "web" || !slices.ContainsFunc(got.Spec.Ports, func(p corev1.ServicePort) bool { return p.Port == 8080 }) {
		t.Errorf("with upsertExistingObjects the Service is not the component's: %+v %v", got.Spec, err)
	}
}

// Renaming a Pulumi resource that names its object (#4278's data loss): the plan creates the
// new resource, whose object exists, and deletes the old one. The plan property names the
// create; `up` fails with AlreadyExists before the delete, as on the release (the tier's
// provider alone would upsert the object and then delete it), and the object stays; an
// alias makes the rename a no-op.
func TestRenamedResourceFailsAsOnTheRelease(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "renamed")
	configMap := func(resource, options string) string {
		return `resources:
  ` + resource + `:
    type: kubernetes:core/v1:ConfigMap
    properties:
      metadata: {name: settings, namespace: ` + ns + `}
      data: {mode: blue}
` + options
	}
	s := newYAMLStack(t, "renamed")
	s.program("renamed", configMap("settings", ""))
	s.mustUp(false)

	s.program("renamed", configMap("appSettings", ""))
	if found := createsOfExisting(t, s.plan()); len(found) != 1 || !strings.Contains(found[0].String(), "ConfigMap "+ns+"/settings (create)") {
		t.Errorf("the plan property found %q, want the renamed ConfigMap's create", found)
	}
	if out, err := s.up(false); err == nil || !strings.Contains(out, `configmaps "settings" already exists`) {
		t.Errorf("the rename: want AlreadyExists, got %v:\n%s", err, out)
	}
	if !objectExists(t, "kubernetes:core/v1:ConfigMap", ns, "settings") {
		t.Errorf("the ConfigMap is gone after the failed rename")
	}

	s.program("renamed", configMap("appSettings", "    options: {aliases: ['urn:pulumi:test::renamed::kubernetes:core/v1:ConfigMap::settings']}\n"))
	if found := createsOfExisting(t, s.plan()); len(found) != 0 {
		t.Errorf("with the alias the plan property found %q", found)
	}
	s.mustUp(false)
	s.expectNoChanges()
}

// The plan property's replacement branch. A Job of a fixed name whose pod template changes
// (immutable) is replaced, and pulumi-kubernetes deletes a named object before it creates
// the replacement: the plan (with --show-replacement-steps) shows delete-replaced before
// create-replacement, the property holds, and `up` succeeds on the release's creates. A
// create-replacement of the existing Job without that delete is what the property reports.
func TestNamedReplacementDeletesFirst(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "replace-named")
	job := func(image string) string {
		return `resources:
  migrate:
    type: kubernetes:batch/v1:Job
    properties:
      metadata: {name: migrate, namespace: ` + ns + `}
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: migrate, image: "` + image + `"}]
`
	}
	s := newYAMLStack(t, "replace-named")
	s.program("replace-named", job("busybox:1.36"))
	s.mustUp(false)

	s.program("replace-named", job("busybox:1.37"))
	steps := s.plan()
	var ops []string
	var replacement planStep
	for _, st := range steps {
		if strings.HasSuffix(st.URN, "::migrate") {
			ops = append(ops, st.Op)
			if st.Op == "create-replacement" {
				replacement = st
			}
		}
	}
	if deleted, created := slices.Index(ops, "delete-replaced"), slices.Index(ops, "create-replacement"); deleted < 0 || created < deleted {
		t.Fatalf("the Job's steps %v: want delete-replaced before create-replacement", ops)
	}
	if found := createsOfExisting(t, steps); len(found) != 0 {
		t.Errorf("the plan property found %q in a delete-first replacement", found)
	}
	// The same create-replacement without the delete before it: the Job exists.
	replacement.NewState.Inputs = map[string]any{"metadata": map[string]any{"name": "migrate", "namespace": ns}}
	if found := createsOfExisting(t, []planStep{replacement}); len(found) != 1 || !strings.Contains(found[0].String(), "(create-replacement)") {
		t.Errorf("a create-replacement of the existing Job: the property found %q", found)
	}
	s.mustUp(false)
	s.expectNoChanges()
}
