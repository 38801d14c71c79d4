package inferpatch

import (
	"context"
	"reflect"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pprovider "github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
)

// Constructor builds one component from the engine's inputs. normalize converts the raw
// inputs to what its args type takes (see inputs.go) before they are decoded.
type Constructor struct {
	normalize func(property.Map) (property.Map, error)
	build     func(ctx *pulumi.Context, name string, inputs pprovider.ConstructInputs,
		opts pulumi.ResourceOption) (pulumi.ComponentResource, error)
}

// Component adapts a Go component function. The variants' args and outputs embed the
// common ones, and the SDK's ConstructInputs.CopyTo and NewConstructResult only see a
// struct's direct fields, so decoding and output collection walk embedded structs here.
func Component[A any, R pulumi.ComponentResource](
	fn func(*pulumi.Context, string, *A, ...pulumi.ResourceOption) (R, error),
) Constructor {
	normalize := func(inputs property.Map) (property.Map, error) { return normalizeInputs(inputs, new(A)) }
	build := func(ctx *pulumi.Context, name string, inputs pprovider.ConstructInputs,
		opts pulumi.ResourceOption,
	) (pulumi.ComponentResource, error) {
		args := new(A)
		if err := copyInputs(inputs, args); err != nil {
			return nil, err
		}
		return fn(ctx, name, args, opts)
	}
	return Constructor{normalize: normalize, build: build}
}

func copyInputs(inputs pprovider.ConstructInputs, dst any) error {
	if err := inputs.CopyTo(dst); err != nil {
		return err
	}
	v := reflect.ValueOf(dst).Elem()
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.Anonymous && f.Type.Kind() == reflect.Struct {
			if err := copyInputs(inputs, v.Field(i).Addr().Interface()); err != nil {
				return err
			}
		}
	}
	return nil
}

// outputsOf collects a component's `pulumi`-tagged fields, embedded ones included.
func outputsOf(res pulumi.ComponentResource) pulumi.Map {
	state := pulumi.Map{}
	v := reflect.ValueOf(res).Elem()
	for _, f := range reflect.VisibleFields(v.Type()) {
		tag, ok := f.Tag.Lookup("pulumi")
		if !ok || !f.IsExported() {
			continue
		}
		if out, ok := v.FieldByIndex(f.Index).Interface().(pulumi.Input); ok && out != nil {
			state[tag] = out
		}
	}
	return state
}

// DispatchConstruct serves the components in constructors and leaves any other token to next.
func DispatchConstruct(constructors map[tokens.Type]Constructor,
	next func(context.Context, p.ConstructRequest) (p.ConstructResponse, error),
) func(context.Context, p.ConstructRequest) (p.ConstructResponse, error) {
	return func(ctx context.Context, req p.ConstructRequest) (p.ConstructResponse, error) {
		c, ok := constructors[req.Urn.Type()]
		if !ok {
			return next(ctx, req)
		}
		inputs, err := c.normalize(secretMapsToSecretValues(req.Inputs))
		if err != nil {
			return p.ConstructResponse{}, err
		}
		req.Inputs = inputs
		return p.ProgramConstruct(ctx, req, func(pctx *pulumi.Context, _, name string,
			inputs pprovider.ConstructInputs, opts pulumi.ResourceOption,
		) (*pprovider.ConstructResult, error) {
			return onFreshGoroutine(func() (*pprovider.ConstructResult, error) {
				res, err := c.build(pctx, name, inputs, opts)
				if err != nil {
					return nil, err
				}
				state := outputsOf(res)
				if err := pctx.RegisterResourceOutputs(res, state); err != nil {
					return nil, err
				}
				return &pprovider.ConstructResult{URN: res.URN(), State: state}, nil
			})
		})
	}
}

// secretMapsToSecretValues moves the secret mark of a whole map onto each of its values.
// The SDKs mark `secrets` secret as a whole; its keys (env names) are needed now to
// build the pod spec, while every value stays secret.
func secretMapsToSecretValues(inputs property.Map) property.Map {
	for key, v := range inputs.All {
		if !v.Secret() || !v.IsMap() {
			continue
		}
		values := map[string]property.Value{}
		for k, e := range v.AsMap().All {
			values[k] = e.WithSecret(true)
		}
		inputs = inputs.Set(key, property.New(property.NewMap(values)).WithDependencies(v.Dependencies()))
	}
	return inputs
}
