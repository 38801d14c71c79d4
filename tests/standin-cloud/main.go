// Command standin-cloud is the engine tier's stand-in for the aws, gcp and azure-native
// providers, which cannot be installed here. One binary is installed under each name and
// exact version the component's children ask for; it answers as a provider would that
// always succeeds: Check keeps the inputs, Diff compares them, Create and Update return
// the inputs plus the outputs the real provider computes (tests/harness CloudOutputs),
// unknown during a preview. It proves what the engine and the component do with the
// resources (names, dependencies, replacements, deletions), not what the clouds do.
//
// With STANDIN_CLOUD_REGISTRY set to a registry's host, the ECR repositories and Azure
// Container Registries it creates live there (their URL and login server name it), so an
// `image: AUTO` service's images can be pushed and pulled for real.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

func main() {
	name, version := identity()
	if err := p.RunProvider(context.Background(), name, version, provider()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// identity reads the package name and version from where the engine runs the binary:
// ~/.pulumi/plugins/resource-<name>-v<version>/pulumi-resource-<name>.
func identity() (string, string) {
	exe, _ := os.Executable()
	name := strings.TrimPrefix(filepath.Base(exe), "pulumi-resource-")
	version := strings.TrimPrefix(filepath.Base(filepath.Dir(exe)), "resource-"+name+"-v")
	return name, version
}

func provider() p.Provider {
	return p.Provider{
		CheckConfig: func(_ context.Context, req p.CheckRequest) (p.CheckResponse, error) {
			return p.CheckResponse{Inputs: req.Inputs}, nil
		},
		DiffConfig: func(context.Context, p.DiffRequest) (p.DiffResponse, error) { return p.DiffResponse{}, nil },
		Configure:  func(context.Context, p.ConfigureRequest) error { return nil },
		Check: func(_ context.Context, req p.CheckRequest) (p.CheckResponse, error) {
			return p.CheckResponse{Inputs: req.Inputs}, nil
		},
		Diff: func(_ context.Context, req p.DiffRequest) (p.DiffResponse, error) {
			return diff(req.OldInputs, req.Inputs), nil
		},
		Create: func(_ context.Context, req p.CreateRequest) (p.CreateResponse, error) {
			id, state := computed(string(req.Urn.Type()), req.Urn.Name(), req.Properties, req.DryRun)
			return p.CreateResponse{ID: id, Properties: state}, nil
		},
		Read: func(_ context.Context, req p.ReadRequest) (p.ReadResponse, error) {
			return p.ReadResponse{ID: req.ID, Properties: req.Properties, Inputs: req.Inputs}, nil
		},
		Update: func(_ context.Context, req p.UpdateRequest) (p.UpdateResponse, error) {
			_, state := computed(string(req.Urn.Type()), req.Urn.Name(), req.Inputs, req.DryRun)
			return p.UpdateResponse{Properties: state}, nil
		},
		Delete: func(context.Context, p.DeleteRequest) error { return nil },
	}
}

// computed is the state after a create or update: the inputs and the computed outputs,
// which a preview does not know yet.
func computed(typ, name string, inputs property.Map, dryRun bool) (string, property.Map) {
	id, outputs := harness.CloudOutputs(typ, name, inputs)
	if host := os.Getenv("STANDIN_CLOUD_REGISTRY"); host != "" {
		switch typ {
		case "aws:ecr/repository:Repository":
			outputs["repositoryUrl"] = host + "/" + id
		case "azure-native:containerregistry:Registry":
			outputs["loginServer"] = host
		}
	}
	for k, v := range outputs {
		value := property.New(v)
		if dryRun {
			value = property.New(property.Computed)
		}
		inputs = inputs.Set(k, value)
	}
	return id, inputs
}

// diff reports the top-level inputs that changed, each as an update in place.
func diff(olds, news property.Map) p.DiffResponse {
	detailed := map[string]p.PropertyDiff{}
	for k, v := range news.All {
		if old, ok := olds.GetOk(k); !ok {
			detailed[k] = p.PropertyDiff{Kind: p.Add, InputDiff: true}
		} else if !old.Equals(v) {
			detailed[k] = p.PropertyDiff{Kind: p.Update, InputDiff: true}
		}
	}
	for k := range olds.All {
		if _, ok := news.GetOk(k); !ok {
			detailed[k] = p.PropertyDiff{Kind: p.Delete, InputDiff: true}
		}
	}
	return p.DiffResponse{HasChanges: len(detailed) > 0, DetailedDiff: detailed}
}
