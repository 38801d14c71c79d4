//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
)

func exposedProgram(ns, exposure string) string {
	return "resources:" + service("web", "nginx:1.27", ns, `      port: {http: 80}
      initialReadinessDelay: 0
`+exposure) + `
outputs:
  address: ${web.loadBalancerAddress}
`
}

// A Service exposed through a load balancer (its source ranges and annotations then
// removed), then a node port, then inside the cluster only: `up` waits for the load
// balancer's address and reports it, each change is made in place (the Service keeps its
// UID and cluster IP), and no second preview plans a change.
func TestServiceExposureChangesInPlace(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "exposure")
	s := newYAMLStack(t, ns)
	ctx := context.Background()
	get := func() *corev1.Service {
		t.Helper()
		svc, err := kube.Client.CoreV1().Services(ns).Get(ctx, "web", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return svc
	}
	address := func() string {
		t.Helper()
		out, err := s.pulumi("stack", "output", "address", "--json")
		var got string
		if err != nil || json.Unmarshal([]byte(out), &got) != nil {
			t.Fatalf("stack output: %v\n%s", err, out)
		}
		return got
	}

	s.program(ns, exposedProgram(ns, `      serviceType: LoadBalancer
      loadBalancerSourceRanges: [10.0.0.0/8]
      externalTrafficPolicy: Local
      serviceAnnotations: {example.com/owner: shop}
`))
	s.mustUp(false)
	first := get()
	if first.Spec.Type != corev1.ServiceTypeLoadBalancer || first.Spec.ExternalTrafficPolicy != corev1.ServiceExternalTrafficPolicyLocal ||
		len(first.Spec.LoadBalancerSourceRanges) != 1 || first.Annotations["example.com/owner"] != "shop" {
		t.Errorf("Service %+v", first.Spec)
	}
	if got := address(); got != cluster.LoadBalancerIP {
		t.Errorf("loadBalancerAddress %q, want the stand-in's %s", got, cluster.LoadBalancerIP)
	}
	s.expectNoChanges()

	// The source ranges and the traffic policy go before the type changes: on
	// pulumi-kubernetes 4.30.0 the first preview after a create keeps the fields the
	// create set, and Kubernetes refuses them beside a NodePort (docs/traffic.md).
	s.program(ns, exposedProgram(ns, "      serviceType: LoadBalancer\n"))
	s.expectNoCreateOfExisting("the source ranges removed")
	s.mustUp(false)
	if lb := get(); len(lb.Spec.LoadBalancerSourceRanges) != 0 || lb.Annotations["example.com/owner"] != "" || lb.UID != first.UID {
		t.Errorf("after the ranges and annotations were removed: %+v, annotations %v", lb.Spec, lb.Annotations)
	}
	s.expectNoChanges()

	s.program(ns, exposedProgram(ns, "      serviceType: NodePort\n"))
	s.expectNoCreateOfExisting("to NodePort")
	s.mustUp(false)
	nodePort := get()
	if nodePort.Spec.Type != corev1.ServiceTypeNodePort || nodePort.Spec.Ports[0].NodePort == 0 ||
		len(nodePort.Spec.LoadBalancerSourceRanges) != 0 || nodePort.Annotations["example.com/owner"] != "" {
		t.Errorf("after the change to NodePort: %+v, annotations %v", nodePort.Spec, nodePort.Annotations)
	}
	if got := address(); got != "" {
		t.Errorf("loadBalancerAddress %q without a load balancer, want empty", got)
	}
	s.expectNoChanges()

	s.program(ns, exposedProgram(ns, ""))
	s.expectNoCreateOfExisting("to ClusterIP")
	s.mustUp(false)
	clusterIP := get()
	if clusterIP.Spec.Type != corev1.ServiceTypeClusterIP || clusterIP.Spec.Ports[0].NodePort != 0 {
		t.Errorf("after the change to ClusterIP: %+v", clusterIP.Spec)
	}
	if clusterIP.UID != first.UID || clusterIP.Spec.ClusterIP != first.Spec.ClusterIP {
		t.Errorf("the Service was replaced (UID %s → %s, cluster IP %s → %s)", first.UID, clusterIP.UID, first.Spec.ClusterIP, clusterIP.Spec.ClusterIP)
	}
	s.expectNoChanges()
}
