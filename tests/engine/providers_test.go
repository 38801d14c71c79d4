package engine

import (
	"context"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// An explicit kubernetes provider with its own namespace is the one every child uses,
// and a namespace that is an output of another resource (unknown at the first preview)
// deploys.
func TestExplicitProviderAndUnknownNamespace(t *testing.T) {
	s := newYAMLStack(t, "explicit-provider")
	s.program("explicit-provider", `
resources:
  team:
    type: kubernetes:core/v1:Namespace
    properties:
      metadata: {name: team-ns}
  teamProvider:
    type: pulumi:providers:kubernetes
    properties:
      namespace: ${team.metadata.name}
  web:
    type: k8s-service:index:Service
    properties:
      image: nginx:1.27
      port: {http: 8080}
      minContainers: 2
      initialReadinessDelay: 0
      cronJobs:
        - {name: report, commands: [/bin/true], schedule: '@daily'}
    options:
      providers:
        - ${teamProvider}
outputs:
  namespace: ${web.namespace}
  url: ${web.internalUrl}
`)
	if out, err := pulumi(s.dir, "preview"); err != nil {
		t.Fatalf("preview with the namespace unknown: %v\n%s", err, out)
	}
	s.mustUp(false)
	if got := readyPods(t, "team-ns", "web"); got < 2 {
		t.Errorf("%d ready pods in the provider's namespace, want 2", got)
	}
	ctx := context.Background()
	if _, err := kube.Client.BatchV1().CronJobs("team-ns").Get(ctx, "web-report", metav1.GetOptions{}); err != nil {
		t.Errorf("the cron job is not in the provider's namespace: %v", err)
	}
	if list, _ := kube.Client.AppsV1().Deployments("default").List(ctx, metav1.ListOptions{}); len(list.Items) > 0 {
		t.Errorf("a child ignored the explicit provider and landed in default")
	}
	out, err := pulumi(s.dir, "stack", "output", "url")
	if err != nil || !strings.Contains(out, "web.team-ns.svc.cluster.local") {
		t.Errorf("internalUrl = %q (%v), want the provider's namespace in it", out, err)
	}
	s.expectNoChanges()
}

// A tag that is an output of another resource, unknown at the first preview (here the
// UID of a ConfigMap created in the same update, a valid tag), deploys: the preview plans
// the service, `up` runs the pods on the resolved image, and a second preview is clean.
func TestTagFromAnotherResource(t *testing.T) {
	ns := namespace(t, "tag-from-output")
	s := newYAMLStack(t, ns)
	s.program(ns, `
resources:
  release:
    type: kubernetes:core/v1:ConfigMap
    properties:
      metadata: {name: release, namespace: `+ns+`}
      data: {channel: stable}
`+strings.TrimPrefix(service("web", "nginx", ns, `      tag: ${release.metadata.uid}
      port: {http: 8080}
`), "\n")+`
outputs:
  image: ${web.currentImage}
`)
	if out, err := pulumi(s.dir, "preview"); err != nil {
		t.Fatalf("preview with the tag unknown: %v\n%s", err, out)
	}
	s.mustUp(false)
	cm, err := kube.Client.CoreV1().ConfigMaps(ns).Get(context.Background(), "release", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := deploymentImage(t, ns), "nginx:"+string(cm.UID); got != want {
		t.Errorf("Deployment image %q, want %q", got, want)
	}
	if got := readyPods(t, ns, "web"); got < 1 {
		t.Errorf("%d ready pods", got)
	}
	s.expectNoChanges()
}

// Catalogued bad inputs fail `pulumi preview` naming the field, with no panic and
// nothing created (a sample of docs/validation.md across features; every rule has its
// case in tests/validation_test.go).
func TestBadInputsFailPreview(t *testing.T) {
	cases := []struct{ name, props, field, allowed string }{
		{"min above max", "minContainers: 5\n      maxContainers: 3", "minContainers", "must not exceed maxContainers (3)"},
		{"port and ports together", "ports: [{name: a, type: http, port: 80}]", "ports", "not both"},
		{"bad cron schedule", "cronJobs: [{commands: [/bin/true], schedule: every minute}]", "cronJobs[0].schedule", "five-field cron schedule"},
		{"storage size 0", "persistentStorage: [{path: /data, size: 0}]", "persistentStorage[0].size", "more than 0"},
		{"invalid volume name", "persistentStorage: [{path: /data, name: Data_1, size: 1}]", "persistentStorage[0].name", "lower case alphanumeric"},
		{"unknown security profile", "securityProfile: privileged", "securityProfile", `"baseline", "restricted"`},
		{"publicUri with a scheme", "publicUri: ['https://example.com']", "publicUri[0]", "host/path/prefix"},
		{"tls host not in publicUri", "publicUri: [app.example.com]\n      tls: [{hosts: [api.example.com], secretName: cert}]", "tls[0].hosts[0]", `supported values: "app.example.com"`},
		{"init container without a command", "initContainers: [{name: migrate}]", "initContainers[0].commands", "needs its own command"},
		{"startup probe with a relative path", "startupProbe: {path: started}", "startupProbe.path", "starting with '/'"},
		{"Pods metric without averageValue", "autoscalingMetrics: [{type: Pods, name: rps, value: '10'}]", "autoscalingMetrics[0].averageValue", "averageValue alone"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			project := "bad-input-" + strings.ReplaceAll(tc.name, " ", "-")
			s := newYAMLStack(t, project)
			s.program(project, `
resources:
  web:
    type: k8s-service:index:Service
    properties:
      image: nginx:1.27
      port: {http: 8080}
      `+tc.props+`
`)
			out, err := pulumi(s.dir, "preview")
			if err == nil {
				t.Fatalf("preview succeeded:\n%s", out)
			}
			if !strings.Contains(out, tc.field) || !strings.Contains(out, tc.allowed) {
				t.Errorf("want the message to name %s and say %q:\n%s", tc.field, tc.allowed, out)
			}
			if strings.Contains(out, "panic") || strings.Contains(out, "goroutine") {
				t.Errorf("a crash:\n%s", out)
			}
			if n := s.resourceCount(); n != 0 {
				t.Errorf("the failed preview left %d resources", n)
			}
		})
	}
}
