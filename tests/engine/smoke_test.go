//go:build engine

package engine

import (
	"strings"
	"testing"
)

// Right after the first `pulumi up`, a service runs minContainers ready replicas.
func TestFirstUpRunsMinContainers(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "first-up")
	s := newYAMLStack(t, "first-up")
	s.program("first-up", "resources:"+service("web", "nginx:1.27", ns, `      port: {http: 8080}
      minContainers: 2
      initialReadinessDelay: 0
`))
	s.mustUp(false)
	if got := readyPods(t, ns, "web"); got < 2 {
		t.Errorf("right after pulumi up, %d ready pods; want minContainers (2)", got)
	}
	s.expectNoChanges()
}

// The workload's rollout is the gate of `pulumi up` (the Service is not awaited again):
// a rollout that never gets ready fails `up` after rolloutTimeoutSeconds, naming the
// workload and the Deployment's condition. Here no node can fit the pod (64 CPUs
// requested, 32 per node); pulumi-kubernetes reports the Deployment's conditions, not
// the scheduler's "Insufficient cpu", which `kubectl describe pod` shows.
func TestRolloutThatNeverGetsReadyFailsUp(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "never-ready")
	s := newYAMLStack(t, "never-ready")
	s.program("never-ready", "resources:"+service("web", "nginx:1.27", ns, `      port: {http: 8080}
      rolloutTimeoutSeconds: 30
      resourceRequest: {cpu: 64000}
      resourceLimits: {cpu: 64000}
`))
	out, err := s.up(false)
	if err == nil {
		t.Fatalf("pulumi up succeeded although no pod can be scheduled:\n%s", out)
	}
	for _, want := range []string{"kubernetes:apps/v1:Deployment::web", "timed out waiting to be Ready", "MinimumReplicasUnavailable"} {
		if !strings.Contains(out, want) {
			t.Errorf("the failure does not say %q:\n%s", want, out)
		}
	}
}
