//go:build engine

package engine

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
)

// An explicit kubernetes provider with its own namespace is the one every child uses,
// and a namespace that is an output of another resource (unknown at the first preview)
// deploys.
func TestExplicitProviderAndUnknownNamespace(t *testing.T) {
	t.Parallel()
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
	if out, err := s.pulumi("preview"); err != nil {
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
	if url := s.output("url"); !strings.Contains(url, "web.team-ns.svc.cluster.local") {
		t.Errorf("internalUrl = %q, want the provider's namespace in it", url)
	}
	s.expectNoChanges()
}

// A tag that is an output of another resource, unknown at the first preview (here the
// UID of a ConfigMap created in the same update, a valid tag), deploys: the preview plans
// the service, `up` runs the pods on the resolved image, and a second preview is clean.
func TestTagFromAnotherResource(t *testing.T) {
	t.Parallel()
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
  tag: ${web.currentTag}
  digest: ${web.currentDigest}
`)
	if out, err := s.pulumi("preview"); err != nil {
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
	for output, want := range map[string]string{"tag": string(cm.UID), "digest": ""} {
		if out, err := s.pulumi("stack", "output", output); err != nil || strings.TrimSpace(out) != want {
			t.Errorf("output %s = %q (%v), want %q", output, out, err, want)
		}
	}
	if got := readyPods(t, ns, "web"); got < 1 {
		t.Errorf("%d ready pods", got)
	}
	s.expectNoChanges()
}

// Every catalogued bad input (tests/catalogue, docs/validation.md) fails `pulumi preview`
// of a Pulumi YAML program naming the field and saying what is allowed, with no crash (a
// preview writes no state, so there is no stack to check). Three stacks take the cases in turn, one preview at a time each.
// One program per case: the engine stops a preview at its first failed component.
func TestBadInputsFailPreview(t *testing.T) {
	t.Parallel()
	type stack struct {
		*yamlStack
		project string
	}
	stacks := make(chan stack, 3)
	for i := range cap(stacks) {
		project := fmt.Sprintf("bad-input-%d", i)
		stacks <- stack{newYAMLStack(t, project), project}
	}
	for _, tc := range catalogue.All() {
		t.Run(tc.Token+"/"+tc.Name, func(t *testing.T) {
			t.Parallel()
			s := <-stacks
			defer func() { stacks <- s }()
			properties, err := yaml.Marshal(tc.In)
			if err != nil {
				t.Fatal(err)
			}
			s.program(s.project, "resources:\n  app:\n    type: "+tc.Token+"\n    properties:\n"+indent(string(properties), "      "))
			out, err := s.pulumi("preview")
			if err == nil {
				t.Fatalf("preview succeeded:\n%s", out)
			}
			switch {
			case strings.Contains(out, "is not assignable from"):
				// Pulumi YAML checks the schema's types, enums and required properties
				// itself, before the component sees the inputs; its message names the
				// property and says what the schema allows.
				if name := lastSegment(tc.Field); !yamlSaysAllowed(out, name, tc.Allowed) {
					t.Errorf("Pulumi YAML's type check does not name %s and say what the catalogue allows (%s):\n%s", name, tc.Allowed, out)
				}
			case !strings.Contains(out, tc.Field+":") || !strings.Contains(out, tc.Allowed):
				t.Errorf("want the message to name %s and say %q:\n%s", tc.Field, tc.Allowed, out)
			}
			if strings.Contains(out, "panic") || strings.Contains(out, "goroutine") {
				t.Errorf("a crash:\n%s", out)
			}
		})
	}
}

// lastSegment is a field path's last name: `links[0].arn` → `arn`, `envVars.FLAG` → `FLAG`.
// yamlSaysAllowed tells whether Pulumi YAML's own type check says, of the property name,
// what the catalogue says is allowed: that it is required, each of the enum's values, or
// the type the schema wants (a string, a list, a number).
func yamlSaysAllowed(out, name, allowed string) bool {
	if strings.Contains(out, name+": Missing required property '"+name+"'") {
		return true
	}
	if values := regexp.MustCompile(`"[^"]*"`).FindAllString(allowed, -1); len(values) > 0 && strings.Contains(out, "Allowed values are") {
		for _, v := range values {
			if !strings.Contains(out, "("+v+")") {
				return false
			}
		}
		return strings.Contains(out, name+": Cannot assign")
	}
	for word, schemaType := range map[string]string{"a string": "to 'string'", "a list": "to type 'List<", "a number": "to type 'integer'"} {
		if strings.Contains(allowed, word) {
			return strings.Contains(out, name+": Cannot assign") && strings.Contains(out, schemaType)
		}
	}
	return false
}

func lastSegment(path string) string {
	name := path[strings.LastIndex(path, ".")+1:]
	if i := strings.Index(name, "["); i >= 0 {
		name = name[:i]
	}
	return name
}

func indent(text, prefix string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	return prefix + strings.Join(lines, "\n"+prefix) + "\n"
}
