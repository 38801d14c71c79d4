//go:build engine

package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// interruptedUp starts `pulumi up --yes --skip-preview` and sends it sig as soon as when()
// holds (checked every 20 ms), as a cancelled CI job or a vanished runner would; it
// returns the CLI's output once it has exited.
func (s *yamlStack) interruptedUp(sig syscall.Signal, when func() bool) string {
	s.t.Helper()
	cmd := exec.Command(pulumiBin, "up", "--yes", "--skip-preview", "--non-interactive")
	cmd.Dir, cmd.Env = s.dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(3 * time.Minute)
	for signalled := false; ; {
		select {
		case <-exited:
			if !signalled {
				s.t.Fatalf("pulumi up ended before it could be interrupted:\n%s", out.String())
			}
			s.log("interrupted up", out.String())
			return out.String()
		case <-deadline:
			_ = cmd.Process.Kill()
			s.t.Fatalf("pulumi up was not interrupted within 3 minutes:\n%s", out.String())
		case <-time.After(20 * time.Millisecond):
			if !signalled && when() {
				_ = cmd.Process.Signal(sig)
				signalled = true
			}
		}
	}
}

// log appends to the stack's pulumi.log, which the tier keeps for a failed test.
func (s *yamlStack) log(what, text string) {
	f, err := os.OpenFile(filepath.Join(s.dir, "pulumi.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err == nil {
		fmt.Fprintf(f, "\n$ %s\n%s", what, text)
		f.Close()
	}
}

// recoverUp runs `pulumi up` after an interruption, as docs/operations.md ("An
// interrupted pulumi up") tells operators to: a killed CLI's lock removed with `pulumi
// cancel`; each object of a pending create that the interrupted run did create deleted
// with orphan propagation (a workload's pods keep running and the new object adopts them),
// the pending creates cleared; then each object the preview still plans to create although
// it exists (a create cancelled on its way) deleted the same way, so that no create meets
// an existing object (AlreadyExists on the release users run).
func (s *yamlStack) recoverUp(step string) {
	s.t.Helper()
	locks, _ := filepath.Glob(filepath.Join(stateDir, ".pulumi/locks/organization/*", s.name, "*.json"))
	if len(locks) > 0 {
		if out, err := s.pulumi("cancel", "--yes"); err != nil {
			s.t.Fatalf("%s: pulumi cancel: %v\n%s", step, err, out)
		}
	}
	pending := false
	for _, op := range s.export().PendingOperations {
		if op.Type != apitype.OperationTypeCreating {
			continue
		}
		pending = true
		metadata, _ := op.Resource.Inputs["metadata"].(map[string]any)
		name, _ := metadata["name"].(string)
		namespace, _ := metadata["namespace"].(string)
		typ := string(op.Resource.Type)
		if strings.HasPrefix(typ, "kubernetes:") && !strings.HasSuffix(typ, "Patch") && name != "" && objectExists(s.t, typ, namespace, name) {
			s.t.Logf("%s: %s %s/%s was created by the interrupted up: deleting it, orphaning what it owns", step, typ, namespace, name)
			deleteOrphaning(s.t, typ, namespace, name)
		}
	}
	if pending {
		if out, err := s.pulumi("refresh", "--yes", "--clear-pending-creates"); err != nil {
			s.t.Fatalf("%s: pulumi refresh --clear-pending-creates: %v\n%s", step, err, out)
		}
	}
	// A create cancelled by SIGINT while its request was on its way fails in the state and
	// may still have made the object: the preview plans to create it again.
	for _, c := range createsOfExisting(s.t, s.plan()) {
		s.t.Logf("%s: %s: deleting it, orphaning what it owns", step, c)
		deleteOrphaning(s.t, c.typ, c.namespace, c.name)
	}
	s.expectNoCreateOfExisting(step)
	if out, err := s.pulumi("up", "--yes", "--skip-preview"); err != nil {
		s.t.Fatalf("%s: pulumi up after the interruption: %v\n%s", step, err, out)
	}
}

// A `pulumi up` killed (SIGKILL, a vanished runner) or interrupted (SIGINT, Ctrl-C) during
// a first deploy, an update and a StatefulSet's replacement: the next `pulumi up`
// completes, every claim keeps its UID, the ready pods come back to minContainers and a
// second preview plans nothing.
func TestInterruptedUpRecovers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(strings.ToLower(sig.String()), func(t *testing.T) {
			t.Parallel()
			ns := namespace(t, "interrupt-"+map[syscall.Signal]string{syscall.SIGINT: "int", syscall.SIGKILL: "kill"}[sig])
			s := newYAMLStack(t, ns)
			statefulSetUID := func() string {
				set, err := kube.Client.AppsV1().StatefulSets(ns).Get(ctx, "db", metav1.GetOptions{})
				if err != nil {
					return ""
				}
				return string(set.UID)
			}
			recovered := func(step string) {
				t.Helper()
				if !eventually(60*time.Second, func() bool { return readyPods(t, ns, "db") >= 2 }) {
					t.Errorf("%s: %d ready pods after recovering, want minContainers (2)", step, readyPods(t, ns, "db"))
				}
				s.expectNoChanges()
			}

			// A first deploy, interrupted while the StatefulSet rolls out.
			s.program(ns, statefulProgram(ns, volume("/data", 1)))
			s.interruptedUp(sig, func() bool { return statefulSetUID() != "" })
			s.recoverUp("first deploy")
			recovered("first deploy")
			waitBound(t, ns, 2)
			uids := claimUIDs(t, ns)

			// An update (a new image), interrupted while it rolls.
			s.program(ns, strings.Replace(statefulProgram(ns, volume("/data", 1)), "postgres:17", "postgres:17.1", 1))
			s.interruptedUp(sig, func() bool {
				for _, p := range pods(t, ns, "db") {
					if p.Spec.Containers[0].Image == "postgres:17.1" {
						return true
					}
				}
				return false
			})
			s.recoverUp("update")
			recovered("update")

			// A size change replaces the StatefulSet (delete first, pods orphaned):
			// interrupted between the delete and the create.
			before := statefulSetUID()
			s.program(ns, strings.Replace(statefulProgram(ns, volume("/data", 2)), "postgres:17", "postgres:17.1", 1))
			s.interruptedUp(sig, func() bool { return statefulSetUID() != before })
			s.recoverUp("StatefulSet replacement")
			recovered("StatefulSet replacement")
			for name, uid := range uids {
				if got := claims(t, ns)[name].UID; got != uid {
					t.Errorf("claim %s replaced or deleted by the interruptions (UID %s → %q)", name, uid, got)
				}
			}
		})
	}
}
