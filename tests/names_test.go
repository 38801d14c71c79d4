package tests

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// The names of objects the service refers to may be unknown at preview (an object created
// beside it with a generated name): the preview succeeds, and each reference reaches the
// rendered objects as the unknown value, not as a default or an empty name.
func TestNamesMayBeUnknownAtPreview(t *testing.T) {
	unknown := harness.UnknownValue()
	in := harness.Props(base(map[string]any{
		"publicUri":         []any{"api.example.com"},
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 1}},
	})).
		Set("priorityClassName", unknown).
		Set("storageClassName", unknown).
		Set("imagePullSecrets", property.New([]property.Value{unknown})).
		Set("envFrom", property.New([]property.Value{property.New(map[string]property.Value{"configMap": unknown})})).
		Set("envVarsFrom", property.New(map[string]property.Value{"MODE": property.New(map[string]property.Value{
			"secret": unknown, "key": property.New("mode")})})).
		Set("tls", property.New([]property.Value{property.New(map[string]property.Value{"clusterIssuer": unknown})}))
	c := harness.Construct(t, "k8s-service:index:Service", "app", in, true)
	if c.Err != nil {
		t.Fatalf("preview with unknown names: %v", c.Err)
	}
	set := c.Only(t, "kubernetes:apps/v1:StatefulSet").Raw
	pod := set.Get("spec").AsMap().Get("template").AsMap().Get("spec").AsMap()
	container := pod.Get("containers").AsArray().Get(0).AsMap()
	for what, v := range map[string]property.Value{
		"priorityClassName":        pod.Get("priorityClassName"),
		"imagePullSecrets[0].name": pod.Get("imagePullSecrets").AsArray().Get(0).AsMap().Get("name"),
		"envFrom[0].configMapRef":  container.Get("envFrom").AsArray().Get(0).AsMap().Get("configMapRef").AsMap().Get("name"),
		"claim storageClassName":   set.Get("spec").AsMap().Get("volumeClaimTemplates").AsArray().Get(0).AsMap().Get("spec").AsMap().Get("storageClassName"),
		"ingress cluster-issuer": c.Only(t, "kubernetes:networking.k8s.io/v1:Ingress").Raw.Get("metadata").AsMap().
			Get("annotations").AsMap().Get("cert-manager.io/cluster-issuer"),
	} {
		if !v.IsComputed() {
			t.Errorf("%s = %v, want the unknown name", what, v)
		}
	}
}

// A publicUri entry may be another resource's output. One the preview does not know (a DNS
// record's generated name) is previewed as an Ingress named after its position, with its
// host, path and URL unknown and the hosts-less tls entry's certificate; the entries the
// preview knows are unchanged. `up` knows them all and names each after what it routes.
func TestPublicURIsMayBeUnknownAtPreview(t *testing.T) {
	in := harness.Props(base(map[string]any{
		"tls": []any{map[string]any{"clusterIssuer": "letsencrypt"}},
	})).Set("publicUri", property.New([]property.Value{property.New("api.example.com/v1"), harness.UnknownValue()}))
	c := harness.Construct(t, "k8s-service:index:Service", "app", in, true)
	if c.Err != nil {
		t.Fatalf("preview with an unknown publicUri entry: %v", c.Err)
	}
	known := c.Only(t, ingressType, "app-api.example.com-v1")
	expect(t, "known entry's Ingress", known, map[string]string{
		"spec.rules[0].host": "api.example.com", "spec.rules[0].http.paths[0].path": "/v1(/|$)(.*)",
		"spec.tls[0].hosts[0]": "api.example.com", "spec.tls[0].secretName": "app-api.example.com-v1-tls",
	})
	unknown := c.Only(t, ingressType, "app-uri-1")
	rule := unknown.Raw.Get("spec").AsMap().Get("rules").AsArray().Get(0).AsMap()
	path := rule.Get("http").AsMap().Get("paths").AsArray().Get(0).AsMap()
	tls := unknown.Raw.Get("spec").AsMap().Get("tls").AsArray().Get(0).AsMap()
	for what, v := range map[string]property.Value{
		"host": rule.Get("host"), "path": path.Get("path"), "pathType": path.Get("pathType"),
		"tls host": tls.Get("hosts").AsArray().Get(0),
	} {
		if !v.IsComputed() {
			t.Errorf("the unknown entry's Ingress %s = %v, want unknown", what, v)
		}
	}
	expect(t, "unknown entry's Ingress", unknown, map[string]string{"spec.tls[0].secretName": "app-uri-1-tls"})
	expectAnnotations(t, unknown, map[string]string{"cert-manager.io/cluster-issuer": "letsencrypt"})
	// An array with an unknown element reaches the engine unknown as a whole.
	if urls := c.State.Get("publicUrls"); !urls.IsComputed() {
		t.Errorf("publicUrls %v, want unknown until the entry is known", urls)
	}

	// Through a Gateway: the route's spec is unknown as a whole.
	gw := harness.Props(base(map[string]any{"gateway": map[string]any{"name": "public"}})).
		Set("publicUri", property.New([]property.Value{harness.UnknownValue()}))
	c = harness.Construct(t, "k8s-service:index:Service", "app", gw, true)
	if c.Err != nil {
		t.Fatalf("preview with an unknown publicUri entry and a gateway: %v", c.Err)
	}
	if spec := c.Only(t, httpRouteType, "app-uri-0").Raw.Get("spec"); !spec.IsComputed() {
		t.Errorf("the unknown entry's HTTPRoute spec = %v, want unknown", spec)
	}
}

// An entry that is known (a plain value, or an output the preview knows) is checked at
// preview as any other.
func TestPublicURIOutputsAreCheckedWhenKnown(t *testing.T) {
	in := harness.Props(base(nil)).Set("publicUri", property.New([]property.Value{property.New("https://api.example.com")}))
	c := harness.Construct(t, "k8s-service:index:Service", "app", in, true)
	if c.Err == nil || !strings.Contains(c.Err.Error(), "publicUri[0]") {
		t.Errorf("a bad entry passed the preview: %v", c.Err)
	}
	// A secret would name an Ingress and stand in publicUrls: refused, known or not.
	for _, secret := range []property.Value{property.New("api.example.com").WithSecret(true), harness.UnknownValue().WithSecret(true)} {
		in = harness.Props(base(nil)).Set("publicUri", property.New([]property.Value{secret}))
		c = harness.Construct(t, "k8s-service:index:Service", "app", in, true)
		if c.Err == nil || !strings.Contains(c.Err.Error(), "publicUri[0]") || !strings.Contains(c.Err.Error(), "must not be a secret") {
			t.Errorf("a secret publicUri entry (%v): %v, want it refused naming publicUri[0]", secret, c.Err)
		}
	}
}
