//go:build engine

package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// claimStep is one `pulumi up` of a round trip: its program, and what the operator does
// while it runs (nil: nothing).
type claimStep struct {
	name    string
	program string
	during  func(t *testing.T, done <-chan upResult)
}

// claimRoundTrip runs the steps twice in a row. Before each `up` the plan must create no
// object that exists in the cluster; after each, every claim seen so far keeps its UID
// and a second preview is clean.
func claimRoundTrip(t *testing.T, s *yamlStack, ns string, skipPreview bool, first string, steps []claimStep) {
	t.Helper()
	s.program(ns, first)
	s.mustUp(skipPreview)
	uids := map[string]types.UID{}
	for round := 1; round <= 2; round++ {
		for _, step := range steps {
			what := fmt.Sprintf("round %d, %s", round, step.name)
			remember(t, ns, uids)
			s.program(ns, step.program)
			s.expectNoCreateOfExisting(what)
			done := make(chan upResult, 1)
			go func() {
				out, err := s.up(skipPreview)
				done <- upResult{out, err}
			}()
			if step.during != nil {
				step.during(t, done)
			}
			var r upResult
			select {
			case r = <-done:
			case <-time.After(6 * time.Minute):
				t.Fatalf("%s: pulumi up did not complete", what)
			}
			if r.err != nil {
				t.Fatalf("%s: pulumi up: %v\n%s", what, r.err, r.out)
			}
			for name, uid := range uids {
				if got := claims(t, ns)[name].UID; got != uid {
					t.Errorf("%s: claim %s replaced or deleted (UID %s → %q)", what, name, uid, got)
				}
			}
			s.expectNoChanges()
		}
	}
}

// remember adds the namespace's claims to uids.
func remember(t *testing.T, ns string, uids map[string]types.UID) {
	for name, c := range claims(t, ns) {
		if _, ok := uids[name]; !ok {
			uids[name] = c.UID
		}
	}
}

func kvProgram(ns, extra string) string {
	return "resources:" + service("db", "postgres:17", ns, `      port: {tcp: 5432}
      minContainers: 2
      maxContainers: 3
      initialReadinessDelay: 0
`+extra)
}

// StatefulSet → Deployment → StatefulSet: the claims kept on the switch are registered
// again when the StatefulSet comes back.
func TestKindRoundTripKeepsClaims(t *testing.T) {
	t.Parallel()
	storage := "      persistentStorage:\n        - {path: /data, size: 1}\n"
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("kind-trip-%v", skipPreview))
			s := newYAMLStack(t, ns)
			claimRoundTrip(t, s, ns, skipPreview, kvProgram(ns, storage), []claimStep{
				{name: "to Deployment", program: kvProgram(ns, "")},
				{name: "back to StatefulSet", program: kvProgram(ns, storage)},
			})
			if got := len(claims(t, ns)); got != 2 {
				t.Errorf("%d claims, want data-db-0 and data-db-1: %v", got, keys(claims(t, ns)))
			}
		})
	}
}

// A volume removed, then added back: its claims, kept when it left, are registered again.
// Adding a volume to a running StatefulSet needs its pods deleted in ordinal order
// (TestAddedVolumeWithPodsDeletedInOrder).
func TestVolumeRemovedAndAddedBackKeepsClaims(t *testing.T) {
	t.Parallel()
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("volume-trip-%v", skipPreview))
			s := newYAMLStack(t, ns)
			both := statefulProgram(ns, volume("/data", 1), volume("/wal", 1))
			claimRoundTrip(t, s, ns, skipPreview, both, []claimStep{
				{name: "wal removed", program: statefulProgram(ns, volume("/data", 1))},
				{name: "wal added back", program: both, during: func(t *testing.T, done <-chan upResult) {
					for i := 0; i < 2; i++ {
						recreateWithVolume(t, ns, fmt.Sprintf("db-%d", i), "wal", done)
					}
				}},
			})
		})
	}
}

// minContainers raised to a replica the autoscaler had already run: that replica's claim,
// which the StatefulSet controller made from the template, becomes the component's.
func TestRaisedMinContainersTakesOverTheControllersClaim(t *testing.T) {
	t.Parallel()
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("raised-min-%v", skipPreview))
			s := newYAMLStack(t, ns)
			program := func(min int) string {
				return "resources:" + service("db", "postgres:17", ns, fmt.Sprintf(`      port: {tcp: 5432}
      minContainers: %d
      maxContainers: 3
      initialReadinessDelay: 0
      persistentStorage:
        - {path: /data, size: 1}
`, min))
			}
			// Play the autoscaler before each raise: a third replica, with a claim from the template.
			scaleToThree := func(t *testing.T, ns string) {
				ctx := context.Background()
				scale := &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "db", Namespace: ns}, Spec: autoscalingv1.ScaleSpec{Replicas: 3}}
				if _, err := kube.Client.AppsV1().StatefulSets(ns).UpdateScale(ctx, "db", scale, metav1.UpdateOptions{}); err != nil {
					t.Fatal(err)
				}
				if !eventually(60*time.Second, func() bool { _, ok := claims(t, ns)["data-db-2"]; return ok && readyPods(t, ns, "db") == 3 }) {
					t.Fatalf("scaled to 3: claims %v, %d ready", keys(claims(t, ns)), readyPods(t, ns, "db"))
				}
			}
			s.program(ns, program(2))
			s.mustUp(skipPreview)
			for round := 1; round <= 2; round++ {
				scaleToThree(t, ns)
				uids := claimUIDs(t, ns)
				s.program(ns, program(3))
				s.expectNoCreateOfExisting(fmt.Sprintf("round %d, minContainers 2 → 3", round))
				if out, err := s.up(skipPreview); err != nil {
					t.Fatalf("round %d: raising minContainers: %v\n%s", round, err, out)
				}
				for name, uid := range uids {
					if got := claims(t, ns)[name].UID; got != uid {
						t.Errorf("round %d: claim %s replaced (UID %s → %q)", round, name, uid, got)
					}
				}
				s.expectNoChanges()
				s.program(ns, program(2))
				s.mustUp(skipPreview)
				s.expectNoChanges()
			}
		})
	}
}

// retainVolumes: the claims outlive `destroy`, and the next deploy of the service uses them.
func TestRetainedClaimsServeTheNextDeploy(t *testing.T) {
	t.Parallel()
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("retained-%v", skipPreview))
			s := newYAMLStack(t, ns)
			s.program(ns, kvProgram(ns, "      retainVolumes: true\n      persistentStorage:\n        - {path: /data, size: 1}\n"))
			s.mustUp(skipPreview)
			waitBound(t, ns, 2)
			uids := claimUIDs(t, ns)
			for round := 1; round <= 2; round++ {
				s.destroy()
				if got := claimUIDs(t, ns); len(got) != 2 {
					t.Fatalf("round %d: retainVolumes, yet destroy left claims %v", round, got)
				}
				s.expectNoCreateOfExisting(fmt.Sprintf("round %d, redeploy", round))
				s.mustUp(skipPreview)
				for name, uid := range uids {
					if got := claims(t, ns)[name].UID; got != uid {
						t.Errorf("round %d: claim %s replaced on redeploy (UID %s → %q)", round, name, uid, got)
					}
				}
				s.expectNoChanges()
			}
		})
	}
}
