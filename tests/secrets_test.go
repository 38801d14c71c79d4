package tests

import (
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

const secretValueText = "s3cr3t-p4ss"

// secretInputs marks `secrets` as a whole secret, as the generated SDKs do.
func secretInputs() property.Map {
	in := harness.Props(base(map[string]any{
		"envVars":  map[string]any{"MODE": "web"},
		"cronJobs": []any{map[string]any{"commands": []any{"env"}, "schedule": "@hourly"}},
	}))
	secrets := property.New(property.NewMap(map[string]property.Value{
		"DB_PASSWORD": property.New(secretValueText),
	})).WithSecret(true)
	return in.Set("secrets", secrets)
}

func TestSecretsStaySecretAndReachPodsByReference(t *testing.T) {
	c := harness.Construct(t, "k8s-service:index:Service", "app", secretInputs(), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	secret := c.Only(t, "kubernetes:core/v1:Secret")
	data := secret.Raw.Get("stringData")
	value, ok := data.AsMap().GetOk("DB_PASSWORD")
	if !ok || !(data.Secret() || value.Secret()) || value.AsString() != secretValueText {
		t.Fatalf("Secret stringData.DB_PASSWORD must hold the value, marked secret; got %v", secret.Raw.Get("stringData"))
	}
	if secret.Get("metadata.name") != nil {
		t.Errorf("the Secret's name must be generated so that a changed value replaces it and rolls the pods")
	}
	expect(t, "Secret", secret, map[string]string{"immutable": "true", "type": "Opaque"})

	for _, typ := range []string{"kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob"} {
		obj := c.Only(t, typ)
		if strings.Contains(obj.JSON(), secretValueText) {
			t.Errorf("%s carries the secret value:\n%s", typ, obj.JSON())
		}
		prefix := container
		if typ == "kubernetes:batch/v1:CronJob" {
			prefix = "spec.jobTemplate.spec.template.spec.containers[0]."
		}
		expect(t, typ, obj, map[string]string{
			prefix + "env[0].name":                        "MODE",
			prefix + "env[1].name":                        "DB_PASSWORD",
			prefix + "env[1].valueFrom.secretKeyRef.key":  "DB_PASSWORD",
			prefix + "env[1].valueFrom.secretKeyRef.name": "app-secrets-id",
		})
	}
	assertNoPlainSecret(t, c, secretValueText)
}

// assertNoPlainSecret fails for every place the secret appears outside a secret.
func assertNoPlainSecret(t *testing.T, c harness.Construction, secretText string) {
	t.Helper()
	for _, where := range plainSecretPaths(c, secretText) {
		t.Errorf("secret value in plain text at %s", where)
	}
}

// plainSecretPaths walks every child's inputs and every output for secretText outside a
// secret-marked value.
func plainSecretPaths(c harness.Construction, secretText string) []string {
	var found []string
	var walk func(where string, v property.Value)
	walk = func(where string, v property.Value) {
		switch {
		case v.Secret():
			return
		case v.IsString() && strings.Contains(v.AsString(), secretText):
			found = append(found, where)
		case v.IsMap():
			for k, e := range v.AsMap().All {
				walk(where+"."+k, e)
			}
		case v.IsArray():
			for _, e := range v.AsArray().All {
				walk(where+"[]", e)
			}
		}
	}
	for _, ch := range c.Children {
		walk(ch.Type+" "+ch.Name, property.New(ch.Inputs))
	}
	walk("outputs", property.New(c.State))
	return found
}

// The walker finds a leak nested in a child, and ignores the same value marked secret.
func TestPlainSecretPathsFindsLeaks(t *testing.T) {
	leaky := harness.Props(map[string]any{"spec": map[string]any{"env": []any{map[string]any{"value": "x-" + secretValueText}}}})
	safe := property.NewMap(map[string]property.Value{"data": property.New(secretValueText).WithSecret(true)})
	c := harness.Construction{Children: []harness.Child{
		{Type: "kubernetes:apps/v1:Deployment", Name: "leaky", Inputs: leaky},
		{Type: "kubernetes:core/v1:Secret", Name: "safe", Inputs: safe},
	}}
	if got := plainSecretPaths(c, secretValueText); len(got) != 1 || got[0] != "kubernetes:apps/v1:Deployment leaky.spec.env[].value" {
		t.Errorf("plainSecretPaths = %v", got)
	}
}

// A changed secret value must roll the pods: the Secret is replaced under a new generated
// name (replaceOnChanges), which changes the pod template's secretKeyRef.
func TestChangedSecretValueReplacesTheSecret(t *testing.T) {
	c := harness.Construct(t, "k8s-service:index:Service", "app", secretInputs(), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	for _, ch := range c.Children {
		if ch.Type == "kubernetes:core/v1:Secret" {
			if len(ch.ReplaceOnChanges) != 1 || ch.ReplaceOnChanges[0] != "stringData" {
				t.Errorf("Secret replaceOnChanges = %v, want [stringData]", ch.ReplaceOnChanges)
			}
			return
		}
	}
	t.Fatal("no Secret registered")
}

func TestPreviewWithUnknownInputsSucceeds(t *testing.T) {
	in := harness.Props(base(map[string]any{
		"cronJobs":  []any{map[string]any{"commands": []any{"env"}, "schedule": "@daily"}},
		"publicUri": []any{"app.example.com"},
	}))
	unknown := property.New(property.Computed)
	in = in.Set("image", unknown).Set("tag", unknown).Set("namespace", unknown).
		Set("envVars", property.New(property.NewMap(map[string]property.Value{"DB_HOST": unknown}))).
		Set("secrets", property.New(property.NewMap(map[string]property.Value{"DB_PASSWORD": unknown})).WithSecret(true))
	c := harness.Construct(t, "k8s-service:index:Service", "app", in, true)
	if c.Err != nil {
		t.Fatalf("preview with unknown inputs failed: %v", c.Err)
	}
	d := c.Only(t, "kubernetes:apps/v1:Deployment")
	if d.Get(container+"image") != harness.UnknownMarker {
		t.Errorf("image should be unknown in preview, got %v", d.Get(container+"image"))
	}
	if env := d.Get(container + "env"); env == nil {
		t.Errorf("env keys are known even when values are not; env missing:\n%s", d.JSON())
	}
	for _, typ := range []string{"kubernetes:core/v1:Secret", "kubernetes:batch/v1:CronJob",
		"kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"} {
		c.Only(t, typ)
	}
}

// Every example with its secrets marked secret, as the SDKs send them: the value appears
// in no child's inputs and no output outside a secret.
func TestNoExampleLeaksASecret(t *testing.T) {
	for name, inputs := range map[string]map[string]any{
		"httpbin":    harness.ExampleHTTPBin(),
		"minimal":    harness.With(harness.ExampleMinimal(), map[string]any{"secrets": map[string]any{"K": "v"}}),
		"cron-only":  {"image": "busybox", "minContainers": 0, "maxContainers": 0, "secrets": map[string]any{"K": "v"}, "cronJobs": []any{map[string]any{"commands": []any{"env"}, "schedule": "@daily"}}},
		"restricted": harness.With(harness.ExampleHTTPBin(), map[string]any{"securityProfile": "restricted"}),
	} {
		t.Run(name, func(t *testing.T) {
			secrets := inputs["secrets"].(map[string]any)
			in := harness.Props(harness.With(inputs, map[string]any{"secrets": nil}))
			values := map[string]property.Value{}
			for k, v := range secrets {
				values[k] = property.New(v.(string) + "-" + secretValueText)
			}
			in = in.Set("secrets", property.New(property.NewMap(values)).WithSecret(true))
			c := harness.Construct(t, "k8s-service:index:Service", "app", in, false)
			if c.Err != nil {
				t.Fatal(c.Err)
			}
			c.Only(t, "kubernetes:core/v1:Secret")
			assertNoPlainSecret(t, c, secretValueText)
		})
	}
}
