//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// What the component hands the container is what the running process reads: env values,
// secrets, env from an existing ConfigMap, config and secret files. A rotated secret rolls
// the pods and every answer after `up` carries the new value.
func TestRealNodeContainerReadsItsConfiguration(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-config")
	extra := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "extra"}, Data: map[string]string{"FROM_CONFIGMAP": "shared"}}
	if _, err := kube.Client.CoreV1().ConfigMaps(ns).Create(context.Background(), extra, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	s := newRealStack(t, ns)
	program := func(token string) string {
		return realWebProgram(ns, "v1", `      envVars:
        GREETING: hello
      secrets:
        TOKEN: `+token+`
      envFrom:
        - configMap: extra
      configFiles:
        /etc/app/config.json: '{"mode":"real"}'
      secretFiles:
        /etc/app/key.txt: key-`+token+`
`)
	}
	s.program(ns, program("first"))
	s.mustUp(false)
	base := serviceURL(t, ns, "web")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)

	expectEnv := func(token string) {
		t.Helper()
		for i := 0; i < 10; i++ {
			body, err := get(base + "/env")
			var env map[string]string
			if err != nil || json.Unmarshal([]byte(body), &env) != nil {
				t.Fatalf("/env: %v %q", err, body)
			}
			for k, want := range map[string]string{"GREETING": "hello", "TOKEN": token, "FROM_CONFIGMAP": "shared"} {
				if env[k] != want {
					t.Errorf("answer %d: the container's %s is %q, want %q", i, k, env[k], want)
				}
			}
			for path, want := range map[string]string{"/etc/app/config.json": `{"mode":"real"}`, "/etc/app/key.txt": "key-" + token} {
				if got, err := get(base + "/file?path=" + path); err != nil || got != want {
					t.Errorf("answer %d: %s reads %q (%v), want %q", i, path, got, err, want)
				}
			}
		}
	}
	expectEnv("first")

	s.program(ns, program("rotated"))
	loop := startTraffic(base+"/", "v1")
	s.mustUp(false)
	loop.finish().expectNoneFailed(t, "secret rotation")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)
	expectEnv("rotated")
}
