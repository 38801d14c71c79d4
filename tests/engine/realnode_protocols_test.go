//go:build engine

package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	"golang.org/x/net/websocket"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	batchv1 "k8s.io/api/batch/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/node"
)

// A gRPC port and a WebSocket answer through the Service: the gRPC health service on the
// grpc port, an echo over a WebSocket upgraded on the http port.
func TestRealNodeGRPCAndWebSocketThroughTheService(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-protocols")
	s := newRealStack(t, ns)
	s.program(ns, "resources:"+service("web", realNode.app["v1"], ns, `      ports:
        - {name: web, type: http, port: 8080}
        - {name: grpc, type: tcp, port: 9090, protocol: grpc}
      probePort: web
      healthcheckPath: /healthz
`))
	s.mustUp(false)
	svc, err := kube.Client.CoreV1().Services(ns).Get(context.Background(), "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ports := map[string]int32{}
	for _, p := range svc.Spec.Ports {
		ports[p.Name] = p.Port
	}
	awaitServedBy(t, fmt.Sprintf("http://%s:%d/", svc.Spec.ClusterIP, ports["web"]), servingPods(t, ns, "web")...)

	conn, err := grpc.NewClient(fmt.Sprintf("%s:%d", svc.Spec.ClusterIP, ports["grpc"]), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	health, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil || health.Status != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("gRPC health through the Service: %v %v", health, err)
	}

	ws, err := websocket.Dial(fmt.Sprintf("ws://%s:%d/ws", svc.Spec.ClusterIP, ports["web"]), "", "http://localhost/")
	if err != nil {
		t.Fatalf("WebSocket through the Service: %v", err)
	}
	defer ws.Close()
	_ = ws.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := ws.Write([]byte("ping over a websocket")); err != nil {
		t.Fatal(err)
	}
	echo := make([]byte, 64)
	n, err := ws.Read(echo)
	if err != nil || string(echo[:n]) != "ping over a websocket" {
		t.Errorf("the WebSocket echoed %q (%v)", echo[:n], err)
	}
}

// A cron job's pod runs for real, with the service's image and env, to completion: its
// command (the application's check-env) exits 0 only if the image's VERSION and the
// service's env are there.
func TestRealNodeCronJobRunsToCompletion(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-cron")
	s := newRealStack(t, ns)
	s.program(ns, realWebProgramOf(ns, realNode.app["v1"], 1, `      envVars:
        GREETING: hello
      cronJobs:
        - name: check
          commands: [/app, check-env, GREETING=hello, VERSION=v1]
          schedule: "* * * * *"
`))
	s.mustUp(false)
	var done *batchv1.Job
	eventually(150*time.Second, func() bool {
		jobs, err := kube.Client.BatchV1().Jobs(ns).List(context.Background(), metav1.ListOptions{})
		if err != nil {
			return false
		}
		for i, j := range jobs.Items {
			if j.Status.Succeeded > 0 {
				done = &jobs.Items[i]
				return true
			}
		}
		return false
	})
	if done == nil {
		t.Fatal("no run of the cron job completed within 150 s")
	}
	pods, err := kube.Client.CoreV1().Pods(ns).List(context.Background(), metav1.ListOptions{LabelSelector: batchv1.JobNameLabel + "=" + done.Name})
	if err != nil || len(pods.Items) == 0 {
		t.Fatalf("the job's pods: %v", err)
	}
	for _, p := range pods.Items {
		if p.Spec.NodeName != node.Name || p.Status.ContainerStatuses[0].State.Terminated == nil || p.Status.ContainerStatuses[0].State.Terminated.ExitCode != 0 {
			t.Errorf("the job's pod %s on %q did not run to exit 0: %+v", p.Name, p.Spec.NodeName, p.Status.ContainerStatuses)
		}
	}
}
