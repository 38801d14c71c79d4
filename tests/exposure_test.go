package tests

import (
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const kubeService = "kubernetes:core/v1:Service"

func TestServiceIsClusterIPUnlessAsked(t *testing.T) {
	svc := harness.MustConstruct(t, base(nil)).Only(t, kubeService)
	expect(t, "Service", svc, map[string]string{"spec.type": "ClusterIP"})
	expectAnnotations(t, svc, map[string]string{"pulumi.com/skipAwait": "true"})
}

func TestLoadBalancerServiceIsAwaitedAndReportsItsAddress(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"serviceType":              "LoadBalancer",
		"loadBalancerSourceRanges": []any{"10.0.0.0/8", "192.168.0.0/16"},
		"externalTrafficPolicy":    "Local",
		"serviceAnnotations":       map[string]any{"example.com/team": "shop"},
	}))
	svc := c.Only(t, kubeService)
	expect(t, "Service", svc, map[string]string{
		"spec.type": "LoadBalancer", "spec.externalTrafficPolicy": "Local",
		"spec.loadBalancerSourceRanges[1]": "192.168.0.0/16",
	})
	// pulumi-kubernetes waits for the cloud's address unless told to skip.
	expectAnnotations(t, svc, map[string]string{"example.com/team": "shop", "pulumi.com/skipAwait": ""})
	if got := c.Output(t, "loadBalancerAddress"); got != harness.LoadBalancerIP {
		t.Errorf("loadBalancerAddress = %v, want %s", got, harness.LoadBalancerIP)
	}
}

func TestNodePortService(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"serviceType": "NodePort"}))
	expect(t, "Service", c.Only(t, kubeService), map[string]string{"spec.type": "NodePort"})
	if got := c.Output(t, "loadBalancerAddress"); got != "" {
		t.Errorf("loadBalancerAddress = %v, want empty without a load balancer", got)
	}
}

// Each cloud variant writes its own cloud's annotations for the scheme, internal unless
// external is asked for; the user's serviceAnnotations win.
func TestCloudLoadBalancerSchemes(t *testing.T) {
	lb := map[string]any{"serviceType": "LoadBalancer"}
	cases := []struct {
		name, token string
		in          map[string]any
		want        map[string]string
	}{
		{"aws internal NLB by default", catalogue.AWSToken, catalogue.AWSInputs(lb), map[string]string{
			"service.beta.kubernetes.io/aws-load-balancer-type":            "external",
			"service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
			"service.beta.kubernetes.io/aws-load-balancer-scheme":          "internal",
		}},
		{"aws internet-facing", catalogue.AWSToken, catalogue.AWSInputs(harness.With(lb, map[string]any{"loadBalancerScheme": "external"})),
			map[string]string{"service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing"}},
		{"aws user annotation wins", catalogue.AWSToken, catalogue.AWSInputs(harness.With(lb, map[string]any{
			"serviceAnnotations": map[string]any{"service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "instance"}})),
			map[string]string{"service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "instance"}},
		{"gcp internal passthrough", catalogue.GCPToken, catalogue.GCPInputs(lb),
			map[string]string{"networking.gke.io/load-balancer-type": "Internal"}},
		{"gcp external: GKE's default", catalogue.GCPToken, catalogue.GCPInputs(harness.With(lb, map[string]any{"loadBalancerScheme": "external"})),
			map[string]string{"networking.gke.io/load-balancer-type": ""}},
		{"azure internal", catalogue.AzureToken, catalogue.AzureInputs(lb),
			map[string]string{"service.beta.kubernetes.io/azure-load-balancer-internal": "true"}},
		{"no load balancer, no cloud annotations", catalogue.AWSToken, catalogue.AWSInputs(nil),
			map[string]string{"service.beta.kubernetes.io/aws-load-balancer-type": ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectAnnotations(t, constructVariant(t, tc.token, tc.in).Named(t, kubeService, "app"), tc.want)
		})
	}
}

// expectAnnotations checks an object's annotations; "" wants the key absent.
func expectAnnotations(t *testing.T, o harness.Object, want map[string]string) {
	t.Helper()
	annotations, _ := o.Get("metadata.annotations").(map[string]any)
	for k, w := range want {
		if got, _ := annotations[k].(string); got != w {
			t.Errorf("annotation %s = %q, want %q\n%s", k, got, w, o.JSON())
		}
	}
}
