// gen-sdk writes schema.json from the provider's Go types and generates the Go, Node.js
// and Python SDKs from it with Pulumi's own code generators — what `pulumi package
// gen-sdk` does, without needing the language plugins.
//
//	go run ./provider/cmd/gen-sdk <repo root>
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"github.com/k8s-service/pulumi-k8s-service/provider"
)

const tool = "pulumi-gen-k8s-service"

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	if err := run(root); err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdk: %v\n", err)
		os.Exit(1)
	}
}

func run(root string) error {
	version, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		return err
	}
	provider.Version = strings.TrimSpace(string(version))
	raw, err := providerSchema()
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return err
	}
	pretty, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, "schema.json"), append(pretty, '\n'), 0o644); err != nil {
		return err
	}

	generators := map[string]func(*schema.Package) (map[string][]byte, error){
		"go": func(pkg *schema.Package) (map[string][]byte, error) {
			return gogen.GeneratePackage(tool, pkg, nil)
		},
		"nodejs": func(pkg *schema.Package) (map[string][]byte, error) {
			return nodejs.GeneratePackage(tool, pkg, nil, nil, false, offlineLoader{schema.NewNullLoader()})
		},
		"python": func(pkg *schema.Package) (map[string][]byte, error) {
			files, err := python.GeneratePackage(tool, pkg, nil, offlineLoader{schema.NewNullLoader()})
			if err != nil {
				return nil, err
			}
			// pyproject.toml names README.md beside it, which the generator writes into the
			// package folder only (providers' builds copy it up, as here).
			files["README.md"] = files[filepath.Join(provider.PythonPackage, "README.md")]
			return files, nil
		},
	}
	for lang, generate := range generators {
		// Each generator records its language's options on the package, so bind anew.
		pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
		if err != nil {
			return err
		}
		if diags.HasErrors() {
			return fmt.Errorf("binding schema: %s", diags.Error())
		}
		files, err := generate(pkg)
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", lang, err)
		}
		if err := writeTree(filepath.Join(root, "sdk", lang), files); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(root, "sdk", "README.md"), []byte(provider.GoSDKReadme()), 0o644)
}

// providerSchema asks the provider for its schema, as the engine would.
func providerSchema() ([]byte, error) {
	prov, err := provider.New()
	if err != nil {
		return nil, err
	}
	server, err := integration.NewServer(context.Background(), provider.Name, semver.MustParse(provider.Version),
		integration.WithProvider(prov))
	if err != nil {
		return nil, err
	}
	resp, err := server.GetSchema(p.GetSchemaRequest{})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(resp.Schema)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeTree replaces dir's generated files with files; hand-written test folders stay.
func writeTree(dir string, files map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	for _, e := range entries {
		if e.Name() == "tests" || e.Name() == "node_modules" || e.Name() == "bin" {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
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

// offlineLoader refuses to load other packages: schema.json is self-contained, so the
// generators never need one, and none could be fetched offline anyway.
type offlineLoader struct{ schema.Loader }

func (offlineLoader) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("schema.json must not reference package %q", pkg)
}

func (offlineLoader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("schema.json must not reference package %q", d.Name)
}
