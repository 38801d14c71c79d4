//go:build engine

package engine

import (
	"context"
	"slices"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
)

func preDeployProgram(ns, image, extra string) string {
	return "resources:" + service("api", image, ns, `      port: {http: 8080}
      minContainers: 2
      maxContainers: 2
      initialReadinessDelay: 0
      preDeploy: {commands: [/app/migrate], timeoutSeconds: 60}
`+extra)
}

// The pre-deploy Job gates the rollout: it runs before the workload changes, once per
// change of what it runs (not on an `up` that changes nothing), and when it fails `up`
// fails with its reason, the previous pods serve on, and the next `up` runs it again.
func TestPreDeployJobGatesTheRollout(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "pre-deploy")
	s := newYAMLStack(t, ns)
	ctx := context.Background()
	jobs := func() []batchv1.Job {
		t.Helper()
		list, err := kube.Client.BatchV1().Jobs(ns).List(ctx, metav1.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var out []batchv1.Job
		for _, job := range list.Items {
			if strings.HasPrefix(job.Name, "api-pre-deploy-") {
				out = append(out, job)
			}
		}
		return out
	}
	deployedImage := func() string {
		t.Helper()
		d, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, "api", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return d.Spec.Template.Spec.Containers[0].Image
	}

	s.program(ns, preDeployProgram(ns, "nginx:1.27", ""))
	s.mustUp(false)
	first := jobs()
	if len(first) != 1 || first[0].Status.Succeeded != 1 || first[0].Spec.Template.Spec.Containers[0].Command[0] != "/app/migrate" {
		t.Fatalf("pre-deploy Jobs after the first up: %+v", first)
	}
	s.expectNoChanges()
	s.mustUp(false)
	if again := jobs(); len(again) != 1 || again[0].UID != first[0].UID {
		t.Errorf("an up that changed nothing ran the Job again: %d Jobs", len(again))
	}

	s.program(ns, preDeployProgram(ns, "nginx:1.28", ""))
	s.mustUp(false)
	second := jobs()
	if len(second) != 1 || second[0].UID == first[0].UID || second[0].Spec.Template.Spec.Containers[0].Image != "nginx:1.28" {
		t.Fatalf("a new image did not run the Job once with it: %+v", second)
	}
	completed := second[0].Status.CompletionTime
	sets, err := kube.Client.AppsV1().ReplicaSets(ns).List(ctx, metav1.ListOptions{LabelSelector: "app.kubernetes.io/name=api"})
	if err != nil {
		t.Fatal(err)
	}
	for _, rs := range sets.Items {
		if rs.Spec.Template.Spec.Containers[0].Image == "nginx:1.28" && (completed == nil || rs.CreationTimestamp.Before(completed)) {
			t.Errorf("the new ReplicaSet (%s) was created before the Job completed (%v)", rs.CreationTimestamp, completed)
		}
	}
	s.expectNoChanges()

	failing := preDeployProgram(ns, "nginx:1.29", "      podLabels: {"+cluster.FailLabel+": \"true\"}\n")
	s.program(ns, failing)
	out, err := s.up(false)
	if err == nil || !strings.Contains(out, "kubernetes:batch/v1:Job::api-pre-deploy") {
		t.Fatalf("up with a failing pre-deploy Job: want it to fail naming the Job, got %v\n%s", err, out)
	}
	if !strings.Contains(out, "BackoffLimitExceeded") {
		t.Errorf("the failure does not give the Job's reason:\n%s", out)
	}
	if got := deployedImage(); got != "nginx:1.28" {
		t.Errorf("the Deployment runs %s after the Job failed, want the previous nginx:1.28", got)
	}
	if got := servingImages(t, ns, "api"); got != "nginx:1.28" {
		t.Errorf("ready pods run %q after the failed Job, want nginx:1.28", got)
	}
	replaced := slices.ContainsFunc(s.plan(), func(step planStep) bool {
		return strings.HasSuffix(step.URN, "::api-pre-deploy") && strings.Contains(step.Op, "replace")
	})
	if !replaced {
		t.Errorf("the next up of the same program does not run the failed Job again (no replace planned)")
	}

	s.program(ns, preDeployProgram(ns, "nginx:1.29", ""))
	s.mustUp(false)
	if got := deployedImage(); got != "nginx:1.29" {
		t.Errorf("after the Job succeeded the Deployment runs %s, want nginx:1.29", got)
	}
	s.expectNoChanges()
}
