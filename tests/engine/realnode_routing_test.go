//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/node"
)

// viaTraefik sends one GET for host and path through Traefik, on a client of its own (with
// a cookie jar, for sticky sessions), and returns the application's answer.
func viaTraefik(client *http.Client, host, path string) (appPath, version, pod string, err error) {
	req, err := http.NewRequest(http.MethodGet, "http://"+realNode.target.Traefik+path, nil)
	if err != nil {
		return "", "", "", err
	}
	req.Host = host
	resp, err := client.Do(req)
	if err != nil {
		return "", "", "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", "", "", fmt.Errorf("GET %s%s through Traefik: %s", host, path, resp.Status)
	}
	var answer struct{ Host, Version, Path string }
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return "", "", "", fmt.Errorf("GET %s%s through Traefik: not the application's answer: %v", host, path, err)
	}
	return answer.Path, answer.Version, answer.Host, nil
}

// getVia is get through Traefik, for host and path: the application's answer, or an error.
func getVia(host, path string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, "http://"+realNode.target.Traefik+path, nil)
	if err != nil {
		return "", err
	}
	req.Host = host
	resp, err := request.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s%s through Traefik: %s", host, path, resp.Status)
	}
	return string(body), err
}

// createTraefikGateway creates a Gateway of Traefik's class with one HTTP listener.
func createTraefikGateway(t *testing.T, ns, name string) {
	t.Helper()
	gw := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
		"metadata": map[string]any{"name": name, "namespace": ns},
		"spec": map[string]any{"gatewayClassName": node.TraefikClass, "listeners": []any{
			map[string]any{"name": "web", "port": int64(node.TraefikPort), "protocol": "HTTP"},
		}},
	}}
	if _, err := resourceOf(t, gateways, ns).Create(context.Background(), gw, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

func newClient(jar bool) *http.Client {
	c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	if jar {
		c.Jar, _ = cookiejar.New(nil)
	}
	return c
}

// An Ingress of the traefik class is served by Traefik on the real node: `up` returns once
// Traefik has published its address, a request for the publicUri's host and path reaches
// the application with its path as sent (keepPathPrefix), another path is not routed, and
// with stickySession a client that keeps its cookie stays on one pod.
func TestRealNodeIngressThroughTraefik(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-ingress")
	s := newRealStack(t, ns)
	s.program(ns, realWebProgram(ns, "v1", `      publicUri: [ingress.real.test/api]
      keepPathPrefix: true
      ingressClassName: traefik
      stickySession: true
`))
	s.mustUp(false)
	ing, err := kube.Client.NetworkingV1().Ingresses(ns).List(context.Background(), metav1.ListOptions{})
	if err != nil || len(ing.Items) != 1 || len(ing.Items[0].Status.LoadBalancer.Ingress) == 0 {
		t.Fatalf("up returned before Traefik published the Ingress's address: %+v %v", ing, err)
	}
	awaitServedBy(t, serviceURL(t, ns, "web")+"/", servingPods(t, ns, "web")...)

	var path, version string
	ok := eventually(20*time.Second, func() bool {
		path, version, _, err = viaTraefik(newClient(false), "ingress.real.test", "/api/hello")
		return err == nil
	})
	if !ok || path != "/api/hello" || version != "v1" {
		t.Fatalf("ingress.real.test/api/hello through Traefik reached path %q of version %q (%v); want /api/hello of v1", path, version, err)
	}
	if _, _, _, err := viaTraefik(newClient(false), "ingress.real.test", "/elsewhere"); err == nil {
		t.Errorf("a path outside publicUri was routed")
	}

	// Clients without the cookie are spread over both pods (once Traefik has both: it
	// applies an endpoint change a moment after it); one that keeps the cookie is not.
	spread := eventually(30*time.Second, func() bool {
		fresh := map[string]int{}
		for i := 0; i < 20; i++ {
			if _, _, pod, err := viaTraefik(newClient(false), "ingress.real.test", "/api/spread"); err == nil {
				fresh[pod]++
			}
		}
		return len(fresh) == 2
	})
	if !spread {
		t.Fatalf("clients without a cookie never reached both pods: stickiness would prove nothing")
	}
	sticky := newClient(true)
	pods := map[string]int{}
	for i := 0; i < 20; i++ {
		_, _, pod, err := viaTraefik(sticky, "ingress.real.test", "/api/sticky")
		if err != nil {
			t.Fatal(err)
		}
		pods[pod]++
	}
	if len(pods) != 1 {
		t.Errorf("a client with the sticky cookie was sent to %d pods: %v", len(pods), pods)
	}
}

// A Gateway of the traefik class serves the component's HTTPRoute and GRPCRoute: before
// `up` the host is not routed; after it (which waits for the Gateway to accept the route) a
// request reaches the application with the prefix stripped (keepPathPrefix false, the
// route's URLRewrite), and gRPC health answers through the GRPCRoute.
func TestRealNodeGatewayThroughTraefik(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-gateway")
	createTraefikGateway(t, ns, "edge")
	if _, _, _, err := viaTraefik(newClient(false), "gateway.real.test", "/api/hello"); err == nil {
		t.Fatal("the host is routed before any route exists")
	}
	s := newRealStack(t, ns)
	s.program(ns, realWebProgram(ns, "v1", `      publicUri: [gateway.real.test/api]
      gateway: {name: edge}
`)+service("rpc", realNode.app["v1"], ns, `      port: {grpc: 9090}
      publicUri: [rpc.real.test]
      gateway: {name: edge}
`))
	s.mustUp(false)

	var path, version string
	var err error
	ok := eventually(20*time.Second, func() bool {
		path, version, _, err = viaTraefik(newClient(false), "gateway.real.test", "/api/hello")
		return err == nil
	})
	if !ok || path != "/hello" || version != "v1" {
		t.Fatalf("gateway.real.test/api/hello through Traefik reached path %q of version %q (%v); want /hello (prefix stripped) of v1", path, version, err)
	}

	conn, err := grpc.NewClient(realNode.target.Traefik,
		grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithAuthority("rpc.real.test"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var health *healthpb.HealthCheckResponse
	ok = eventually(20*time.Second, func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		health, err = healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
		return err == nil && health.Status == healthpb.HealthCheckResponse_SERVING
	})
	if !ok {
		t.Errorf("gRPC health through the GRPCRoute: %v %v", health, err)
	}
}
