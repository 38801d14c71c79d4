package tests

import (
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const networkPolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy"

// networkPolicy admits only its sources, to the declared ports, in the baseline profile
// too; with allowEgressTo the pods reach only DNS and those destinations.
func TestNetworkPolicyAdmitsOnlyItsSources(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"networkPolicy": map[string]any{
		"allowFrom": []any{
			map[string]any{"namespace": "ingress-nginx"},
			map[string]any{"service": "frontend"},
			map[string]any{"service": "billing", "namespace": "payments"},
		},
		"allowEgressTo": []any{
			map[string]any{"service": "db", "ports": []any{5432}},
			map[string]any{"cidr": "10.20.0.0/16"},
		},
	}}))
	policy := c.Only(t, networkPolicyType)
	expect(t, "NetworkPolicy", policy, map[string]string{
		"spec.ingress[0].ports[0].port":                         "80",
		"spec.ingress[0].from[0].namespaceSelector.matchLabels": "map[kubernetes.io/metadata.name:ingress-nginx]",
		"spec.ingress[0].from[0].podSelector":                   "",
		"spec.ingress[0].from[1].podSelector.matchLabels":       "map[app.kubernetes.io/name:frontend]",
		"spec.ingress[0].from[1].namespaceSelector":             "",
		"spec.ingress[0].from[2].podSelector.matchLabels":       "map[app.kubernetes.io/name:billing]",
		"spec.ingress[0].from[2].namespaceSelector.matchLabels": "map[kubernetes.io/metadata.name:payments]",
		"spec.policyTypes[1]":                                   "Egress",
		"spec.egress[0].ports[0].port":                          "53",
		"spec.egress[0].ports[0].protocol":                      "UDP",
		"spec.egress[0].to":                                     "",
		"spec.egress[1].to[0].podSelector.matchLabels":          "map[app.kubernetes.io/name:db]",
		"spec.egress[1].ports[0].port":                          "5432",
		"spec.egress[2].to[0].ipBlock.cidr":                     "10.20.0.0/16",
		"spec.egress[2].ports":                                  "",
	})
}

// An empty allowFrom admits nothing; without allowEgressTo egress stays open.
func TestNetworkPolicyDenyAll(t *testing.T) {
	policy := harness.MustConstruct(t, base(map[string]any{"networkPolicy": map[string]any{}})).Only(t, networkPolicyType)
	expect(t, "NetworkPolicy", policy, map[string]string{"spec.ingress": "", "spec.egress[0]": "map[]"})
}

// Without networkPolicy the baseline profile makes none.
func TestNoNetworkPolicyUnlessAsked(t *testing.T) {
	if n := len(harness.MustConstruct(t, base(nil)).All(networkPolicyType)); n != 0 {
		t.Errorf("%d NetworkPolicies without networkPolicy or the restricted profile", n)
	}
}
