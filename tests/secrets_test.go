package tests

import (
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
	"strings"
	"testing"

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
	assertNoPlainSecret(t, c)
}

// assertNoPlainSecret walks every child's inputs and every output for the secret value
// outside a secret-marked value.
func assertNoPlainSecret(t *testing.T, c harness.Construction) {
	t.Helper()
	var walk func(where string, v property.Value)
	walk = func(where string, v property.Value) {
		switch {
		case v.Secret():
			return
		case v.IsString() && strings.Contains(v.AsString(), secretValueText):
			t.Errorf("secret value in plain text at %s", where)
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
