package tests

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const (
	deploymentType = "kubernetes:apps/v1:Deployment"
	serviceType    = "kubernetes:core/v1:Service"
)

// canaryOf is a 20 % canary of tag v2 with extra's keys set.
func canaryOf(extra map[string]any) map[string]any {
	return harness.With(map[string]any{"tag": "v2", "weight": 20}, extra)
}

// A canary is the service's own pod template with its image: a second Deployment whose
// selector includes the track, beside the service's, whose selector stays as it was.
func TestCanaryRunsTheNewImageBesideTheService(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"image": "ghcr.io/acme/shop", "tag": "v1", "minContainers": 2, "maxContainers": 4,
		"envVars": map[string]any{"MODE": "live"}, "canary": canaryOf(map[string]any{"replicas": 2}),
	}))
	stable := c.Named(t, deploymentType, "app")
	expect(t, "stable Deployment", stable, map[string]string{container + "image": "ghcr.io/acme/shop:v1"})
	expectJSON(t, "stable Deployment", stable, map[string]string{
		"spec.selector.matchLabels":     `{"app.kubernetes.io/name":"app"}`,
		"spec.template.metadata.labels": `{"app.kubernetes.io/managed-by":"k8s-service","app.kubernetes.io/name":"app","k8s-service.io/track":"stable"}`,
	})
	canary := c.Named(t, deploymentType, "app-canary")
	expectJSON(t, "canary Deployment", canary, map[string]string{
		"spec.selector.matchLabels":     `{"app.kubernetes.io/name":"app","k8s-service.io/track":"canary"}`,
		"spec.template.metadata.labels": `{"app.kubernetes.io/managed-by":"k8s-service","app.kubernetes.io/name":"app","k8s-service.io/track":"canary"}`,
	})
	expect(t, "canary Deployment", canary, map[string]string{
		container + "image":                          "ghcr.io/acme/shop:v2",
		container + "env[0].name":                    "MODE",
		container + "env[0].value":                   "live",
		"spec.replicas":                              "2",
		"spec.strategy.rollingUpdate.maxUnavailable": "0",
	})
	if got := c.Output(t, "canaryImage"); got != "ghcr.io/acme/shop:v2" {
		t.Errorf("canaryImage = %v", got)
	}
	for track, selector := range map[string]string{
		"stable": `{"app.kubernetes.io/name":"app","k8s-service.io/track":"stable"}`,
		"canary": `{"app.kubernetes.io/name":"app","k8s-service.io/track":"canary"}`,
	} {
		svc := c.Named(t, serviceType, "app-"+track)
		expectJSON(t, track+" Service", svc, map[string]string{"spec.selector": selector})
		expect(t, track+" Service", svc, map[string]string{"spec.type": "ClusterIP"})
	}
	// The service's own Service selects both versions' pods: in-cluster callers reach the
	// canary by its share of the pods; the PDB covers both.
	expectJSON(t, "Service", c.Named(t, serviceType, "app"), map[string]string{"spec.selector": `{"app.kubernetes.io/name":"app"}`})
	if n := len(c.All("kubernetes:autoscaling/v2:HorizontalPodAutoscaler")); n != 1 {
		t.Errorf("%d autoscalers: the canary's replicas are the program's", n)
	}
}

// Without a canary, the routes of a Gateway or a controller that weighs traffic go to the
// stable Service (so that adding and removing one only changes weights), whose pods are
// the service's own; other controllers' Ingresses go to the service's Service as before.
func TestRoutesGoToTheStableService(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"gateway": map[string]any{"name": "public"}, "publicUri": []any{"example.com"}}))
	expectJSON(t, "HTTPRoute", c.Only(t, httpRouteType), map[string]string{
		"spec.rules[0].backendRefs": `[{"name":"app-stable","port":80}]`,
	})
	expectJSON(t, "stable Service", c.Named(t, serviceType, "app-stable"), map[string]string{
		"spec.selector": `{"app.kubernetes.io/name":"app","k8s-service.io/track":"stable"}`,
	})
	if n := len(c.All(serviceType)); n != 2 {
		t.Errorf("%d Services without a canary, want the service's and the stable one", n)
	}
	if got := c.Output(t, "canaryImage"); got != "" {
		t.Errorf("canaryImage = %v without a canary", got)
	}
	traefik := harness.MustConstruct(t, base(map[string]any{"publicUri": []any{"example.com"}, "ingressClassName": "traefik"}))
	expect(t, "traefik Ingress", traefik.Only(t, ingressType), map[string]string{"spec.rules[0].http.paths[0].backend.service.name": "app"})
	traefik.Only(t, serviceType)
	// A StatefulSet's pods carry no track: its routes go to its own Service.
	stateful := harness.MustConstruct(t, base(map[string]any{"publicUri": []any{"example.com"},
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 1}}}))
	expect(t, "stateful Ingress", stateful.Only(t, ingressType), map[string]string{"spec.rules[0].http.paths[0].backend.service.name": "app"})
}

// Through a Gateway the route weighs each version's Service.
func TestCanaryWeighsGatewayRoutes(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"gateway": map[string]any{"name": "public"}, "publicUri": []any{"example.com"}, "canary": canaryOf(nil),
	}))
	expectJSON(t, "HTTPRoute", c.Only(t, httpRouteType), map[string]string{
		"spec.rules[0].backendRefs": `[{"name":"app-stable","port":80,"weight":80},{"name":"app-canary","port":80,"weight":20}]`,
	})
	full := harness.MustConstruct(t, base(map[string]any{
		"gateway": map[string]any{"name": "public"}, "publicUri": []any{"example.com"}, "canary": canaryOf(map[string]any{"weight": 100}),
	}))
	expect(t, "HTTPRoute", full.Only(t, httpRouteType), map[string]string{
		"spec.rules[0].backendRefs[0].weight": "0", "spec.rules[0].backendRefs[1].weight": "100",
	})
}

