package tests

import (
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const (
	httpRouteType = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"
	grpcRouteType = "kubernetes:gateway.networking.k8s.io/v1:GRPCRoute"
)

// With gateway, each publicUri is an HTTPRoute attached to it, and no Ingress is made.
func TestGatewayRoutesReplaceIngresses(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"gateway":   map[string]any{"name": "public", "namespace": "infra", "sectionName": "https", "https": true},
		"publicUri": []any{"example.com/api", "*.example.com"},
	}))
	if n := len(c.All(ingressType)); n != 0 {
		t.Errorf("%d Ingresses made with a gateway", n)
	}
	api := c.Named(t, httpRouteType, "app-example.com-api")
	expect(t, "HTTPRoute", api, map[string]string{
		"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
		"spec.parentRefs[0].name": "public", "spec.parentRefs[0].namespace": "infra", "spec.parentRefs[0].sectionName": "https",
		"spec.parentRefs[0].kind": "Gateway", "spec.hostnames[0]": "example.com",
		"spec.rules[0].matches[0].path.type": "PathPrefix", "spec.rules[0].matches[0].path.value": "/api",
		"spec.rules[0].filters[0].type":                               "URLRewrite",
		"spec.rules[0].filters[0].urlRewrite.path.type":               "ReplacePrefixMatch",
		"spec.rules[0].filters[0].urlRewrite.path.replacePrefixMatch": "/",
		"spec.rules[0].backendRefs[0].name":                           "app-stable", "spec.rules[0].backendRefs[0].port": "80",
	})
	expectAnnotations(t, api, map[string]string{"pulumi.com/timeoutSeconds": "300"})
	if annotations, _ := api.Get("metadata.annotations").(map[string]any); annotations["pulumi.com/waitFor"] == nil {
		t.Errorf("up would not wait for the Gateway to accept the route: %v", annotations)
	}
	wildcard := c.Named(t, httpRouteType, "app-wildcard.example.com")
	expect(t, "HTTPRoute", wildcard, map[string]string{"spec.hostnames[0]": "*.example.com", "spec.rules[0].filters": ""})
	urls, _ := c.Output(t, "publicUrls").([]any)
	if len(urls) != 2 || urls[0] != "https://example.com/api" || urls[1] != "https://*.example.com" {
		t.Errorf("publicUrls %v", urls)
	}
}

// keepPathPrefix leaves the path alone; a grpc port gets a GRPCRoute by host.
func TestGatewayKeepsPrefixAndRoutesGRPC(t *testing.T) {
	kept := harness.MustConstruct(t, base(map[string]any{
		"gateway": map[string]any{"name": "public"}, "publicUri": []any{"example.com/api"}, "keepPathPrefix": true,
	})).Only(t, httpRouteType)
	expect(t, "HTTPRoute", kept, map[string]string{"spec.rules[0].filters": "", "spec.parentRefs[0].namespace": ""})
	grpc := harness.MustConstruct(t, map[string]any{"image": "x", "port": map[string]any{"grpc": 9000},
		"gateway": map[string]any{"name": "public"}, "publicUri": []any{"rpc.example.com"}}).Only(t, grpcRouteType)
	expect(t, "GRPCRoute", grpc, map[string]string{"spec.hostnames[0]": "rpc.example.com",
		"spec.rules[0].matches": "", "spec.rules[0].backendRefs[0].port": "9000"})
}
