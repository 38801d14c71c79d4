package gcp

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// resolve works out the account id, the disk type and the load balancer's annotations
// once, for Provision; an id that does not fit is reported naming serviceAccountId.
func TestResolve(t *testing.T) {
	args := &ServiceArgs{Project: pulumi.String("p")}
	args.Namespace = pulumi.String("apps")
	lb := &core.Config{Exposure: core.Exposure{Type: core.ServiceLoadBalancer}}
	for _, tc := range []struct{ name, account string }{
		{"api", "api-k8s"},
		{"web", "web-k8s"},
		{"a", "a-k8s-sa"},
		{"a-service-with-a-name-longer-than-thirty", "a-service-with-a-name-longer-t"},
		{"a-service-with-a-name-longer-than-30", "a-service-with-a-name-longer-t"},
		{"a-service-with-a-name-long-er-than-30", "a-service-with-a-name-long-er"},
	} {
		r, errs := args.resolve(tc.name, lb)
		if len(errs) != 0 || r.accountID != tc.account || r.diskType != "pd-balanced" ||
			r.loadBalancerAnnotations["networking.gke.io/load-balancer-type"] != "Internal" {
			t.Errorf("%s: %+v %v, want account %s, pd-balanced and an internal load balancer", tc.name, r, errs, tc.account)
		}
	}
	ssd, bad := DiskType("pd-ssd"), "9-not-an-id"
	args.DiskType, args.ServiceAccountId = &ssd, &bad
	r, errs := args.resolve("api", &core.Config{})
	if r.diskType != "pd-ssd" || r.loadBalancerAnnotations != nil || len(errs) != 1 || errs[0].Field != "serviceAccountId" {
		t.Errorf("%+v %v, want pd-ssd, no annotations and one error on serviceAccountId", r, errs)
	}
}
