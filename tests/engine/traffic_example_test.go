//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
)

// The traffic example (examples/yaml-traffic) through the real engine, against a Gateway
// in another namespace: its routes accepted, the API's load balancer address reported, its
// network policy admitting the front end and the Gateway's namespace; no second preview
// plans a change.
func TestTrafficExample(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "traffic")
	infra := namespace(t, "traffic-infra")
	createGateway(t, infra, "public")
	s := newYAMLStack(t, "k8s-service-yaml-traffic")
	example, err := os.ReadFile(filepath.Join(root, "examples/yaml-traffic/Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	program := strings.ReplaceAll(string(example), "      image: nginxinc/nginx-unprivileged\n",
		"      image: nginxinc/nginx-unprivileged\n      namespace: "+ns+"\n")
	if err := os.WriteFile(filepath.Join(s.dir, "Pulumi.yaml"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := s.pulumi("config", "set", "gatewayNamespace", infra); err != nil {
		t.Fatalf("config set: %v\n%s", err, out)
	}
	s.mustUp(false)
	output := func(name string, into any) {
		t.Helper()
		out, err := s.pulumi("stack", "output", name, "--json")
		if err != nil || json.Unmarshal([]byte(out), into) != nil {
			t.Fatalf("stack output %s: %v\n%s", name, err, out)
		}
	}
	var urls []string
	output("urls", &urls)
	if !slices.Equal(urls, []string{"https://shop.example.com", "https://shop.example.com/api"}) {
		t.Errorf("urls %v", urls)
	}
	var address string
	output("apiAddress", &address)
	if address != cluster.LoadBalancerIP {
		t.Errorf("apiAddress %q, want %s", address, cluster.LoadBalancerIP)
	}
	if got := routeNames(t, httpRoutes, ns); !slices.Equal(got, []string{"web-shop.example.com", "web-shop.example.com-api"}) {
		t.Errorf("routes %v", got)
	}
	policy, err := kube.Client.NetworkingV1().NetworkPolicies(ns).Get(context.Background(), "api", metav1.GetOptions{})
	if err != nil || len(policy.Spec.Ingress[0].From) != 2 ||
		policy.Spec.Ingress[0].From[1].NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"] != infra {
		t.Errorf("policy (%v): %+v", err, policy.Spec)
	}
	s.expectNoChanges()
	s.refreshChangesNothing()
}
