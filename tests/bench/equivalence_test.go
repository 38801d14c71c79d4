package bench

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/plain"
)

func registrations(t *testing.T, program pulumi.RunFunc) map[string]resource.PropertyMap {
	t.Helper()
	r := &recorder{keep: true, registered: map[string]resource.PropertyMap{}}
	if err := run(r, program); err != nil {
		t.Fatal(err)
	}
	kubernetes := map[string]resource.PropertyMap{}
	for k, v := range r.registered {
		if strings.HasPrefix(k, "kubernetes:") {
			kubernetes[k] = v
		}
	}
	return kubernetes
}

// The comparison is only fair if both sides register the same objects with the same
// inputs; this test keeps declareDirect in step with the component.
func TestDirectDeclarationMatchesTheComponent(t *testing.T) {
	component := registrations(t, func(ctx *pulumi.Context) error {
		_, err := plain.NewService(ctx, "svc0", &plain.ServiceArgs{ServiceArgs: *fullArgs()})
		return err
	})
	direct := registrations(t, func(ctx *pulumi.Context) error { return declareDirect(ctx, "svc0") })
	if len(component) != 15 {
		t.Errorf("the full-featured service registers %d Kubernetes objects, want 15", len(component))
	}
	for key, want := range component {
		got, ok := direct[key]
		if !ok {
			t.Errorf("direct declaration lacks %s", key)
			continue
		}
		if !reflect.DeepEqual(got.Mappable(), want.Mappable()) {
			t.Errorf("%s differs:\n component %v\n direct    %v", key, want.Mappable(), got.Mappable())
		}
	}
	for key := range direct {
		if _, ok := component[key]; !ok {
			t.Errorf("direct declaration has extra %s", key)
		}
	}
}
