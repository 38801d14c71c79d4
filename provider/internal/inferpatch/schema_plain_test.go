package inferpatch

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type portSpec struct {
	Name string             `pulumi:"name"`
	Arn  pulumi.StringInput `pulumi:"arn,optional"`
}

type schemaArgs struct {
	Ports []portSpec         `pulumi:"ports"`
	Image pulumi.StringInput `pulumi:"image"`
	Tags  map[string]string  `pulumi:"tags,optional"`
}

// Every input property whose Go field is not a pulumi.Input is marked plain, down through
// the object types it refers to; Input fields stay inputs.
func TestMarkPlainMarksNonInputFieldsDownThroughObjectTypes(t *testing.T) {
	types := map[string]any{
		"pkg:index:Port": map[string]any{"properties": map[string]any{
			"name": map[string]any{"type": "string"},
			"arn":  map[string]any{"type": "string"},
		}},
	}
	properties := map[string]any{
		"ports": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/types/pkg:index:Port"}},
		"image": map[string]any{"type": "string"},
		"tags":  map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}},
	}
	markPlain(properties, reflect.TypeFor[schemaArgs](), types, map[string]bool{})
	plain := func(m any) bool { p, _ := m.(map[string]any)["plain"].(bool); return p }
	port := types["pkg:index:Port"].(map[string]any)["properties"].(map[string]any)
	for what, ok := range map[string]bool{
		"ports plain":       plain(properties["ports"]),
		"tags plain":        plain(properties["tags"]),
		"image an input":    !plain(properties["image"]),
		"Port.name plain":   plain(port["name"]),
		"Port.arn an input": !plain(port["arn"]),
	} {
		if !ok {
			t.Errorf("%s: properties %v, Port %v", what, properties, port)
		}
	}
}
