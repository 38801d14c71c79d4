//go:build engine

package engine

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// realStatefulProgram is the application as a StatefulSet of two pods, each with a volume
// at /data where its /data endpoint reads and writes; without storage, a Deployment.
func realStatefulProgram(ns, version string, sizeGiB int) string {
	storage := ""
	if sizeGiB > 0 {
		storage = fmt.Sprintf("      persistentStorage:\n        - {path: /data, size: %d}\n", sizeGiB)
	}
	return realWebProgram(ns, version, "      envVars:\n        DATA_DIR: /data\n"+storage)
}

// Bytes a pod writes to its volume are read back by the pod of the same ordinal after an
// image update (which drops no request on the way), a resize (which `up` says is still
// growing while the driver works) and a round trip through a Deployment and back.
func TestRealNodeVolumesKeepTheirBytes(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-storage")
	s := newRealStack(t, ns)
	s.program(ns, realStatefulProgram(ns, "v1", 1))
	s.mustUp(false)
	for _, p := range []string{"web-0", "web-1"} {
		if err := putData(t, ns, p, "bytes of "+p); err != nil {
			t.Fatal(err)
		}
	}
	url := serviceURL(t, ns, "web") + "/"
	awaitServedBy(t, url, "web-0", "web-1")

	s.program(ns, realStatefulProgram(ns, "v2", 1))
	loop := startTraffic(url, "v1", "v2")
	s.mustUp(false)
	loop.finish().expectNoneFailed(t, "StatefulSet image update v1 → v2")
	expectData(t, ns, "after the image update")

	s.program(ns, realStatefulProgram(ns, "v2", 2))
	out := s.mustUp(false)
	if !strings.Contains(out, "asks for 2Gi and has 1Gi") {
		t.Errorf("up returned while the volumes still grow (the driver takes %s) without saying so:\n%s", "10 s", out)
	}
	grown := eventually(60*time.Second, func() bool {
		for _, c := range claims(t, ns) {
			if c.Status.Capacity.Storage().Cmp(resource.MustParse("2Gi")) < 0 {
				return false
			}
		}
		return true
	})
	if !grown {
		t.Errorf("the claims did not grow to 2Gi: %v", claims(t, ns))
	}
	expectData(t, ns, "after the resize")

	s.program(ns, realStatefulProgram(ns, "v2", 0))
	s.mustUp(false)
	s.program(ns, realStatefulProgram(ns, "v2", 2))
	s.mustUp(false)
	expectData(t, ns, "after a round trip through a Deployment")
}

// putData writes body to the volume of the pod named name, through its own address.
func putData(t *testing.T, ns, name, body string) error {
	t.Helper()
	p, err := kube.Client.CoreV1().Pods(ns).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPut, fmt.Sprintf("http://%s:8080/data", p.Status.PodIP), strings.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := request.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("PUT /data on %s: %s", name, resp.Status)
	}
	return nil
}

// expectData reads each pod's volume back once its pod is Ready.
func expectData(t *testing.T, ns, when string) {
	t.Helper()
	for _, name := range []string{"web-0", "web-1"} {
		var p *corev1.Pod
		eventually(60*time.Second, func() bool {
			var err error
			p, err = kube.Client.CoreV1().Pods(ns).Get(context.Background(), name, metav1.GetOptions{})
			return err == nil && p.DeletionTimestamp == nil && ready(p)
		})
		got, err := askPod(*p, "/data")
		if err != nil || got != "bytes of "+name {
			t.Errorf("%s, %s's volume reads %q (%v), want what it wrote", when, name, got, err)
		}
	}
}
