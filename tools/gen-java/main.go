// gen-java generates the Java SDK (sdk/java) from schema.json with Pulumi's Java code
// generator (github.com/pulumi/pulumi-java/pkg), which `pulumi package gen-sdk` would run
// through the Java language plugin. A module of its own, so that the Java generator's
// dependencies never reach the provider's build list.
//
//	go run . <repo root>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	javagen "github.com/pulumi/pulumi-java/pkg/codegen/java"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "gen-java: %v\n", err)
		os.Exit(1)
	}
}

func run(root string) error {
	raw, err := os.ReadFile(filepath.Join(root, "schema.json"))
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return err
	}
	pkg, diags, err := schema.BindSpec(spec, nil, schema.ValidationOptions{}) // schema.json is self-contained: nothing to load
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("binding schema: %s", diags.Error())
	}
	files, err := javagen.GeneratePackage("pulumi-gen-k8s-service", pkg, nil, nil, false, false)
	if err != nil {
		return err
	}
	dir := filepath.Join(root, "sdk", "java")
	if err := os.RemoveAll(filepath.Join(dir, "src")); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
