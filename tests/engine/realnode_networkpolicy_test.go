//go:build engine

package engine

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// NetworkPolicies the component writes are enforced on the real node (kube-router's
// firewall): api admits only the client service's pods, so a request from client gets
// through while one from a stranger of the same namespace and one from a pod of another
// namespace do not; client may only reach api (allowEgressTo), not the stranger.
func TestRealNodeNetworkPoliciesAreEnforced(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-netpol")
	other := onRealNode(t, "real-netpol-other")
	web := func(name, extra string) string {
		return service(name, realNode.app["v1"], ns, "      port: {http: 8080}\n      healthcheckPath: /healthz\n"+extra)
	}
	s := newRealStack(t, ns)
	s.program(ns, "resources:"+
		web("api", "      networkPolicy:\n        allowFrom: [{service: client}]\n")+
		web("client", "      networkPolicy:\n        allowFrom: []\n        allowEgressTo: [{service: api, ports: [8080]}]\n")+
		web("stranger", ""))
	s.mustUp(false)
	outsider := newRealStack(t, other)
	outsider.program(other, "resources:"+service("outsider", realNode.app["v1"], other, "      port: {http: 8080}\n"))
	outsider.mustUp(false)

	api, stranger := serviceURL(t, ns, "api")+"/", serviceURL(t, ns, "stranger")+"/"
	from := func(namespace, svc, target string) (string, error) {
		p := firstServing(t, namespace, svc)
		return askPod(p, "/fetch?url="+url.QueryEscape(target))
	}
	// The allowed paths first, until they answer: each target is routed and the engine has
	// applied the policies (a moment after the pods start), so a refusal after is the
	// policy's, not a Service that kube-proxy has not programmed yet.
	for _, c := range []struct{ what, svc, target string }{
		{"client → api, which api admits", "client", api},
		{"stranger → stranger, which no policy covers", "stranger", stranger},
	} {
		var body string
		var err error
		if !eventually(30*time.Second, func() bool {
			body, err = from(ns, c.svc, c.target)
			return err == nil && strings.Contains(body, `"version":"v1"`)
		}) {
			t.Fatalf("%s did not get through: %v %q", c.what, err, body)
		}
	}
	for _, c := range []struct{ what, namespace, svc, target string }{
		{"stranger → api (api admits only client)", ns, "stranger", api},
		{"a pod of another namespace → api", other, "outsider", api},
		{"client → stranger (client may only reach api)", ns, "client", stranger},
	} {
		if body, err := from(c.namespace, c.svc, c.target); err == nil {
			t.Errorf("%s got through: %q", c.what, body)
		} else {
			t.Logf("%s: refused (%v)", c.what, err)
		}
	}
}

// firstServing is one Ready pod of the service.
func firstServing(t *testing.T, ns, svc string) corev1.Pod {
	t.Helper()
	list, err := kube.Client.CoreV1().Pods(ns).List(context.Background(), metav1.ListOptions{LabelSelector: "app.kubernetes.io/name=" + svc})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list.Items {
		if p.DeletionTimestamp == nil && ready(&p) {
			return p
		}
	}
	t.Fatalf("no Ready pod of %s/%s", ns, svc)
	return corev1.Pod{}
}
