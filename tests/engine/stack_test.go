//go:build engine

package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// yamlStack is a Pulumi YAML project in a folder of its own, driven by the CLI as a user
// would: each day-2 change writes a new program and runs `pulumi up`.
type yamlStack struct {
	t    testing.TB
	dir  string
	name string
	// env is added to the tier's environment for this stack's commands.
	env []string
}

// pulumi runs the CLI in the stack's folder with its environment.
func (s *yamlStack) pulumi(args ...string) (string, error) {
	return pulumiWith(s.dir, s.env, args...)
}

// output is one of the stack's outputs, as `pulumi stack output` prints it.
func (s *yamlStack) output(name string) string {
	s.t.Helper()
	out, err := s.pulumi("stack", "output", name)
	if err != nil {
		s.t.Fatalf("pulumi stack output %s: %v\n%s", name, err, out)
	}
	return strings.TrimSpace(out)
}

func newYAMLStack(t testing.TB, project string) *yamlStack {
	t.Helper()
	s := &yamlStack{t: t, dir: t.TempDir(), name: "test"}
	s.program(project, "resources: {}")
	if out, err := s.pulumi("stack", "init", s.name); err != nil {
		t.Fatalf("stack init: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		if out, err := s.pulumi("destroy", "--yes", "--skip-preview", "--remove"); err != nil {
			t.Errorf("cleanup destroy: %v\n%s", err, out)
		}
	})
	return s
}

// program writes Pulumi.yaml: the project header and the given YAML body.
func (s *yamlStack) program(project, body string) {
	s.t.Helper()
	text := fmt.Sprintf("name: %s\nruntime: yaml\n%s\n", project, strings.TrimSpace(body))
	if err := os.WriteFile(filepath.Join(s.dir, "Pulumi.yaml"), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// up runs `pulumi up`, with its preview or, as CI pipelines do, `--skip-preview`.
func (s *yamlStack) up(skipPreview bool) (string, error) {
	args := []string{"up", "--yes", "--diff"}
	if skipPreview {
		args = append(args, "--skip-preview")
	}
	return s.pulumi(args...)
}

func (s *yamlStack) mustUp(skipPreview bool) string {
	s.t.Helper()
	out, err := s.up(skipPreview)
	if err != nil {
		s.t.Fatalf("pulumi up (skip preview: %v): %v\n%s", skipPreview, err, out)
	}
	return out
}

// expectNoChanges is the second preview after an up: it must plan nothing.
func (s *yamlStack) expectNoChanges() {
	s.t.Helper()
	if out, err := s.pulumi("preview", "--expect-no-changes", "--diff"); err != nil {
		s.t.Errorf("a second preview plans changes: %v\n%s", err, out)
	}
}

// refreshChangesNothing runs `pulumi refresh`, then a preview that must plan nothing: what
// the cluster holds is what the state says.
func (s *yamlStack) refreshChangesNothing() {
	s.t.Helper()
	if out, err := s.pulumi("refresh", "--yes", "--diff"); err != nil {
		s.t.Fatalf("pulumi refresh: %v\n%s", err, out)
	}
	s.expectNoChanges()
}

func (s *yamlStack) destroy() {
	s.t.Helper()
	if out, err := s.pulumi("destroy", "--yes", "--skip-preview"); err != nil {
		s.t.Fatalf("pulumi destroy: %v\n%s", err, out)
	}
}

// namespace creates a namespace for one test and deletes it after.
func namespace(t testing.TB, name string) string {
	t.Helper()
	ctx := context.Background()
	_, err := kube.Client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = kube.Client.CoreV1().Namespaces().Delete(ctx, name, metav1.DeleteOptions{}) })
	return name
}

// readySampler counts the service's Ready pods every 50 ms while a change runs.
type readySampler struct {
	stop   chan struct{}
	wg     sync.WaitGroup
	mu     sync.Mutex
	lowest int
	counts []int
}

func sampleReady(t *testing.T, ns, service string) *readySampler {
	t.Helper()
	s := &readySampler{stop: make(chan struct{}), lowest: 1 << 30}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			n := readyPods(t, ns, service)
			s.mu.Lock()
			s.counts = append(s.counts, n)
			s.lowest = min(s.lowest, n)
			s.mu.Unlock()
			select {
			case <-s.stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return s
}

// done stops sampling and returns the fewest Ready pods seen.
func (s *readySampler) done() int {
	close(s.stop)
	s.wg.Wait()
	return s.lowest
}

func readyPods(t *testing.T, ns, service string) int {
	pods := pods(t, ns, service)
	n := 0
	for _, p := range pods {
		if p.DeletionTimestamp == nil && ready(&p) {
			n++
		}
	}
	return n
}

// pods lists the service's workload pods. A cron job's pods carry the service's labels too
// and run at their schedule's wall-clock minutes (a `*/5` job at 20:05), so they are left
// out: the Job controller labels them with their job's name.
func pods(t *testing.T, ns, service string) []corev1.Pod {
	list, err := kube.Client.CoreV1().Pods(ns).List(context.Background(),
		metav1.ListOptions{LabelSelector: "app.kubernetes.io/name=" + service + ",!" + batchv1.JobNameLabel})
	if err != nil {
		t.Errorf("listing pods: %v", err)
		return nil
	}
	return list.Items
}

func claims(t *testing.T, ns string) map[string]corev1.PersistentVolumeClaim {
	t.Helper()
	list, err := kube.Client.CoreV1().PersistentVolumeClaims(ns).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]corev1.PersistentVolumeClaim{}
	for _, c := range list.Items {
		out[c.Name] = c
	}
	return out
}

// eventually polls cond for up to timeout.
func eventually(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(200 * time.Millisecond)
	}
	return cond()
}

// service is the YAML of one k8s-service Service named name in namespace ns, its
// properties after image and namespace given as YAML lines indented by six spaces.
func service(name, image, ns, properties string) string {
	return `
  ` + name + `:
    type: k8s-service:index:Service
    properties:
      image: ` + image + `
      namespace: ` + ns + `
` + properties
}
