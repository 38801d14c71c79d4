//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The probes the component writes are executed by a real kubelet against the paths and the
// port the application serves: a pod whose readiness fails leaves the Service's endpoints
// and gets no request, and comes back when it passes again; a pod whose liveness fails is
// restarted (liveness every 2 s here rather than the default 10 s, to be quick about it).
func TestRealNodeProbesDecideWhatServes(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-probes")
	s := newRealStack(t, ns)
	s.program(ns, realWebProgram(ns, "v1", "      livenessProbe: {periodSeconds: 2}\n"))
	s.mustUp(false)
	url := serviceURL(t, ns, "web") + "/"
	both := pods(t, ns, "web")
	unready, other := both[0], both[1]
	awaitServedBy(t, url, unready.Name, other.Name)

	if _, err := askPod(unready, "/control/ready?fail=1"); err != nil {
		t.Fatal(err)
	}
	if !eventually(20*time.Second, func() bool { return slices.Equal(endpointsReady(t, ns, "web"), []string{other.Name}) }) {
		t.Fatalf("pod %s fails readiness but the ready endpoints are %v", unready.Name, endpointsReady(t, ns, "web"))
	}
	awaitServedBy(t, url, other.Name)
	for i := 0; i < 20; i++ {
		body, err := get(url)
		var answer appAnswer
		if err != nil || json.Unmarshal([]byte(body), &answer) != nil || answer.Host != other.Name {
			t.Fatalf("request %d reached %q (%v); only %s is ready", i, body, err, other.Name)
		}
	}
	if _, err := askPod(unready, "/control/ready?fail=0"); err != nil {
		t.Fatal(err)
	}
	if !eventually(20*time.Second, func() bool { return len(endpointsReady(t, ns, "web")) == 2 }) {
		t.Errorf("pod %s passes readiness again but the ready endpoints are %v", unready.Name, endpointsReady(t, ns, "web"))
	}
	awaitServedBy(t, url, unready.Name, other.Name)

	if _, err := askPod(other, "/control/live?fail=1"); err != nil {
		t.Fatal(err)
	}
	restarted := func() bool {
		p, err := kube.Client.CoreV1().Pods(ns).Get(context.Background(), other.Name, metav1.GetOptions{})
		return err == nil && len(p.Status.ContainerStatuses) > 0 && p.Status.ContainerStatuses[0].RestartCount > 0
	}
	if !eventually(60*time.Second, restarted) {
		t.Errorf("pod %s fails liveness but was not restarted within 60 s", other.Name)
	}
}

// A slow starter is not killed: the application's health check fails for its first 25 s,
// longer than liveness alone would allow (3 failures 10 s apart), and the startup probe
// the defaults imply holds liveness off until it passes. The pod becomes Ready without a
// restart.
func TestRealNodeSlowStarterIsNotRestarted(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-slow-start")
	s := newRealStack(t, ns)
	s.program(ns, realWebProgramOf(ns, realNode.app["v1"], 1, "      envVars:\n        LIVE_AFTER: 25s\n"))
	s.mustUp(false)
	p := pods(t, ns, "web")[0]
	if !ready(&p) {
		t.Fatalf("pod %s is not Ready after up", p.Name)
	}
	if n := p.Status.ContainerStatuses[0].RestartCount; n != 0 {
		t.Errorf("the slow starter was restarted %d times", n)
	}
}
