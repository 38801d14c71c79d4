package core

import (
	"maps"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
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

// The Service is ClusterIP by default; a NodePort or a load balancer needs a port and
// long-running pods; source ranges need a load balancer, the traffic policy a node port.
func TestResolveExposure(t *testing.T) {
	at := field.NewPath("spec")
	ports := []ResolvedPort{{Name: "http", Type: PortHTTP, Port: 80, ServicePort: 80}}
	running := Scaling{Min: 1, Max: 2}
	lb, nodePort, local := ServiceLoadBalancer, ServiceNodePort, ExternalTrafficPolicy("Local")
	if exp, errs := resolveExposure(ExposureArgs{}, ports, running, at); len(errs) != 0 || exp.Type != ServiceClusterIP {
		t.Errorf("default: %+v %v", exp, errs)
	}
	for _, tc := range []struct {
		name    string
		in      ExposureArgs
		scaling Scaling
		field   string
	}{
		{"a load balancer for a cron-only service", ExposureArgs{ServiceType: &lb}, Scaling{}, "spec.serviceType"},
		{"source ranges without a load balancer", ExposureArgs{ServiceType: &nodePort, LoadBalancerSourceRanges: []string{"10.0.0.0/8"}}, running, "spec.loadBalancerSourceRanges"},
		{"host bits in a range", ExposureArgs{ServiceType: &lb, LoadBalancerSourceRanges: []string{"10.0.0.1/8"}}, running, "spec.loadBalancerSourceRanges[0]"},
		{"a traffic policy on ClusterIP", ExposureArgs{ExternalTrafficPolicy: &local}, running, "spec.externalTrafficPolicy"},
	} {
		if _, errs := resolveExposure(tc.in, ports, tc.scaling, at); len(errs) != 1 || errs[0].Field != tc.field {
			t.Errorf("%s: %v, want one error on %s", tc.name, errs, tc.field)
		}
	}
}
