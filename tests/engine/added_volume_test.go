//go:build engine

package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Adding a volume to a running StatefulSet, the documented way (README, "Stateful
// services"): Kubernetes cannot add a volume to a running pod and the StatefulSet
// controller never recreates one for it (kubernetes/kubernetes#69041), so while `pulumi up`
// waits, the operator deletes the pods one at a time in ordinal order. The existing claims
// keep their UIDs, each replica gets a claim for the new volume, ready pods never drop
// below minContainers − 1, and `up` completes.
func TestAddedVolumeWithPodsDeletedInOrder(t *testing.T) {
	t.Parallel()
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("added-volume-%v", skipPreview))
			s := newYAMLStack(t, ns)
			s.program(ns, statefulProgram(ns, volume("/var/lib/data", 1)))
			s.mustUp(skipPreview)
			waitBound(t, ns, 2)
			before := claimUIDs(t, ns)

			s.program(ns, statefulProgram(ns, volume("/var/lib/data", 1), volume("/var/log/db", 1)))
			s.expectNoCreateOfExisting("a second volume added")
			sampler := sampleReady(t, ns, "db")
			done := make(chan upResult, 1)
			go func() {
				out, err := s.up(skipPreview)
				done <- upResult{out, err}
			}()
			for i := 0; i < 2; i++ {
				recreateWithVolume(t, ns, fmt.Sprintf("db-%d", i), "var-log-db", done)
			}
			var r upResult
			select {
			case r = <-done:
			case <-time.After(5 * time.Minute):
				t.Fatal("pulumi up did not complete after the pods were recreated")
			}
			low := sampler.done()
			if r.err != nil {
				t.Fatalf("pulumi up: %v\n%s", r.err, r.out)
			}
			if low < 1 {
				t.Errorf("ready pods dropped to %d, want at least minContainers − 1 (1)", low)
			}
			for name, uid := range before {
				if got := claims(t, ns)[name].UID; got != uid {
					t.Errorf("claim %s replaced when a volume was added (UID %s → %s)", name, uid, got)
				}
			}
			waitBound(t, ns, 4)
			for _, name := range []string{"var-log-db-db-0", "var-log-db-db-1"} {
				if _, ok := claims(t, ns)[name]; !ok {
					t.Errorf("no claim %s for the new volume: %v", name, keys(claims(t, ns)))
				}
			}
			s.expectNoChanges()
		})
	}
}

// upResult is how a `pulumi up` run in the background ended.
type upResult struct {
	out string
	err error
}

// recreateWithVolume waits until the StatefulSet that wants the volume exists, then
// deletes pod (if it lacks the volume) and waits for it to come back Ready with it. A
// result on done before that means `up` ended early: the test fails with its output.
func recreateWithVolume(t *testing.T, ns, pod, volume string, done <-chan upResult) {
	t.Helper()
	ctx := context.Background()
	hasVolume := func(p *corev1.Pod) bool {
		for _, v := range p.Spec.Volumes {
			if v.Name == volume {
				return true
			}
		}
		return false
	}
	deadline := time.Now().Add(4 * time.Minute)
	for deleted := false; ; time.Sleep(200 * time.Millisecond) {
		select {
		case r := <-done:
			t.Fatalf("pulumi up ended before %s was recreated: %v\n%s", pod, r.err, r.out)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was not recreated with volume %s", pod, volume)
		}
		set, err := kube.Client.AppsV1().StatefulSets(ns).Get(ctx, "db", metav1.GetOptions{})
		if err != nil || len(set.Spec.VolumeClaimTemplates) < 2 {
			continue // the replacement StatefulSet is not there yet
		}
		p, err := kube.Client.CoreV1().Pods(ns).Get(ctx, pod, metav1.GetOptions{})
		if err != nil || p.DeletionTimestamp != nil {
			continue
		}
		if hasVolume(p) {
			if ready(p) {
				return
			}
			continue
		}
		if !deleted {
			if err := kube.Client.CoreV1().Pods(ns).Delete(ctx, pod, metav1.DeleteOptions{}); err != nil {
				t.Fatalf("deleting %s: %v", pod, err)
			}
			deleted = true
		}
	}
}

func ready(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}
