//go:build engine

package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// statefulProgram is a database-like service with the given persistentStorage entries.
func statefulProgram(ns string, volumes ...string) string {
	return "resources:" + service("db", "postgres:17", ns, `      port: {tcp: 5432}
      minContainers: 2
      maxContainers: 3
      initialReadinessDelay: 0
      persistentStorage:
`+strings.Join(volumes, "\n"))
}

func volume(path string, size int) string {
	return fmt.Sprintf("        - {path: %s, size: %d}", path, size)
}

// Every day-2 change of a stateful service, through `pulumi up` with its preview and
// with --skip-preview: claims keep their UIDs (their data), sizes grow in place, no pod
// is deleted by a size change, and ready pods never drop below minContainers (minus
// the one pod a rolling template change restarts at a time).
func TestStatefulServiceKeepsDataAndCapacity(t *testing.T) {
	t.Parallel()
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("stateful-%v", skipPreview))
			s := newYAMLStack(t, ns)
			up := func(program string, lowest int) {
				t.Helper()
				s.program(ns, program)
				sampler := sampleReady(t, ns, "db")
				out, err := s.up(skipPreview)
				got := sampler.done()
				if err != nil {
					t.Fatalf("pulumi up: %v\n%s", err, out)
				}
				if got < lowest {
					t.Errorf("ready pods dropped to %d during the update; want at least %d", got, lowest)
				}
				expectStatefulSetRolledOut(t, ns, "db")
				s.expectNoChanges()
			}

			s.program(ns, statefulProgram(ns, volume("/var/cache", 1), volume("/var/lib/data", 1)))
			s.mustUp(skipPreview)
			if got := readyPods(t, ns, "db"); got < 2 {
				t.Errorf("after the first up: %d ready pods, want minContainers (2)", got)
			}
			if !eventually(30*time.Second, func() bool { return readyPods(t, ns, "db") >= 2 }) {
				t.Fatalf("%d ready pods", readyPods(t, ns, "db"))
			}
			waitBound(t, ns, 4) // two volumes for each of the two replicas
			before := claimUIDs(t, ns)
			podsBefore := podUIDs(t, ns, "db")

			// A larger size grows the claims in place; the pods keep running.
			up(statefulProgram(ns, volume("/var/cache", 1), volume("/var/lib/data", 2)), 2)
			for name, uid := range before {
				if c := claims(t, ns)[name]; c.UID != uid {
					t.Errorf("claim %s replaced by the size change (UID %s → %s): its data is gone", name, uid, c.UID)
				}
			}
			for _, name := range []string{"var-lib-data-db-0", "var-lib-data-db-1"} { // named after the path
				requests := claims(t, ns)[name].Spec.Resources.Requests
				if got := requests.Storage().String(); got != "2Gi" {
					t.Errorf("claim %s requests %s after the size change, want 2Gi", name, got)
				}
				if !eventually(10*time.Second, func() bool {
					capacity := claims(t, ns)[name].Status.Capacity
					return capacity.Storage().String() == "2Gi"
				}) {
					t.Errorf("claim %s did not grow: %v", name, claims(t, ns)[name].Status.Capacity)
				}
			}
			if after := podUIDs(t, ns, "db"); !equalSets(podsBefore, after) {
				t.Errorf("the size change deleted pods: before %v, after %v", podsBefore, after)
			}

			// The first volume removed: the other keeps its claims; the removed volume's
			// claims stay until the service is destroyed. The pods roll one at a time.
			up(statefulProgram(ns, volume("/var/lib/data", 2)), 1)
			for name, uid := range before {
				if got := claims(t, ns)[name].UID; got != uid {
					t.Errorf("claim %s replaced or deleted when a volume was removed (UID %s → %s)", name, uid, got)
				}
			}
			if !eventually(30*time.Second, func() bool { return readyPods(t, ns, "db") >= 2 }) {
				t.Errorf("after the changes: %d ready pods, want 2", readyPods(t, ns, "db"))
			}

			s.destroy()
			if !eventually(60*time.Second, func() bool { return len(claims(t, ns)) == 0 && len(pods(t, ns, "db")) == 0 }) {
				t.Errorf("destroy left claims %v and pods %v", keys(claims(t, ns)), podUIDs(t, ns, "db"))
			}
		})
	}
}

// expectStatefulSetRolledOut fails unless, right after `up`, the StatefulSet's controller
// has seen its last change and every replica runs it: what the 4.30.0 release's await
// checks (status.observedGeneration, #4094), where the tier's provider could return early
// from the previous generation's status.
func expectStatefulSetRolledOut(t *testing.T, ns, name string) {
	t.Helper()
	sts, err := kube.Client.AppsV1().StatefulSets(ns).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st := sts.Status
	if st.ObservedGeneration < sts.Generation || st.UpdatedReplicas != *sts.Spec.Replicas || st.CurrentRevision != st.UpdateRevision {
		t.Errorf("up returned before the StatefulSet rolled out: generation %d, observed %d, updated %d of %d, revision %s → %s",
			sts.Generation, st.ObservedGeneration, st.UpdatedReplicas, *sts.Spec.Replicas, st.CurrentRevision, st.UpdateRevision)
	}
}

func waitBound(t *testing.T, ns string, want int) {
	t.Helper()
	bound := func() int {
		n := 0
		for _, c := range claims(t, ns) {
			if c.Status.Phase == "Bound" {
				n++
			}
		}
		return n
	}
	if !eventually(30*time.Second, func() bool { return bound() == want }) {
		t.Fatalf("%d claims bound, want %d: %v", bound(), want, keys(claims(t, ns)))
	}
}

func claimUIDs(t *testing.T, ns string) map[string]types.UID {
	out := map[string]types.UID{}
	for name, c := range claims(t, ns) {
		out[name] = c.UID
	}
	return out
}

func podUIDs(t *testing.T, ns, service string) []string {
	var out []string
	for _, p := range pods(t, ns, service) {
		out = append(out, p.Name+"/"+string(p.UID))
	}
	sort.Strings(out)
	return out
}

func equalSets(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
