//go:build engine

package engine

import (
	"context"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Load raises the replicas: metrics-server on the real node reports the pods' CPU, the
// HorizontalPodAutoscaler the component made adds pods, and a later `pulumi up` (an env
// change, which rolls the pods) leaves the autoscaler's count alone.
func TestRealNodeAutoscalerScalesUnderLoad(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-autoscaling")
	s := newRealStack(t, ns)
	program := func(mode string) string {
		return "resources:" + service("web", realNode.app["v1"], ns, `      port: {http: 8080}
      healthcheckPath: /healthz
      minContainers: 1
      maxContainers: 3
      autoscalingTargetCpuPercentage: 50
      resourceRequest: {cpu: 50, memory: 64}
      envVars:
        MODE: `+mode+`
`)
	}
	s.program(ns, program("first"))
	s.mustUp(false)
	url := serviceURL(t, ns, "web")
	awaitServedBy(t, url+"/", servingPods(t, ns, "web")...)

	// Four clients, each keeping a CPU busy 200 ms a request, for at most 4 minutes.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			deadline := time.Now().Add(4 * time.Minute)
			for time.Now().Before(deadline) {
				select {
				case <-stop:
					return
				default:
				}
				_, _ = get(url + "/burn?ms=200")
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()

	replicas := func() int32 {
		hpa, err := kube.Client.AutoscalingV2().HorizontalPodAutoscalers(ns).Get(context.Background(), "web", metav1.GetOptions{})
		if err != nil {
			return 0
		}
		return hpa.Status.DesiredReplicas
	}
	if !eventually(3*time.Minute, func() bool { return replicas() >= 2 }) {
		hpa, _ := kube.Client.AutoscalingV2().HorizontalPodAutoscalers(ns).Get(context.Background(), "web", metav1.GetOptions{})
		t.Fatalf("the autoscaler did not add a pod under load within 3 minutes: %+v", hpa.Status)
	}
	scaled := replicas()
	t.Logf("under load the autoscaler wants %d replicas", scaled)

	s.program(ns, program("second"))
	s.mustUp(false)
	d, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if *d.Spec.Replicas < 2 {
		t.Errorf("after up the Deployment has %d replicas; the autoscaler had %d under load", *d.Spec.Replicas, scaled)
	}
}
