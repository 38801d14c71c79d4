//go:build engine

package engine

import (
	"context"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// What Pulumi YAML sends: unquoted booleans and numbers in string maps, and a config value
// declared string whose default looks like a boolean. They reach the pods as strings.
func TestYAMLScalarsReachThePodsAsStrings(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "yaml-scalars")
	s := newYAMLStack(t, ns)
	s.program(ns, `
config:
  featureFlag:
    type: string
    default: "true"
resources:`+service("web", "nginx:1.27", ns, `      port: {http: 8080}
      initialReadinessDelay: 0
      envVars:
        FLAG: true
        WORKERS: 4
        FROM_CONFIG: ${featureFlag}
      podAnnotations:
        example.com/build: 42
`))
	s.mustUp(false)
	d := expectEnv(t, ns, map[string]string{"FLAG": "true", "WORKERS": "4", "FROM_CONFIG": "true"})
	if got := d.Spec.Template.Annotations["example.com/build"]; got != "42" {
		t.Errorf("pod annotation = %q, want \"42\"", got)
	}
	s.expectNoChanges()
}

// A value of the wrong kind fails preview naming its path (here Pulumi YAML's own type
// check, against the schema, answers first; other SDKs get the component's
// `envVars.FLAG: ... must be a string`), never with the hint about outputs of other
// resources, and nothing is created.
func TestYAMLWrongKindFailsPreviewNamingThePath(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "yaml-wrong-kind")
	s := newYAMLStack(t, ns)
	s.program(ns, `
resources:
  web:
    type: k8s-service:index:Service
    properties:
      image: nginx:1.27
      namespace: `+ns+`
      port: {http: 8080}
      envVars:
        FLAG: {enabled: true}
`)
	out, err := s.pulumi("preview")
	if err == nil || !strings.Contains(out, "envVars") || !strings.Contains(out, "FLAG") || !strings.Contains(out, "to 'string'") {
		t.Errorf("want preview to fail naming envVars, FLAG and the string it must be, got %v\n%s", err, out)
	}
	if strings.Contains(out, "outputs of other resources") || strings.Contains(out, "panic") {
		t.Errorf("misleading or crashing message:\n%s", out)
	}
	// `up` of the same program (a CI job skipping the preview) fails the same way and
	// leaves no half-created stack: the component refuses before it registers anything.
	if out, err := s.up(true); err == nil || !strings.Contains(out, "FLAG") {
		t.Errorf("want up to fail naming envVars.FLAG, got %v\n%s", err, out)
	}
	urns, err := s.pulumi("stack", "--show-urns")
	if err != nil {
		t.Fatalf("pulumi stack: %v\n%s", err, urns)
	}
	if strings.Contains(urns, "k8s-service:index:Service") || strings.Contains(urns, "kubernetes:") {
		t.Errorf("the failed up left the component or its children in the stack:\n%s", urns)
	}
}

// expectEnv checks the env values of the Deployment web's container in ns.
func expectEnv(t *testing.T, ns string, want map[string]string) *appsv1.Deployment {
	t.Helper()
	d, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, e := range d.Spec.Template.Spec.Containers[0].Env {
		env[e.Name] = e.Value
	}
	for name, value := range want {
		if env[name] != value {
			t.Errorf("env %s = %q, want %q", name, env[name], value)
		}
	}
	return d
}