// The routes change only once what they route to is Ready: they depend on the service's
// Deployment, the canary's and both Services, so that a canary that never becomes Ready
// fails `up` before any route moves traffic to it.
func TestRoutesWaitForTheCanary(t *testing.T) {
	for name, in := range map[string]map[string]any{
		"gateway": {"gateway": map[string]any{"name": "public"}},
		"nginx":   {},
	} {
		c := harness.MustConstruct(t, base(harness.With(in, map[string]any{"publicUri": []any{"example.com"}, "canary": canaryOf(nil)})))
		routes := append(c.All(httpRouteType), c.All(ingressType)...)
		if len(routes) == 0 {
			t.Fatalf("%s: no routes", name)
		}
		for _, route := range routes {
			deps := route.Request.GetDependencies()
			for _, want := range []string{"Deployment::app", "Deployment::app-canary", "Service::app-stable", "Service::app-canary"} {
				if !slices.ContainsFunc(deps, func(urn string) bool { return strings.HasSuffix(urn, want) }) {
					t.Errorf("%s: %s does not wait for %s: dependencies %v", name, route.Str("metadata.name"), want, deps)
				}
			}
		}
	}
}

// Through ingress-nginx (or a controller that reads its annotations) the main Ingress
// goes to the stable Service and a canary Ingress of the same route to the canary's.
func TestCanaryWeighsNginxIngresses(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"publicUri": []any{"example.com/api"}, "canary": canaryOf(nil),
		"tls": []any{map[string]any{"clusterIssuer": "letsencrypt"}},
	}))
	main := c.Named(t, ingressType, "app-example.com-api")
	expect(t, "main Ingress", main, map[string]string{
		"spec.rules[0].http.paths[0].backend.service.name": "app-stable",
		"spec.tls[0].hosts[0]":                             "example.com",
	})
	canary := c.Named(t, ingressType, "app-example.com-api-canary")
	expect(t, "canary Ingress", canary, map[string]string{
		"spec.rules[0].host":                                    "example.com",
		"spec.rules[0].http.paths[0].path":                      main.Str("spec.rules[0].http.paths[0].path"),
		"spec.rules[0].http.paths[0].backend.service.name":      "app-canary",
		"spec.rules[0].http.paths[0].backend.service.port.name": "http",
		"spec.tls": "",
	})
	expectAnnotations(t, canary, map[string]string{
		"nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "20",
		"nginx.ingress.kubernetes.io/rewrite-target": "/$2",
	})
	if annotations, _ := canary.Get("metadata.annotations").(map[string]any); annotations["cert-manager.io/cluster-issuer"] != nil {
		t.Errorf("the canary Ingress asks cert-manager for a second certificate: %v", annotations)
	}
}

// Through the AWS Load Balancer Controller the Ingress forwards to both Services' target
// groups by weight.
func TestCanaryWeighsALBTargetGroups(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"publicUri": []any{"example.com"}, "ingressClassName": "alb", "keepPathPrefix": true, "canary": canaryOf(map[string]any{"weight": 35}),
	}))
	ing := c.Only(t, ingressType)
	expect(t, "Ingress", ing, map[string]string{
		"spec.rules[0].http.paths[0].backend.service.name":      "app-weighted",
		"spec.rules[0].http.paths[0].backend.service.port.name": "use-annotation",
	})
	annotations, _ := ing.Get("metadata.annotations").(map[string]any)
	raw, _ := annotations["alb.ingress.kubernetes.io/actions.app-weighted"].(string)
	var action struct {
		Type          string
		ForwardConfig struct {
			TargetGroups []struct {
				ServiceName, ServicePort string
				Weight                   int
			}
		}
	}
	if err := json.Unmarshal([]byte(raw), &action); err != nil {
		t.Fatalf("actions annotation %q: %v", raw, err)
	}
	groups := action.ForwardConfig.TargetGroups
	if action.Type != "forward" || len(groups) != 2 || groups[0].ServiceName != "app-stable" || groups[0].Weight != 65 ||
		groups[1].ServiceName != "app-canary" || groups[1].Weight != 35 || groups[1].ServicePort != "80" {
		t.Errorf("forward action %s", raw)
	}
}

// The canary of an AUTO registry runs its tag from that registry.
func TestCanaryOfAnAutoRegistry(t *testing.T) {
	aws := harness.Construct(t, catalogue.AWSToken, "app", harness.Props(awsInputs(map[string]any{"canary": canaryOf(nil)})), false)
	if aws.Err != nil {
		t.Fatal(aws.Err)
	}
	canary := aws.Named(t, deploymentType, "app-canary")
	stable := aws.Named(t, deploymentType, "app")
	want := stable.Str(container + "image")[:len(stable.Str(container+"image"))-len("v1.2.3")] + "v2"
	if got := canary.Str(container + "image"); got != want {
		t.Errorf("canary image %q, want %q (stable %q)", got, want, stable.Str(container+"image"))
	}
}

// expectJSON compares values at paths with their JSON.
func expectJSON(t *testing.T, what string, o harness.Object, want map[string]string) {
	t.Helper()
	for path, w := range want {
		if got, _ := json.Marshal(o.Get(path)); string(got) != w {
			t.Errorf("%s %s = %s, want %s", what, path, got, w)
		}
	}
}
