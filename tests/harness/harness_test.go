package harness

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// The other tests read children through Get; a lookup that quietly returned nil or the
// wrong element would make their assertions vacuous.
func TestGetReadsNestedPathsAndMissesCleanly(t *testing.T) {
	inputs := Props(map[string]any{
		"spec": map[string]any{"containers": []any{
			map[string]any{"name": "a", "ports": []any{map[string]any{"containerPort": 80}}},
			map[string]any{"name": "b"},
		}},
	}).Set("secret", property.New("s").WithSecret(true))
	o := Object{Raw: inputs, plain: Plain(inputs)}
	for path, want := range map[string]any{
		"spec.containers[0].name":                   "a",
		"spec.containers[1].name":                   "b",
		"spec.containers[0].ports[0].containerPort": 80.0,
		"spec.containers[2].name":                   nil,
		"spec.missing.deeper":                       nil,
		"secret":                                    SecretValue{"s"},
	} {
		if got := o.Get(path); got != want {
			t.Errorf("Get(%q) = %#v, want %#v", path, got, want)
		}
	}
}
