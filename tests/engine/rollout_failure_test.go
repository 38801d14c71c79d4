//go:build engine

package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
)

// failedUpBound is the longest a failed update of the program below may take: its default
// rollout timeout (two waves of one pod, each allowed 10 s of readiness probe and 60 s to
// start: 140 s; README, docs/operations.md) and the engine's own work.
const failedUpBound = 200 * time.Second

// An update to a version that never gets Ready fails `pulumi up` within the default rollout
// timeout, derived from what the pods need instead of a flat 600 s, says which pod and why,
// and leaves the previous pods serving (ready pods never below minContainers); the next
// `up` with a good image completes. kwok's stages (tests/cluster/stages.yaml) play the
// kubelet for each image.
func TestFailedRolloutFailsFastAndKeepsServing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, image string
		want        []string
	}{
		{"image that cannot be pulled", cluster.UnpullableImage, []string{"ImagePullBackOff", "Back-off pulling image"}},
		{"crash loop", cluster.CrashLoopImage, []string{"CrashLoopBackOff"}},
		{"readiness probe that never passes", cluster.NeverReadyImage, []string{"containers with unready status: [web]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ns := namespace(t, "failed-rollout-"+strings.ReplaceAll(strings.Fields(tc.name)[0]+"-"+strings.Fields(tc.name)[1], " ", "-"))
			s := newYAMLStack(t, ns)
			program := func(image string) string {
				return "resources:" + service("web", image, ns, `      port: {http: 8080}
      minContainers: 2
      maxContainers: 2
      initialReadinessDelay: 0
`)
			}
			s.program(ns, program("nginx:1.27"))
			s.mustUp(false)

			s.program(ns, program(tc.image))
			sampler := sampleReady(t, ns, "web")
			start := time.Now()
			out, err := s.up(false)
			took := time.Since(start)
			low := sampler.done()
			if err == nil {
				t.Fatalf("pulumi up succeeded with %s:\n%s", tc.image, out)
			}
			if took > failedUpBound {
				t.Errorf("the failed up took %s; the progress deadline should end it within %s", took.Round(time.Second), failedUpBound)
			}
			if low < 2 {
				t.Errorf("ready pods dropped to %d while the bad version rolled out; want minContainers (2)", low)
			}
			for _, want := range append([]string{"kubernetes:apps/v1:Deployment::web", "timed out waiting to be Ready", "[Pod " + ns + "/web-"}, tc.want...) {
				if !strings.Contains(out, want) {
					t.Errorf("the failure does not say %q:\n%s", want, out)
				}
			}
			// Still the previous version behind the Service.
			if got := servingImages(t, ns, "web"); got != "nginx:1.27" {
				t.Errorf("ready pods run %q after the failed update, want the previous nginx:1.27", got)
			}

			s.program(ns, program("nginx:1.28"))
			sampler = sampleReady(t, ns, "web")
			s.mustUp(false)
			if low := sampler.done(); low < 2 {
				t.Errorf("ready pods dropped to %d during the fixing update", low)
			}
			if !eventually(30*time.Second, func() bool { return servingImages(t, ns, "web") == "nginx:1.28" }) {
				t.Errorf("after the fix the ready pods run %q, want nginx:1.28", servingImages(t, ns, "web"))
			}
			s.expectNoChanges()
		})
	}
}

// servingImages is the distinct images of the service's ready pods, joined by commas.
func servingImages(t *testing.T, ns, service string) string {
	seen := map[string]bool{}
	for _, p := range pods(t, ns, service) {
		if p.DeletionTimestamp == nil && ready(&p) {
			seen[p.Spec.Containers[0].Image] = true
		}
	}
	return strings.Join(keys(seen), ",")
}
