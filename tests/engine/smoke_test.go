package engine

import (
	"testing"
)

// Right after the first `pulumi up`, a service runs minContainers ready replicas.
func TestFirstUpRunsMinContainers(t *testing.T) {
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
