// Package provider serves the k8s-service components: the plain Service and, built on
// the same Kubernetes core, the aws, gcp and azure variants.
package provider

import (
	"context"
	"reflect"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/aws"
	"github.com/k8s-service/pulumi-k8s-service/provider/azure"
	"github.com/k8s-service/pulumi-k8s-service/provider/gcp"
	"github.com/k8s-service/pulumi-k8s-service/provider/internal/inferpatch"
	"github.com/k8s-service/pulumi-k8s-service/provider/plain"
)

// Name identifies the plugin.
const Name = "k8s-service"

// Version is the plugin's version. It has one source, the VERSION file at the repository
// root: builds set it with -ldflags "-X .../provider.Version=<VERSION>" (Makefile,
// .goreleaser.yaml, the engine tier), the root main.go embeds the file, and gen-sdk reads
// it into the schema and so into every SDK.
var Version = "0.0.0-dev"

// PluginDownloadURL is where the engine downloads released plugins from: the GitHub
// releases of the repository, whose assets `make dist` builds.
const PluginDownloadURL = "github://api.github.com/k8s-service/pulumi-k8s-service"

// GoImportBase is where the generated Go SDK lives.
const GoImportBase = "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice"

// variant is one component the plugin serves: its token, the Go type of its args (whose
// plain fields the schema marks plain), its schema as infer derives it, and its
// construction (see inferpatch.DispatchConstruct).
type variant struct {
	token     tokens.Type
	args      reflect.Type
	inferred  infer.InferredComponent
	construct inferpatch.Constructor
}

func newVariant[A any, R pulumi.ComponentResource](token tokens.Type,
	fn func(*pulumi.Context, string, *A, ...pulumi.ResourceOption) (R, error),
) variant {
	return variant{token: token, args: reflect.TypeFor[A](), inferred: infer.ComponentF(fn), construct: inferpatch.Component(fn)}
}

// variants is every component of the plugin, once: adding a variant is one row here.
var variants = []variant{
	newVariant(plain.Token, plain.NewService),
	newVariant(aws.Token, aws.NewService),
	newVariant(gcp.Token, gcp.NewService),
	newVariant(azure.Token, azure.NewService),
}

// New builds the provider. infer derives the schema from the Go types; construction is
// dispatched by token (see inferpatch.DispatchConstruct).
func New() (p.Provider, error) {
	components := make([]infer.InferredComponent, 0, len(variants))
	plainArgs := map[tokens.Type]reflect.Type{}
	constructors := map[tokens.Type]inferpatch.Constructor{}
	for _, v := range variants {
		components = append(components, v.inferred)
		plainArgs[v.token] = v.args
		constructors[v.token] = v.construct
	}
	prov, err := infer.NewProviderBuilder().
		WithDisplayName("k8s-service").
		WithDescription("Deploys a containerised service onto Kubernetes the way a platform team would: rolling "+
			"updates, autoscaling, health checks, resources, ingress, persistent disks, cron jobs, secrets and a service account.").
		WithKeywords("kubernetes", "k8s", "service", "deployment", "category/cloud", "kind/component").
		WithLicense("Apache-2.0").
		WithRepository("https://github.com/k8s-service/pulumi-k8s-service").
		WithPublisher("k8s-service").
		WithPluginDownloadURL(PluginDownloadURL).
		WithLanguageMap(languages()).
		WithComponents(components...).
		Build()
	if err != nil {
		return p.Provider{}, err
	}
	prov.GetSchema = inferpatch.WithPlainInputs(prov.GetSchema, plainArgs)
	prov.Construct = inferpatch.DispatchConstruct(constructors, prov.Construct)
	return prov, nil
}

// Serve runs the plugin on the engine's gRPC protocol.
func Serve() error {
	prov, err := New()
	if err != nil {
		return err
	}
	return prov.Run(context.Background(), Name, Version)
}

// PythonPackage is the Python SDK's package (and import) name.
const PythonPackage = "pulumi_k8s_service"

func languages() map[string]any {
	return map[string]any{
		"go": map[string]any{
			"importBasePath":                 GoImportBase,
			"generateResourceContainerTypes": true,
			"respectSchemaVersion":           true,
			// The Go generator names an enum of the root module from another module by the
			// package name (`k8s-service.SecurityProfile`), which is not Go; this alias,
			// keyed the way it looks the name up, makes it `k8sservice.SecurityProfile`.
			"packageImportAliases": map[string]string{GoImportBase + "/" + Name: "k8sservice"},
		},
		"nodejs": map[string]any{
			"packageName":          "@k8s-service/pulumi",
			"respectSchemaVersion": true,
			"dependencies":         map[string]string{"@pulumi/pulumi": "^3.142.0"},
			"readme":               sdkReadmes["nodejs"],
		},
		"python": map[string]any{
			"packageName":          PythonPackage,
			"respectSchemaVersion": true,
			"pyproject":            map[string]bool{"enabled": true},
			"readme":               sdkReadmes["python"],
		},
	}
}
