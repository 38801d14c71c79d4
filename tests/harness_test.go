package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/k8s-service/pulumi-k8s-service/provider"
)

// child is one resource the component registered, as the engine received it.
type child struct {
	Type             string
	Name             string
	Inputs           property.Map
	ReplaceOnChanges []string
}

// construction is the outcome of one Construct call.
type construction struct {
	children []child
	state    property.Map
	err      error
}

// construct runs the provider in-process, as the engine would, with marshalled inputs.
func construct(t *testing.T, token, name string, inputs property.Map, dryRun bool) construction {
	t.Helper()
	var mu sync.Mutex
	var children []child
	mocks := &integration.MockResourceMonitor{
		NewResourceF: func(args integration.MockResourceArgs) (string, property.Map, error) {
			mu.Lock()
			defer mu.Unlock()
			children = append(children, child{Type: string(args.TypeToken), Name: args.Name, Inputs: args.Inputs,
				ReplaceOnChanges: args.RegisterRPC.GetReplaceOnChanges()})
			state := args.Inputs
			if string(args.TypeToken) == "kubernetes:core/v1:Secret" {
				// Like the real provider: a generated name, unknown in preview; data not echoed.
				name := property.New(args.Name + "-id")
				if dryRun {
					name = property.New(property.Computed)
				}
				state = property.NewMap(map[string]property.Value{
					"metadata": property.New(property.NewMap(map[string]property.Value{"name": name})),
				})
			}
			return args.Name + "-id", state, nil
		},
	}
	prov, err := provider.New()
	if err != nil {
		t.Fatal(err)
	}
	server, err := integration.NewServer(context.Background(), provider.Name, semver.MustParse(provider.Version),
		integration.WithProvider(prov), integration.WithMocks(mocks))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.Construct(p.ConstructRequest{
		Urn:    presource.NewURN("test", "project", "", tokens.Type(token), name),
		Inputs: inputs,
		DryRun: dryRun,
	})
	mu.Lock()
	defer mu.Unlock()
	return construction{children: children, state: resp.State, err: err}
}

func constructService(t *testing.T, inputs map[string]any) construction {
	t.Helper()
	return construct(t, "k8s-service:index:Service", "app", props(inputs), false)
}

// mustConstruct fails the test unless Construct succeeds.
func mustConstruct(t *testing.T, inputs map[string]any) construction {
	t.Helper()
	c := constructService(t, inputs)
	if c.err != nil {
		t.Fatalf("construct failed: %v", c.err)
	}
	return c
}

// props turns plain Go values into a property map, as an SDK would marshal them.
func props(m map[string]any) property.Map {
	return presource.FromResourcePropertyMap(presource.NewPropertyMapFromMap(m))
}

// only returns the single child of a type, failing if there is not exactly one.
func (c construction) only(t *testing.T, typ string) object {
	t.Helper()
	found := c.all(typ)
	if len(found) != 1 {
		t.Fatalf("want one %s, got %d (children: %v)", typ, len(found), c.types())
	}
	return found[0]
}

func (c construction) all(typ string) []object {
	var out []object
	for _, ch := range c.children {
		if ch.Type == typ {
			out = append(out, object{raw: ch.Inputs, plain: plain(ch.Inputs)})
		}
	}
	return out
}

func (c construction) types() []string {
	var out []string
	for _, ch := range c.children {
		out = append(out, ch.Type)
	}
	return out
}

func (c construction) output(t *testing.T, key string) any {
	t.Helper()
	v, ok := c.state.GetOk(key)
	if !ok {
		t.Fatalf("no output %q in %v", key, c.state)
	}
	return plainValue(v)
}

// object is a registered child's inputs, addressable by path.
type object struct {
	raw   property.Map
	plain map[string]any
}

// get reads a path such as `spec.template.spec.containers[0].image`; missing is nil.
func (o object) get(path string) any {
	var cur any = o.plain
	for _, part := range strings.Split(path, ".") {
		key, index, hasIndex := strings.Cut(part, "[")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[key]
		if hasIndex {
			i, _ := strconv.Atoi(strings.TrimSuffix(index, "]"))
			list, ok := cur.([]any)
			if !ok || i >= len(list) {
				return nil
			}
			cur = list[i]
		}
	}
	return cur
}

func (o object) str(path string) string {
	v := o.get(path)
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func (o object) json() string {
	b, _ := json.MarshalIndent(o.plain, "", "  ")
	return string(b)
}

// unknownMarker and secretMarker stand for unknown values and wrap secret ones in plain form.
const unknownMarker = "<unknown>"

type secretValue struct{ Value any }

func plain(m property.Map) map[string]any {
	out := map[string]any{}
	for k, v := range m.All {
		out[k] = plainValue(v)
	}
	return out
}

func plainValue(v property.Value) any {
	var out any
	switch {
	case v.IsComputed():
		out = unknownMarker
	case v.IsMap():
		out = plain(v.AsMap())
	case v.IsArray():
		var list []any
		for _, e := range v.AsArray().All {
			list = append(list, plainValue(e))
		}
		out = list
	case v.IsNull():
		out = nil
	case v.IsString():
		out = v.AsString()
	case v.IsNumber():
		out = v.AsNumber()
	case v.IsBool():
		out = v.AsBool()
	default:
		out = fmt.Sprintf("%v", v)
	}
	if v.Secret() {
		return secretValue{out}
	}
	return out
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func unknownValue() property.Value { return property.New(property.Computed) }
