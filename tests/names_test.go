package tests

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// The names of objects the service refers to may be unknown at preview (an object created
// beside it with a generated name): the preview succeeds, and each reference reaches the
// rendered objects as the unknown value, not as a default or an empty name.
func TestNamesMayBeUnknownAtPreview(t *testing.T) {
	unknown := harness.UnknownValue()
	in := harness.Props(base(map[string]any{
		"publicUri":         []any{"api.example.com"},
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 1}},
	})).
		Set("priorityClassName", unknown).
		Set("storageClassName", unknown).
		Set("imagePullSecrets", property.New([]property.Value{unknown})).
		Set("envFrom", property.New([]property.Value{property.New(map[string]property.Value{"configMap": unknown})})).
		Set("envVarsFrom", property.New(map[string]property.Value{"MODE": property.New(map[string]property.Value{
			"secret": unknown, "key": property.New("mode")})})).
		Set("tls", property.New([]property.Value{property.New(map[string]property.Value{"clusterIssuer": unknown})}))
	c := harness.Construct(t, "k8s-service:index:Service", "app", in, true)
	if c.Err != nil {
		t.Fatalf("preview with unknown names: %v", c.Err)
	}
	set := c.Only(t, "kubernetes:apps/v1:StatefulSet").Raw
	pod := set.Get("spec").AsMap().Get("template").AsMap().Get("spec").AsMap()
	container := pod.Get("containers").AsArray().Get(0).AsMap()
	for what, v := range map[string]property.Value{
		"priorityClassName":        pod.Get("priorityClassName"),
		"imagePullSecrets[0].name": pod.Get("imagePullSecrets").AsArray().Get(0).AsMap().Get("name"),
		"envFrom[0].configMapRef":  container.Get("envFrom").AsArray().Get(0).AsMap().Get("configMapRef").AsMap().Get("name"),
		"claim storageClassName":   set.Get("spec").AsMap().Get("volumeClaimTemplates").AsArray().Get(0).AsMap().Get("spec").AsMap().Get("storageClassName"),
		"ingress cluster-issuer": c.Only(t, "kubernetes:networking.k8s.io/v1:Ingress").Raw.Get("metadata").AsMap().
			Get("annotations").AsMap().Get("cert-manager.io/cluster-issuer"),
	} {
		if !v.IsComputed() {
			t.Errorf("%s = %v, want the unknown name", what, v)
		}
	}
}
