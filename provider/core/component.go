package core

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Component is a variant's component resource: it embeds ServiceOutputs, whose Common
// method it inherits, and adds its own outputs.
type Component interface {
	pulumi.ComponentResource
	Common() *ServiceOutputs
}

// Common gives the core access to the common outputs of any variant's component.
func (o *ServiceOutputs) Common() *ServiceOutputs { return o }

// Provision registers a variant's cloud resources under parent and returns what they add
// to the Kubernetes core. It sets the variant's own outputs on the component.
type Provision func(ctx *pulumi.Context, parent pulumi.Resource) (Extensions, error)

// Construct is every variant's construction: validate everything (the core's rules and
// the variant's), and only then register the component, its cloud resources and its
// Kubernetes objects. provision may be nil (the plain variant).
func Construct(ctx *pulumi.Context, token, name string, args *ServiceArgs, variant Variant, comp Component,
	provision Provision, opts ...pulumi.ResourceOption,
) error {
	cfg, err := Resolve(name, args, variant)
	if err != nil {
		return err
	}
	if err := ctx.RegisterComponentResource(token, name, comp, opts...); err != nil {
		return err
	}
	var ext Extensions
	if provision != nil {
		if ext, err = provision(ctx, comp); err != nil {
			return err
		}
	}
	outputs, err := Deploy(ctx, comp, cfg, args, ext)
	*comp.Common() = outputs
	return err
}

// AutoRegistry registers a variant's registry when the image is AUTO (register returns
// its repository URL) and returns what it adds: the image from it, or no pods yet.
func AutoRegistry(args *ServiceArgs, register func() (pulumi.StringOutput, error)) (Extensions, error) {
	if !IsAuto(args) {
		return Extensions{}, nil
	}
	url, err := register()
	if err != nil {
		return Extensions{}, err
	}
	return RegistryExtensions(url, args), nil
}
