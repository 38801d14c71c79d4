package tests

import (
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const ingressType = "kubernetes:networking.k8s.io/v1:Ingress"

// Each known controller is asked for a kept prefix, sticky sessions and gRPC its own way,
// and none of them gets ingress-nginx's annotations.
func TestIngressControllersGetTheirOwnAnnotations(t *testing.T) {
	grpc := map[string]any{"grpc": 9000}
	cases := []struct {
		name              string
		in                map[string]any
		ingress, service  map[string]string
		noNginxAnnotation bool
	}{
		{"traefik: sticky cookie on the Service", base(map[string]any{"ingressClassName": "traefik",
			"publicUri": []any{"example.com/api"}, "keepPathPrefix": true, "stickySession": true, "stickySessionMaxAge": 600}),
			nil, map[string]string{
				"traefik.ingress.kubernetes.io/service.sticky.cookie":        "true",
				"traefik.ingress.kubernetes.io/service.sticky.cookie.maxage": "600",
			}, true},
		{"traefik: gRPC as h2c", base(map[string]any{"ingressClassName": "traefik", "port": grpc, "publicUri": []any{"grpc.example.com"}}),
			nil, map[string]string{"traefik.ingress.kubernetes.io/service.serversscheme": "h2c"}, true},
		{"alb: pod IPs, sticky target groups", base(map[string]any{"ingressClassName": "alb",
			"publicUri": []any{"example.com"}, "stickySession": true}),
			map[string]string{
				"alb.ingress.kubernetes.io/target-type":             "ip",
				"alb.ingress.kubernetes.io/target-group-attributes": "stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=86400",
			}, nil, true},
		{"alb: gRPC", base(map[string]any{"ingressClassName": "alb", "port": grpc, "publicUri": []any{"grpc.example.com"}}),
			map[string]string{"alb.ingress.kubernetes.io/backend-protocol-version": "GRPC"}, nil, true},
		{"gce-internal: network endpoint groups", base(map[string]any{"ingressClassName": "gce-internal",
			"publicUri": []any{"example.com/api"}, "keepPathPrefix": true}),
			nil, map[string]string{"cloud.google.com/neg": `{"ingress": true}`}, true},
		{"an nginx-compatible class by another name", base(map[string]any{"ingressClassName": "public",
			"ingressController": "nginx", "publicUri": []any{"example.com"}, "stickySession": true}),
			map[string]string{"nginx.ingress.kubernetes.io/affinity": "cookie"}, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := harness.MustConstruct(t, tc.in)
			ing := c.Only(t, ingressType)
			expectAnnotations(t, ing, tc.ingress)
			expectAnnotations(t, c.Named(t, kubeService, "app"), tc.service)
			// The Service the routes go to, when it is not the service's own, reads the same.
			for _, svc := range c.All(kubeService) {
				expectAnnotations(t, svc, tc.service)
			}
			annotations, _ := ing.Get("metadata.annotations").(map[string]any)
			for k := range annotations {
				if tc.noNginxAnnotation && strings.HasPrefix(k, "nginx.ingress.kubernetes.io/") {
					t.Errorf("the Ingress carries ingress-nginx's %s", k)
				}
			}
			if got := ing.Str("spec.rules[0].http.paths[0].pathType"); got != "Prefix" {
				t.Errorf("pathType %s, want Prefix (every controller serves it)", got)
			}
		})
	}
}

// Without publicUri the controller adds nothing to the Service.
func TestNoIngressNoControllerAnnotations(t *testing.T) {
	svc := harness.MustConstruct(t, base(map[string]any{"ingressClassName": "gce"})).Only(t, kubeService)
	expectAnnotations(t, svc, map[string]string{"cloud.google.com/neg": ""})
}

// allowUnsafeIngressAnnotations lets a configuration snippet through, as the user asked.
func TestUnsafeIngressAnnotationsByOptIn(t *testing.T) {
	snippet := "nginx.ingress.kubernetes.io/configuration-snippet"
	ing := harness.MustConstruct(t, base(map[string]any{
		"publicUri": []any{"example.com"}, "allowUnsafeIngressAnnotations": true,
		"ingressExtraAnnotations": map[string]any{snippet: "more_set_headers \"X-Frame-Options: DENY\";\n"},
	})).Only(t, ingressType)
	expectAnnotations(t, ing, map[string]string{snippet: "more_set_headers \"X-Frame-Options: DENY\";\n"})
}
