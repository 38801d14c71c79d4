//go:build engine

package engine

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/k8s-service/pulumi-k8s-service/examples/automation/deploy"
)

// The Automation API example (examples/automation) as a CI job runs it: an inline Go
// program through the Go SDK, preview then up, outputs returned; then a new tag.
func TestAutomationExampleDeploysFromCI(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "automation")
	settings := deploy.Settings{Project: "automation-example", Stack: "ci", Service: "api",
		Image: "nginx", Tag: "1.27", Namespace: ns, Port: 8080, MinContainers: 2}
	var log bytes.Buffer
	outputs, err := deploy.Run(context.Background(), settings, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if got := outputs["currentImage"].Value; got != "nginx:1.27" {
		t.Errorf("currentImage = %v", got)
	}
	if url, _ := outputs["internalUrl"].Value.(string); !strings.HasPrefix(url, "http://api."+ns+".svc") {
		t.Errorf("internalUrl = %q", url)
	}
	if got := readyPods(t, ns, "api"); got < 2 {
		t.Errorf("%d ready pods right after the job, want 2", got)
	}
	settings.Tag = "1.28"
	sampler := sampleReady(t, ns, "api")
	_, err = deploy.Run(context.Background(), settings, &log)
	if low := sampler.done(); low < 2 {
		t.Errorf("the new tag's rollout dropped ready pods to %d", low)
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Cleanup(func() {
		if out, err := pulumi(t.TempDir(), "destroy", "--yes", "--skip-preview", "--stack", "organization/automation-example/ci"); err != nil {
			t.Errorf("destroy: %v\n%s", err, out)
		}
	})
}

// The example's program as a CI runner starts it, sent SIGTERM (a cancelled job) while its
// update rolls out: it cancels the update and exits non-zero, leaving the stack unlocked
// and with no pending operation, so the next run deploys. Its pods never become ready
// (the tier's never-ready image), so the update is always still waiting when the signal
// lands.
func TestAutomationExampleStopsCleanlyOnSIGTERM(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ns := namespace(t, "automation-sigterm")
	bin := filepath.Join(t.TempDir(), "deploy")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = filepath.Join(root, "examples/automation")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building examples/automation: %v\n%s", err, out)
	}
	run := exec.Command(bin)
	run.Env = append(os.Environ(), "PROJECT=automation-sigterm", "STACK=ci", "SERVICE=api", "IMAGE=k8s-service.test/never-ready", "TAG=1",
		"NAMESPACE="+ns, "MIN_CONTAINERS=2")
	var out bytes.Buffer
	run.Stdout, run.Stderr = &out, &out
	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- run.Wait() }()
	t.Cleanup(func() {
		if out, err := pulumi(t.TempDir(), "destroy", "--yes", "--skip-preview", "--stack", "organization/automation-sigterm/ci"); err != nil {
			t.Errorf("destroy: %v\n%s", err, out)
		}
	})
	if !eventually(3*time.Minute, func() bool { return len(pods(t, ns, "api")) > 0 }) {
		t.Fatalf("the update never reached the Deployment's pods:\n%s", out.String())
	}
	if err := run.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("after SIGTERM the deploy exited with %v, want exit status 1 (a failed deploy)", err)
		}
		if !strings.Contains(out.String(), "received; cancelling") {
			t.Errorf("the deploy's output does not show the engine cancelling the update:\n%s", out.String())
		}
	case <-time.After(60 * time.Second):
		_ = run.Process.Kill()
		t.Fatalf("SIGTERM did not stop the deploy within 60 s:\n%s", out.String())
	}
	state, err := pulumi(t.TempDir(), "stack", "export", "--stack", "organization/automation-sigterm/ci")
	if err != nil {
		t.Fatalf("stack export: %v\n%s", err, state)
	}
	if strings.Contains(state, `"pending_operations"`) {
		t.Errorf("the cancelled update left pending operations:\n%s", state)
	}
	settings := deploy.Settings{Project: "automation-sigterm", Stack: "ci", Service: "api",
		Image: "nginx", Tag: "1.27", Namespace: ns, Port: 8080, MinContainers: 2}
	var log bytes.Buffer
	if _, err := deploy.Run(ctx, settings, &log); err != nil {
		t.Fatalf("the run after the cancelled one: %v\n%s", err, log.String())
	}
	if got := readyPods(t, ns, "api"); got < 2 {
		t.Errorf("%d ready pods after the next run, want 2", got)
	}
}
