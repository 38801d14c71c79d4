//go:build engine

package engine

import (
	"context"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func policyProgram(ns, policy string) string {
	return "resources:" + service("api", "nginx:1.27", ns, `      port: {http: 8080}
      initialReadinessDelay: 0
`+policy)
}

// The service-to-service policy through the real engine: the API server accepts it, a
// changed source list updates it in place, removing it deletes it, and no second preview
// plans a change. (The tier enforces no policy: what it admits is Kubernetes' semantics of
// the object, checked by the in-process tests.)
func TestNetworkPolicyLifecycle(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "netpol")
	s := newYAMLStack(t, ns)
	ctx := context.Background()
	s.program(ns, policyProgram(ns, `      networkPolicy:
        allowFrom: [{namespace: ingress-nginx}, {service: web}]
        allowEgressTo: [{service: db, ports: [5432]}]
`))
	s.mustUp(false)
	first, err := kube.Client.NetworkingV1().NetworkPolicies(ns).Get(ctx, "api", metav1.GetOptions{})
	if err != nil || len(first.Spec.Ingress) != 1 || len(first.Spec.Ingress[0].From) != 2 || len(first.Spec.Egress) != 2 {
		t.Fatalf("policy %v: %+v", err, first)
	}
	s.expectNoChanges()

	s.program(ns, policyProgram(ns, `      networkPolicy:
        allowFrom: [{service: web}, {service: admin, namespace: ops}]
`))
	s.mustUp(false)
	after, err := kube.Client.NetworkingV1().NetworkPolicies(ns).Get(ctx, "api", metav1.GetOptions{})
	if err != nil || after.UID != first.UID || len(after.Spec.Ingress[0].From) != 2 ||
		after.Spec.Ingress[0].From[1].NamespaceSelector == nil || len(after.Spec.Egress) != 1 || len(after.Spec.Egress[0].To) != 0 {
		t.Errorf("policy after the change (%v): %+v", err, after.Spec)
	}
	s.expectNoChanges()

	s.program(ns, policyProgram(ns, ""))
	s.mustUp(false)
	if _, err := kube.Client.NetworkingV1().NetworkPolicies(ns).Get(ctx, "api", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("the policy is still there after networkPolicy was removed: %v", err)
	}
	s.expectNoChanges()
}
