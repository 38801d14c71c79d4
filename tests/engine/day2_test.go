//go:build engine

package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func webProgram(ns, extra string) string {
	return "resources:" + service("web", "nginx:1.27", ns, `      port: {http: 8080}
      minContainers: 2
      maxContainers: 5
      initialReadinessDelay: 0
`+extra)
}

// The replica count the autoscaler chose survives later updates (ignoreChanges under
// server-side apply, decided by pulumi-kubernetes), with and without preview.
func TestAutoscalerReplicasSurviveUpdates(t *testing.T) {
	t.Parallel()
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("hpa-%v", skipPreview))
			s := newYAMLStack(t, ns)
			s.program(ns, webProgram(ns, ""))
			s.mustUp(skipPreview)
			// Play the autoscaler: scale through the scale subresource, as the HPA does.
			ctx := context.Background()
			scale := &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: ns}, Spec: autoscalingv1.ScaleSpec{Replicas: 4}}
			if _, err := kube.Client.AppsV1().Deployments(ns).UpdateScale(ctx, "web", scale, metav1.UpdateOptions{}); err != nil {
				t.Fatal(err)
			}
			if !eventually(30*time.Second, func() bool { return readyPods(t, ns, "web") == 4 }) {
				t.Fatalf("scaled to 4, %d ready", readyPods(t, ns, "web"))
			}
			s.program(ns, webProgram(ns, "      envVars: {GREETING: hello}\n"))
			s.expectNoCreateOfExisting("an env change after the autoscaler scaled")
			s.mustUp(skipPreview)
			d, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, "web", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if *d.Spec.Replicas != 4 {
				t.Errorf("an env change reset the autoscaler's 4 replicas to %d", *d.Spec.Replicas)
			}
			s.expectNoChanges()
		})
	}
}

// Deployment → StatefulSet → Deployment completes unattended, with ready pods never below
// minContainers while it runs; the StatefulSet's claims stay until the service goes.
func TestWorkloadKindSwitch(t *testing.T) {
	t.Parallel()
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("switch-%v", skipPreview))
			s := newYAMLStack(t, ns)
			storage := "      persistentStorage:\n        - {path: /data, size: 1}\n"
			steps := []struct{ name, extra, kind string }{
				{"Deployment", "", "Deployment"},
				{"to StatefulSet", storage, "StatefulSet"},
				{"back to Deployment", "", "Deployment"},
			}
			for i, step := range steps {
				s.program(ns, webProgram(ns, step.extra))
				var sampler *readySampler
				if i > 0 {
					s.expectNoCreateOfExisting(step.name)
					sampler = sampleReady(t, ns, "web")
				}
				out, err := s.up(skipPreview)
				if sampler != nil {
					if low := sampler.done(); low < 2 {
						t.Errorf("%s: ready pods dropped to %d; want at least minContainers (2)", step.name, low)
					}
				}
				if err != nil {
					t.Fatalf("%s: %v\n%s", step.name, err, out)
				}
				if !eventually(60*time.Second, func() bool { return workloadKinds(t, ns) == step.kind }) {
					t.Errorf("%s: workloads %q, want only a %s", step.name, workloadKinds(t, ns), step.kind)
				}
				s.expectNoChanges()
			}
			if _, ok := claims(t, ns)["data-web-0"]; !ok {
				t.Errorf("leaving StatefulSet deleted its claims; they go only with the service")
			}
			s.destroy()
			if !eventually(60*time.Second, func() bool { return len(claims(t, ns)) == 0 }) {
				t.Errorf("destroy left claims %v", keys(claims(t, ns)))
			}
		})
	}
}

func workloadKinds(t *testing.T, ns string) string {
	ctx := context.Background()
	var kinds []string
	if d, err := kube.Client.AppsV1().Deployments(ns).List(ctx, metav1.ListOptions{}); err == nil && len(d.Items) > 0 {
		kinds = append(kinds, "Deployment")
	}
	if s, err := kube.Client.AppsV1().StatefulSets(ns).List(ctx, metav1.ListOptions{}); err == nil && len(s.Items) > 0 {
		kinds = append(kinds, "StatefulSet")
	}
	return strings.Join(kinds, "+")
}
