package tests

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// The TypeScript and Python SDKs send every schema default the program leaves unset, so a
// default must be valid beside any valid input: valid configurations, each with every
// default of its token added, construct.
func TestSchemaDefaultsAreAlwaysAccepted(t *testing.T) {
	raw, err := os.ReadFile("../schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Resources map[string]struct {
			InputProperties map[string]struct{ Default any } `json:"inputProperties"`
		}
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	gateway := map[string]any{"gateway": map[string]any{"name": "public"}, "publicUri": []any{"example.com/api"}}
	cases := []struct {
		name, token string
		in          map[string]any
	}{
		{"plain", catalogue.PlainToken, base(nil)},
		{"a gateway", catalogue.PlainToken, base(gateway)},
		{"gRPC through a gateway", catalogue.PlainToken, map[string]any{"image": "x", "port": map[string]any{"grpc": 9000},
			"gateway": map[string]any{"name": "public"}, "publicUri": []any{"rpc.example.com"}}},
		{"cron only", catalogue.PlainToken, map[string]any{"image": "x", "minContainers": 0, "maxContainers": 0,
			"cronJobs": []any{map[string]any{"commands": []any{"date"}, "schedule": "@daily"}}}},
		{"aws", catalogue.AWSToken, catalogue.AWSInputs(nil)},
		{"gcp with a gateway", catalogue.GCPToken, catalogue.GCPInputs(gateway)},
		{"azure", catalogue.AzureToken, catalogue.AzureInputs(nil)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := map[string]any{}
			for name, p := range schema.Resources[tc.token].InputProperties {
				if p.Default != nil {
					in[name] = p.Default
				}
			}
			for k, v := range tc.in {
				in[k] = v
			}
			if c := harness.Construct(t, tc.token, "app", harness.Props(in), false); c.Err != nil {
				t.Errorf("with the schema's defaults: %v", c.Err)
			}
		})
	}
}
