//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A database and a cache linked by the program reach the process. The database's host is
// an output of a resource created in the same program (unknown at the first preview; a
// ConfigMap's generated name stands for a database's address), the passwords are secrets
// (`fn::secret`). The process reads every value from its env; no password is in the pod
// spec or in plain text in the stack's state; a changed password rolls the pods without a
// failed request, and the new one is what the process reads.
func TestRealNodeLinksHandOverTheConnection(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-links")
	s := newRealStack(t, ns)
	program := func(password string) string {
		return realWebProgram(ns, "v1", `      links:
        - name: orders
          type: postgres
          host: ${database.metadata.name}
          database: orders
          user: api
          password:
            fn::secret: `+password+`
        - name: sessions
          type: redis
          host: sessions.internal
          password:
            fn::secret: redis-`+password+`
          envNames: {cache_host: REDIS_HOST}
`) + `
  database:
    type: kubernetes:core/v1:ConfigMap
    properties:
      metadata: {namespace: ` + ns + `}
      data: {engine: postgres}
`
	}
	s.program(ns, program("first-p4ss"))
	s.mustUp(false)
	base := serviceURL(t, ns, "web")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)

	maps, err := kube.Client.CoreV1().ConfigMaps(ns).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	host := ""
	for _, m := range maps.Items {
		if strings.HasPrefix(m.Name, "database-") {
			host = m.Name
		}
	}
	expectEnv := func(password string) {
		t.Helper()
		want := map[string]string{
			"orders_db_host": host, "orders_db_port": "5432", "orders_db_name": "orders", "orders_db_user": "api",
			"orders_db_password": password,
			"REDIS_HOST":         "sessions.internal", "sessions_cache_port": "6379", "sessions_cache_auth_token": "redis-" + password,
		}
		for i := 0; i < 5; i++ {
			body, err := get(base + "/env")
			var env map[string]string
			if err != nil || json.Unmarshal([]byte(body), &env) != nil {
				t.Fatalf("/env: %v %q", err, body)
			}
			for k, v := range want {
				if env[k] != v {
					t.Errorf("answer %d: the container's %s is %q, want %q", i, k, env[k], v)
				}
			}
		}
		d, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), "web", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if spec, _ := json.Marshal(d.Spec); strings.Contains(string(spec), password) {
			t.Errorf("the Deployment's spec carries the password")
		}
		state, err := s.pulumi("stack", "export")
		if err != nil {
			t.Fatalf("stack export: %v\n%s", err, state)
		}
		if strings.Contains(state, password) {
			t.Errorf("the stack's state holds the password in plain text")
		}
	}
	if host == "" {
		t.Fatal("the program's database stand-in (a ConfigMap database-…) is missing")
	}
	expectEnv("first-p4ss")

	before := servingPods(t, ns, "web")
	s.program(ns, program("rotated-p4ss"))
	loop := startTraffic(base+"/", "v1")
	s.mustUp(false)
	loop.finish().expectNoneFailed(t, "link password rotation")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)
	for _, p := range servingPods(t, ns, "web") {
		for _, old := range before {
			if p == old {
				t.Errorf("pod %s still serves after the password changed: the pods did not roll", p)
			}
		}
	}
	expectEnv("rotated-p4ss")
}
