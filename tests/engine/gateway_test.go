//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
)

// The Gateway API's kinds, as pulumi-kubernetes names them.
const (
	gateways   = "kubernetes:gateway.networking.k8s.io/v1:Gateway"
	httpRoutes = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"
	grpcRoutes = "kubernetes:gateway.networking.k8s.io/v1:GRPCRoute"
)

// createGateway creates a Gateway as a platform team would, outside the service's program.
func createGateway(t *testing.T, ns, name string) {
	t.Helper()
	gw := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
		"metadata": map[string]any{"name": name, "namespace": ns},
		"spec": map[string]any{"gatewayClassName": "stand-in", "listeners": []any{
			map[string]any{"name": "http", "port": int64(80), "protocol": "HTTP"},
		}},
	}}
	if _, err := resourceOf(t, gateways, ns).Create(context.Background(), gw, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

func routeNames(t *testing.T, kind, ns string) []string {
	t.Helper()
	list, err := resourceOf(t, kind, ns).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range list.Items {
		names = append(names, r.GetName())
	}
	slices.Sort(names)
	return names
}

func gatewayProgram(ns, properties string) string {
	return "resources:" + service("web", "nginx:1.27", ns, `      port: {http: 80}
      initialReadinessDelay: 0
`+properties) + `
outputs:
  urls: ${web.publicUrls}
`
}

// publicUri through a Gateway: an HTTPRoute per URI that `up` waits on until the Gateway
// has accepted it, the prefix stripped by a URLRewrite filter, changes in place, a URI
// removed with its route alone, and a switch back to Ingresses; a grpc port gets a
// GRPCRoute. No second preview plans a change.
func TestGatewayRoutes(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "gateway")
	createGateway(t, ns, "public")
	s := newYAMLStack(t, ns)
	ctx := context.Background()
	urls := func() []string {
		t.Helper()
		out, err := s.pulumi("stack", "output", "urls", "--json")
		var got []string
		if err != nil || json.Unmarshal([]byte(out), &got) != nil {
			t.Fatalf("stack output: %v\n%s", err, out)
		}
		return got
	}
	route := func(name string) *unstructured.Unstructured {
		t.Helper()
		r, err := resourceOf(t, httpRoutes, ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	s.program(ns, gatewayProgram(ns, "      gateway: {name: public}\n      publicUri: [example.com/api]\n"))
	s.mustUp(false)
	api := route("web-example.com-api")
	filters, _, _ := unstructured.NestedSlice(api.Object, "spec", "rules")
	if len(filters) != 1 || len(filters[0].(map[string]any)["filters"].([]any)) != 1 {
		t.Errorf("the route does not strip the prefix: %v", api.Object["spec"])
	}
	parents, _, _ := unstructured.NestedSlice(api.Object, "status", "parents")
	if len(parents) != 1 || parents[0].(map[string]any)["controllerName"] != cluster.GatewayController {
		t.Errorf("up returned before the Gateway accepted the route: status %v", api.Object["status"])
	}
	if got := urls(); !slices.Equal(got, []string{"http://example.com/api"}) {
		t.Errorf("publicUrls %v", got)
	}
	s.expectNoChanges()

	s.program(ns, gatewayProgram(ns, `      gateway: {name: public, sectionName: http, https: true}
      publicUri: [example.com/api, api.example.com]
      keepPathPrefix: true
`))
	s.expectNoCreateOfExisting("a second URI, https and keepPathPrefix")
	s.mustUp(false)
	if got := routeNames(t, httpRoutes, ns); !slices.Equal(got, []string{"web-api.example.com", "web-example.com-api"}) {
		t.Errorf("routes %v", got)
	}
	if after := route("web-example.com-api"); after.GetUID() != api.GetUID() {
		t.Errorf("the route was replaced rather than updated")
	} else if rules, _, _ := unstructured.NestedSlice(after.Object, "spec", "rules"); rules[0].(map[string]any)["filters"] != nil {
		t.Errorf("keepPathPrefix: the route still rewrites: %v", rules)
	}
	if got := urls(); !slices.Equal(got, []string{"https://example.com/api", "https://api.example.com"}) {
		t.Errorf("publicUrls %v, want https://", got)
	}
	s.expectNoChanges()

	s.program(ns, gatewayProgram(ns, "      gateway: {name: public}\n      publicUri: [api.example.com]\n"))
	s.expectNoCreateOfExisting("a URI removed")
	s.mustUp(false)
	if got := routeNames(t, httpRoutes, ns); !slices.Equal(got, []string{"web-api.example.com"}) {
		t.Errorf("routes %v after a URI was removed", got)
	}
	s.expectNoChanges()

	s.program(ns, gatewayProgram(ns, "      publicUri: [api.example.com]\n"))
	s.expectNoCreateOfExisting("the switch to Ingress")
	s.mustUp(false)
	if got := routeNames(t, httpRoutes, ns); len(got) != 0 {
		t.Errorf("routes %v left after the switch to Ingress", got)
	}
	if _, err := kube.Client.NetworkingV1().Ingresses(ns).Get(ctx, "web-api.example.com", metav1.GetOptions{}); err != nil {
		t.Errorf("no Ingress after the switch: %v", err)
	}
	s.expectNoChanges()

	grpc := newYAMLStack(t, ns+"-grpc")
	grpc.program(ns+"-grpc", "resources:"+service("rpc", "nginx:1.27", ns, `      port: {grpc: 9000}
      initialReadinessDelay: 0
      gateway: {name: public}
      publicUri: [rpc.example.com]
`))
	grpc.mustUp(false)
	if got := routeNames(t, grpcRoutes, ns); !slices.Equal(got, []string{"rpc-rpc.example.com"}) {
		t.Errorf("grpc routes %v", got)
	}
	grpc.expectNoChanges()
}

// `up` waits until the Gateway has accepted the route, an HTTPRoute or a GRPCRoute (a grpc
// port): started before the Gateway exists, it returns only after a platform team creates
// it, and then successfully.
func TestRouteUpWaitsForTheGateway(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, kind, route, program string }{
		{"http", httpRoutes, "web-late.example.com", "resources:" + service("web", "nginx:1.27", "%s", `      port: {http: 8080}
      gateway: {name: late}
      publicUri: [late.example.com]
`)},
		{"grpc", grpcRoutes, "rpc-late.example.com", "resources:" + service("rpc", "nginx:1.27", "%s", `      port: {grpc: 9000}
      gateway: {name: late}
      publicUri: [late.example.com]
`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ns := namespace(t, "gateway-wait-"+tc.name)
			s := newYAMLStack(t, ns)
			s.program(ns, fmt.Sprintf(tc.program, ns))
			done := make(chan error, 1)
			go func() {
				out, err := s.up(true)
				if err != nil {
					err = fmt.Errorf("%w\n%s", err, out)
				}
				done <- err
			}()
			if !eventually(2*time.Minute, func() bool { return objectExists(t, tc.kind, ns, tc.route) }) {
				t.Fatal("the route was never created")
			}
			select {
			case err := <-done:
				t.Fatalf("up returned before any Gateway accepted the route: %v", err)
			case <-time.After(10 * time.Second):
			}
			createGateway(t, ns, "late")
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("up failed after the Gateway accepted the route: %v", err)
				}
			case <-time.After(2 * time.Minute):
				t.Fatal("up did not return after the Gateway accepted the route")
			}
			s.expectNoChanges()
		})
	}
}
