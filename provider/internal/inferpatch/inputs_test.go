package inferpatch

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type common struct {
	Name  *string           `pulumi:"name,optional"`
	Env   map[string]string `pulumi:"env,optional"`
	Ports []port            `pulumi:"ports,optional"`
}

type port struct {
	Port int  `pulumi:"port"`
	TLS  bool `pulumi:"tls,optional"`
}

type variantArgs struct {
	common
	Image pulumi.StringInput `pulumi:"image"`
}

// What Pulumi YAML sends where the schema says string (booleans, numbers) reaches the Go
// field as the string the user wrote, in embedded structs too; numbers and booleans sent
// as strings become numbers and booleans; secrets stay secret.
func TestNormalizeInputsConvertsScalarsToTheFieldsTypes(t *testing.T) {
	in := property.NewMap(map[string]property.Value{
		"name":  property.New(42.0),
		"env":   property.New(map[string]property.Value{"FLAG": property.New(true), "RATIO": property.New(0.5)}),
		"ports": property.New([]property.Value{property.New(map[string]property.Value{"port": property.New("8080"), "tls": property.New("true")})}),
		"image": property.New("nginx").WithSecret(true),
	})
	out, err := normalizeInputs(in, new(variantArgs))
	if err != nil {
		t.Fatal(err)
	}
	env := out.Get("env").AsMap()
	first := out.Get("ports").AsArray().Get(0).AsMap()
	for what, ok := range map[string]bool{
		"name 42 → \"42\"":         out.Get("name").IsString() && out.Get("name").AsString() == "42",
		"env FLAG true → \"true\"": env.Get("FLAG").AsString() == "true",
		"env RATIO 0.5 → \"0.5\"":  env.Get("RATIO").AsString() == "0.5",
		"port \"8080\" → 8080":     first.Get("port").IsNumber() && first.Get("port").AsNumber() == 8080,
		"tls \"true\" → true":      first.Get("tls").IsBool() && first.Get("tls").AsBool(),
		"image stays secret":       out.Get("image").Secret(),
	} {
		if !ok {
			t.Errorf("%s: got %v", what, out)
		}
	}
}

// A plain field must be known at preview; an input field may be unknown. Every value of
// the wrong kind is reported at once, with its path.
func TestNormalizeInputsReportsEveryBadValueWithItsPath(t *testing.T) {
	in := property.NewMap(map[string]property.Value{
		"ports": property.New([]property.Value{property.New(map[string]property.Value{"port": property.New("eighty")})}),
		"env":   property.New(property.Computed),
		"image": property.New(property.Computed),
	})
	_, err := normalizeInputs(in, new(variantArgs))
	if err == nil {
		t.Fatal("want errors")
	}
	for _, want := range []string{"ports[0].port", "must be a number", "env", "must be known at preview"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "image") {
		t.Errorf("an unknown input-typed value was refused: %v", err)
	}
}
