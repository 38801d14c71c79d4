//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A request to an address of the pod or the Service range that nothing holds fails here,
// at once, rather than leaving by the default route (where something answers HTTP 404).
func TestRealNodeKeepsUnassignedAddressesLocal(t *testing.T) {
	t.Parallel()
	onRealNode(t, "real-local-routes")
	for _, addr := range []string{
		"10.244.200.9",  // the pod range, beyond this node's pods
		"10.96.255.254", // the Service range, no Service there
	} {
		t.Run(addr, func(t *testing.T) {
			route, err := exec.Command("ip", "route", "get", addr).CombinedOutput()
			if err != nil && !strings.Contains(string(route), "No route to host") {
				t.Fatalf("ip route get %s: %v: %s", addr, err, route)
			}
			if strings.Contains(string(route), " via ") {
				t.Errorf("%s routes off the machine: %s", addr, route)
			}
			start := time.Now()
			conn, err := net.DialTimeout("tcp", net.JoinHostPort(addr, "80"), 10*time.Second)
			if err == nil {
				conn.Close()
				t.Fatalf("a connection to %s was accepted", addr)
			}
			if !errors.Is(err, syscall.EHOSTUNREACH) && !errors.Is(err, syscall.ENETUNREACH) {
				t.Errorf("connecting to %s failed with %v after %s; want host or network unreachable, refused on this machine", addr, err, time.Since(start).Round(time.Millisecond))
			}
		})
	}
}

// The component's Service, deployed by `pulumi up` onto the real node, is served by
// containers that run the image: the answer through its ClusterIP is the application's own
// (its version, from a pod the Deployment made).
func TestRealNodeServesThroughTheService(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-serve")
	s := newRealStack(t, ns)
	s.program(ns, "resources:"+service("web", realNode.app["v1"], ns, `      port: {http: 8080}
      healthcheckPath: /healthz
      readinessProbePath: /ready
      minContainers: 2
      maxContainers: 2
`))
	s.mustUp(false)
	pods := pods(t, ns, "web")
	names := map[string]bool{}
	for _, p := range pods {
		names[p.Name] = true
		if want := realNode.target.Node; want != "" && p.Spec.NodeName != want {
			t.Errorf("pod %s runs on %q, want the real node %s", p.Name, p.Spec.NodeName, want)
		}
		if len(p.Status.ContainerStatuses) == 0 || !strings.HasPrefix(p.Status.ContainerStatuses[0].ContainerID, "containerd://") {
			t.Errorf("pod %s has no container started by containerd: %+v", p.Name, p.Status.ContainerStatuses)
		}
	}
	url := serviceURL(t, ns, "web")
	awaitServedBy(t, url+"/", servingPods(t, ns, "web")...)
	seen := map[string]bool{}
	for i := 0; i < 20; i++ {
		body, err := get(url + "/")
		if err != nil {
			t.Fatalf("request %d through the Service: %v", i, err)
		}
		var answer struct{ Host, Version string }
		if err := json.Unmarshal([]byte(body), &answer); err != nil || answer.Version != "v1" || !names[answer.Host] {
			t.Fatalf("the Service answered %q; want version v1 from one of the pods %v", body, names)
		}
		seen[answer.Host] = true
	}
	if len(seen) != 2 {
		t.Errorf("20 requests reached %d pods, want both", len(seen))
	}
	ready := endpointsReady(t, ns, "web")
	if len(ready) != 2 {
		t.Errorf("ready endpoints %v, want the two pods", ready)
	}
}

// endpointsReady are the pod names the Service's EndpointSlices list as ready.
func endpointsReady(t *testing.T, ns, svc string) []string {
	t.Helper()
	slices, err := kube.Client.DiscoveryV1().EndpointSlices(ns).List(context.Background(), metav1.ListOptions{LabelSelector: "kubernetes.io/service-name=" + svc})
	if err != nil {
		t.Fatal(err)
	}
	var ready []string
	for _, slice := range slices.Items {
		for _, e := range slice.Endpoints {
			if e.Conditions.Ready != nil && *e.Conditions.Ready && e.TargetRef != nil {
				ready = append(ready, e.TargetRef.Name)
			}
		}
	}
	return ready
}
