package core

import (
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Variant is a variant's component resource and what the variant adds to the core: its
// own rules, whether `image: AUTO` creates a registry, and its cloud resources. The plain
// variant adds nothing. Its outputs are fields of the component itself, set by Provision.
type Variant interface {
	pulumi.ComponentResource
	// Common is the component's common outputs (ServiceOutputs provides it).
	Common() *ServiceOutputs
	// Resolve checks the variant's own inputs, given the core's resolved Config, and keeps
	// what it resolves for Provision; its problems are reported with the core's.
	Resolve(name string, cfg *Config) field.ErrorList
	// CreatesRegistry is true when `image: AUTO` creates a registry (the cloud variants).
	CreatesRegistry() bool
	// Provision registers the cloud resources under the component, once every input is
	// valid, and returns what they add to the Kubernetes objects.
	Provision(ctx *pulumi.Context, cfg *Config) (Extensions, error)
}

// Common gives the core access to the common outputs of any variant's component.
func (o *ServiceOutputs) Common() *ServiceOutputs { return o }

// Construct is every variant's construction, the one way in: Resolve checks everything
// (the core's rules, then the variant's against the core's result) into a Config and the
// variant's own resolved form; only then are the component, its
// cloud resources and its Kubernetes objects registered, from that Config alone.
func Construct(ctx *pulumi.Context, token tokens.Type, name string, args *ServiceArgs, v Variant,
	opts ...pulumi.ResourceOption,
) error {
	cfg, err := Resolve(name, args, v.CreatesRegistry(), v.Resolve)
	if err != nil {
		return err
	}
	// A tag pinDigest cannot find fails here, before anything is registered.
	if cfg.PinDigest && cfg.Inputs.Image != nil {
		if cfg.Inputs.Image, err = pinImage(cfg.Inputs.Image); err != nil {
			return err
		}
		if cfg.Canary != nil {
			if cfg.Canary.Image, err = pinImage(cfg.Canary.Image); err != nil {
				return err
			}
		}
	}
	if err := ctx.RegisterComponentResource(string(token), name, v, opts...); err != nil {
		return err
	}
	ext, err := v.Provision(ctx, cfg)
	if err != nil {
		return err
	}
	outputs, err := Deploy(ctx, v, cfg, ext)
	*v.Common() = outputs
	return err
}

// SetToken names a component or type in the schema after its token, so that each token
// is written once.
func SetToken(a infer.Annotator, token tokens.Type) {
	module := strings.TrimPrefix(string(token.Module()), token.Package().String()+":")
	a.SetToken(tokens.ModuleName(module), tokens.TypeName(token.Name()))
}

// AutoRegistry registers a variant's registry when the image is AUTO (register returns
// its repository URL) and returns what it adds: the image from it, or no pods yet.
func AutoRegistry(cfg *Config, register func() (pulumi.StringOutput, error)) (Extensions, error) {
	if cfg.Inputs.Image != nil { // not AUTO
		return Extensions{}, nil
	}
	url, err := register()
	if err != nil {
		return Extensions{}, err
	}
	return RegistryExtensions(url, cfg.Inputs), nil
}
