//go:build engine

package engine

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// realWebProgram is a web service of the test application on the real node: two pods,
// health checks on the paths the application serves, extra YAML lines after.
func realWebProgram(ns, version, extra string) string {
	return realWebProgramOf(ns, realNode.app[version], 2, extra)
}

func realWebProgramOf(ns, image string, pods int, extra string) string {
	return "resources:" + service("web", image, ns, fmt.Sprintf(`      port: {http: 8080}
      healthcheckPath: /healthz
      readinessProbePath: /ready
      minContainers: %d
      maxContainers: %d
`, pods, pods)+extra)
}

// A rolling update drops no request: a loop of requests through the Service, each on a new
// connection, runs while `pulumi up` changes the image and then the number of pods, and
// every one is answered by the application (the old version, then the new).
func TestRealNodeRolloutDropsNoRequest(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-rollout")
	s := newRealStack(t, ns)
	s.program(ns, realWebProgram(ns, "v1", ""))
	s.mustUp(false)
	url := serviceURL(t, ns, "web") + "/"
	awaitServedBy(t, url, servingPods(t, ns, "web")...)

	s.program(ns, realWebProgram(ns, "v2", ""))
	loop := startTraffic(url, "v1", "v2")
	s.mustUp(false)
	// The loop goes on until the Service has moved to the new pods (kube-proxy follows the
	// EndpointSlice within a second or so, longer on a busy machine), and a second more.
	awaitServedBy(t, url, servingPods(t, ns, "web")...)
	time.Sleep(time.Second)
	loop.finish().expectNoneFailed(t, "image update v1 → v2")
	if loop.served["v2"] == 0 {
		t.Errorf("no request reached the new version during or right after the update: %s", loop.report())
	}

	// The autoscaler owns the replicas: it adds the third pod after `up`, within its sync.
	s.program(ns, realWebProgramOf(ns, realNode.app["v2"], 3, ""))
	loop = startTraffic(url, "v1", "v2") // v1 pods still drain right after the update
	s.mustUp(false)
	third := eventually(90*time.Second, func() bool { return len(endpointsReady(t, ns, "web")) == 3 })
	loop.finish().expectNoneFailed(t, "minContainers 2 → 3")
	if !third {
		t.Errorf("%d ready endpoints 90 s after minContainers 3", len(endpointsReady(t, ns, "web")))
	}
}

// A pod that is replaced finishes what it is serving: the preStop sleep keeps it serving
// while the endpoints drop it, SIGTERM then lets the application drain, and the grace
// period is long enough for it. An 8 s request sent just before the pod is deleted (as a
// rollout deletes it) completes with the application's answer.
func TestRealNodeTerminatingPodFinishesInFlightRequests(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-drain")
	s := newRealStack(t, ns)
	s.program(ns, realWebProgram(ns, "v1", ""))
	s.mustUp(false)
	victim := pods(t, ns, "web")[0]

	var wg sync.WaitGroup
	var body string
	var err error
	wg.Add(1)
	go func() {
		defer wg.Done()
		slow := *request
		slow.Timeout = 30 * time.Second
		resp, e := slow.Get("http://" + victim.Status.PodIP + ":8080/slow?ms=8000")
		if e != nil {
			err = e
			return
		}
		defer resp.Body.Close()
		b, e := io.ReadAll(resp.Body)
		body = string(b)
		if err = e; err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("%s", resp.Status)
		}
	}()
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	if err := kube.Client.CoreV1().Pods(ns).Delete(context.Background(), victim.Name, metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if err != nil || !strings.Contains(body, `"slept_ms":8000`) {
		t.Fatalf("the in-flight request to the terminating pod did not complete: %v %q", err, body)
	}
	t.Logf("an 8 s request finished %s after its pod was deleted", time.Since(start).Round(100*time.Millisecond))
}

// A failed update is lived, not staged: an image the registry does not have, a container
// that exits, a readiness that never passes. `up` fails within rolloutTimeoutSeconds with
// the pods' reason, and the old pods answer every request meanwhile.
func TestRealNodeFailedUpdateKeepsTheOldPodsServing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, version, env string
		want               string
	}{
		{"missing-image", "v9", "", "ErrImagePull"},
		{"crash", "v2", "        EXIT_AFTER: 1s\n", "CrashLoopBackOff"},
		{"never-ready", "v2", "        FAIL_READY: \"1\"\n", "containers with unready status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ns := onRealNode(t, "real-failed-"+tc.name)
			s := newRealStack(t, ns)
			bounded := "      rolloutTimeoutSeconds: 30\n"
			s.program(ns, realWebProgram(ns, "v1", bounded))
			s.mustUp(false)
			url := serviceURL(t, ns, "web") + "/"
			awaitServedBy(t, url, servingPods(t, ns, "web")...)

			image := realNode.app["v2"]
			if tc.version == "v9" {
				image = realNode.registry.Host + "/k8s-service-app:v9" // never pushed
			}
			program := realWebProgramOf(ns, image, 2, bounded)
			if tc.env != "" {
				program += "      envVars:\n" + tc.env
			}
			s.program(ns, program)
			loop := startTraffic(url, "v1")
			out, err := s.up(false)
			loop.finish().expectNoneFailed(t, tc.name)
			if err == nil {
				t.Fatalf("pulumi up succeeded:\n%s", out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("the failure does not say %q:\n%s", tc.want, out)
			}
		})
	}
}
