//go:build engine

package main

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
)

// TestEngine runs this example's program through the Automation API and a real Pulumi
// CLI, one ENGINE_OP (up, refresh, preview, destroy) per run on the stack ENGINE_STACK, with
// the stack config of ENGINE_CONFIG (a JSON object of strings) when set. The engine
// tier (tests/engine) drives it: no Go language host can be installed there.
func TestEngine(t *testing.T) {
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, os.Getenv("ENGINE_STACK"), "k8s-service-go", program)
	if err != nil {
		t.Fatal(err)
	}
	if raw := os.Getenv("ENGINE_CONFIG"); raw != "" {
		var values map[string]string
		if err := json.Unmarshal([]byte(raw), &values); err != nil {
			t.Fatal(err)
		}
		config := auto.ConfigMap{}
		for k, v := range values {
			config[k] = auto.ConfigValue{Value: v}
		}
		if err := stack.SetAllConfig(ctx, config); err != nil {
			t.Fatal(err)
		}
	}
	switch op := os.Getenv("ENGINE_OP"); op {
	case "up":
		result, err := stack.Up(ctx, optup.ProgressStreams(os.Stdout))
		if err != nil {
			t.Fatal(err)
		}
		outputs := map[string]any{}
		for name, out := range result.Outputs {
			outputs[name] = out.Value
		}
		raw, _ := json.Marshal(outputs)
		if err := os.WriteFile(os.Getenv("ENGINE_OUTPUTS"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	case "preview":
		if _, err := stack.Preview(ctx, optpreview.ExpectNoChanges(), optpreview.ProgressStreams(os.Stdout)); err != nil {
			t.Fatal(err)
		}
	case "refresh":
		if _, err := stack.Refresh(ctx, optrefresh.ProgressStreams(os.Stdout)); err != nil {
			t.Fatal(err)
		}
	case "destroy":
		if _, err := stack.Destroy(ctx, optdestroy.Remove(), optdestroy.ProgressStreams(os.Stdout)); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("ENGINE_OP %q: want up, refresh, preview or destroy", op)
	}
}
