//go:build engine

package engine

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// Hands on the cluster between two `up`s, as operators do (docs/operations.md, "Drift"):
// `pulumi refresh` of an untouched service plans nothing; after `kubectl scale` the
// replicas stay; after `kubectl set image`, `kubectl edit` and `kubectl rollout undo`,
// `pulumi up --refresh` (or the next deploy of a change) brings the Deployment back to the
// program with no field manager conflict; and a rollback across a secret rotation finds
// the Secret its pods read.
func TestDriftIsBroughtBackToTheProgram(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ns := namespace(t, "drift")
	s := newYAMLStack(t, ns)
	program := func(image, greeting string) string {
		return "resources:" + service("web", image, ns, `      port: {http: 8080}
      minContainers: 2
      maxContainers: 5
      initialReadinessDelay: 0
      envVars: {GREETING: `+greeting+`}
      secrets: {API_TOKEN: "${apiToken}"}
`)
	}
	config := func(value string) {
		if out, err := s.pulumi("config", "set", "--secret", "apiToken", value); err != nil {
			t.Fatalf("config set: %v\n%s", err, out)
		}
	}
	upRefresh := func(what string) {
		t.Helper()
		if out, err := s.pulumi("up", "--yes", "--refresh", "--diff"); err != nil {
			t.Fatalf("%s: pulumi up --refresh: %v\n%s", what, err, out)
		}
		s.expectNoChanges()
	}
	deployment := func() *appsv1.Deployment {
		t.Helper()
		d, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, "web", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	config("one")
	s.program(ns, program("nginx:1.27", "hello"))
	s.mustUp(false)

	// An untouched service: refresh finds nothing to change.
	if out, err := s.pulumi("refresh", "--yes", "--diff"); err != nil {
		t.Fatalf("pulumi refresh: %v\n%s", err, out)
	}
	s.expectNoChanges()

	// A secret rotation, then `kubectl rollout undo`: the previous ReplicaSet's pods read
	// the previous Secret, which is still there.
	firstSecret := secretRef(deployment())
	config("two")
	s.expectNoCreateOfExisting("a secret rotation")
	s.mustUp(false)
	if secretRef(deployment()) == firstSecret {
		t.Fatalf("the rotation did not change the Secret the pods read (%s)", firstSecret)
	}
	rolloutUndo(t, ns, "web")
	if got := secretRef(deployment()); got != firstSecret {
		t.Fatalf("after the undo the pods read %s, want %s", got, firstSecret)
	}
	if _, err := kube.Client.CoreV1().Secrets(ns).Get(ctx, firstSecret, metav1.GetOptions{}); err != nil {
		t.Errorf("the Secret the rolled-back pods read is gone: %v", err)
	}
	upRefresh("after rollout undo")
	if got := secretRef(deployment()); got == firstSecret {
		t.Errorf("pulumi up --refresh left the rolled-back template (Secret %s)", got)
	}

	// `kubectl set image`, then `pulumi up --refresh`.
	d := deployment()
	d.Spec.Template.Spec.Containers[0].Image = "nginx:1.26"
	if _, err := kube.Client.AppsV1().Deployments(ns).Update(ctx, d, metav1.UpdateOptions{FieldManager: "kubectl-set"}); err != nil {
		t.Fatal(err)
	}
	upRefresh("after kubectl set image")
	if got := deployment().Spec.Template.Spec.Containers[0].Image; got != "nginx:1.27" {
		t.Errorf("after pulumi up --refresh the image is %s, want the program's nginx:1.27", got)
	}

	// `kubectl edit` of a managed field, then the next deploy of a change, without refresh:
	// no field manager conflict, and the edit is undone with it.
	d = deployment()
	d.Spec.Template.Spec.Containers[0].Env[0].Value = "edited"
	if _, err := kube.Client.AppsV1().Deployments(ns).Update(ctx, d, metav1.UpdateOptions{FieldManager: "kubectl-edit"}); err != nil {
		t.Fatal(err)
	}
	s.program(ns, program("nginx:1.28", "hello"))
	s.expectNoCreateOfExisting("the deploy after kubectl edit")
	if out, err := s.up(false); err != nil {
		t.Fatalf("the deploy after kubectl edit: %v\n%s", err, out)
	}
	if env := deployment().Spec.Template.Spec.Containers[0].Env[0]; env.Name != "GREETING" || env.Value != "hello" {
		t.Errorf("after the deploy %s=%q, want the program's GREETING=hello", env.Name, env.Value)
	}
	s.expectNoChanges()

	// `kubectl scale` (as the autoscaler would): refresh and up keep the count.
	scale := &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: ns}, Spec: autoscalingv1.ScaleSpec{Replicas: 4}}
	if _, err := kube.Client.AppsV1().Deployments(ns).UpdateScale(ctx, "web", scale, metav1.UpdateOptions{FieldManager: "kubectl-scale"}); err != nil {
		t.Fatal(err)
	}
	upRefresh("after kubectl scale")
	if got := *deployment().Spec.Replicas; got != 4 {
		t.Errorf("pulumi up --refresh reset the scaled replicas to %d, want 4", got)
	}
}

// secretRef is the Secret the Deployment's pods read their first secret env var from.
func secretRef(d *appsv1.Deployment) string {
	for _, e := range d.Spec.Template.Spec.Containers[0].Env {
		if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
			return e.ValueFrom.SecretKeyRef.Name
		}
	}
	return ""
}

// rolloutUndo does what `kubectl rollout undo deployment/<name>` does: the template of the
// previous revision's ReplicaSet back into the Deployment. It waits for the rollout.
func rolloutUndo(t *testing.T, ns, name string) {
	t.Helper()
	ctx := context.Background()
	d, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	current, _ := strconv.Atoi(d.Annotations["deployment.kubernetes.io/revision"])
	sets, err := kube.Client.AppsV1().ReplicaSets(ns).List(ctx, metav1.ListOptions{
		LabelSelector: labels.SelectorFromSet(d.Spec.Selector.MatchLabels).String()})
	if err != nil {
		t.Fatal(err)
	}
	for _, rs := range sets.Items {
		if rs.Annotations["deployment.kubernetes.io/revision"] != fmt.Sprint(current-1) {
			continue
		}
		template := rs.Spec.Template.DeepCopy()
		delete(template.Labels, appsv1.DefaultDeploymentUniqueLabelKey)
		d.Spec.Template = *template
		if _, err := kube.Client.AppsV1().Deployments(ns).Update(ctx, d, metav1.UpdateOptions{FieldManager: "kubectl-rollout"}); err != nil {
			t.Fatal(err)
		}
		if !eventually(60*time.Second, func() bool {
			d, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, name, metav1.GetOptions{})
			return err == nil && d.Status.ObservedGeneration == d.Generation && d.Status.UpdatedReplicas == *d.Spec.Replicas &&
				d.Status.ReadyReplicas == *d.Spec.Replicas && d.Status.Replicas == *d.Spec.Replicas
		}) {
			t.Fatalf("the undo's rollout did not complete")
		}
		return
	}
	t.Fatalf("no ReplicaSet of revision %d to undo to", current-1)
}
