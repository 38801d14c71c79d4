package core

import (
	"maps"
	"strings"
	"testing"
)

// The scheme is checked against the Service type the core resolved (ClusterIP by default)
// and gives the cloud's annotations only to a LoadBalancer Service: internal unless asked.
func TestResolveScheme(t *testing.T) {
	byScheme := map[LoadBalancerScheme]map[string]string{
		SchemeInternal: {"lb": "internal"},
		SchemeExternal: {"lb": "external"},
	}
	external := SchemeExternal
	lb := Exposure{Type: ServiceLoadBalancer}
	for _, tc := range []struct {
		name     string
		args     LoadBalancerArgs
		exposure Exposure
		want     map[string]string
		err      string
	}{
		{"a load balancer is internal by default", LoadBalancerArgs{}, lb, byScheme[SchemeInternal], ""},
		{"external when asked", LoadBalancerArgs{LoadBalancerScheme: &external}, lb, byScheme[SchemeExternal], ""},
		{"no annotations without a load balancer", LoadBalancerArgs{}, Exposure{Type: ServiceClusterIP}, nil, ""},
		{"a scheme without a load balancer", LoadBalancerArgs{LoadBalancerScheme: &external}, Exposure{Type: ServiceNodePort}, nil,
			"loadBalancerScheme: Forbidden: only a LoadBalancer Service has a scheme"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := tc.args.ResolveScheme(tc.exposure, byScheme)
			if !maps.Equal(got, tc.want) {
				t.Errorf("annotations %v, want %v", got, tc.want)
			}
			if msg := errs.ToAggregate(); (tc.err == "") != (msg == nil) || (msg != nil && !strings.Contains(msg.Error(), tc.err)) {
				t.Errorf("errors %v, want %q", msg, tc.err)
			}
		})
	}
}
