// Package sdkparity checks, in tests, that a resource registered by its type token sends
// the engine what its typed SDK resource sends: the cloud variants register a few
// resources that way to keep the plugin small (docs/benchmarks.md, "Plugin size").
package sdkparity

import (
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Registration is what the engine receives for one resource.
type Registration struct {
	Type, Version string
	Inputs        resource.PropertyMap
}

// Record runs program under Pulumi's mocks and returns each registered resource by name.
// Every resource gets the same id, so that inputs made from another resource's id are
// the same for the typed and the untyped registration.
func Record(t *testing.T, program pulumi.RunFunc) map[string]Registration {
	t.Helper()
	m := &monitor{got: map[string]Registration{}}
	if err := pulumi.RunErr(program, pulumi.WithMocks("project", "stack", m)); err != nil {
		t.Fatal(err)
	}
	return m.got
}

// RequireSame fails unless the registrations named untyped and typed match in type,
// plugin version and inputs (names and the typed SDKs' API-version type aliases aside).
func RequireSame(t *testing.T, got map[string]Registration, untyped, typed string) {
	t.Helper()
	u, ok := got[untyped]
	if !ok {
		t.Fatalf("no resource named %q was registered", untyped)
	}
	want, ok := got[typed]
	if !ok {
		t.Fatalf("no resource named %q was registered", typed)
	}
	if u.Type != want.Type || u.Version != want.Version {
		t.Errorf("%s: registered as %s at version %q, the typed SDK registers %s at %q", untyped, u.Type, u.Version, want.Type, want.Version)
	}
	if diff := u.Inputs.Diff(want.Inputs); diff != nil {
		t.Errorf("%s: inputs differ from the typed SDK's\n got: %v\nwant: %v", untyped, u.Inputs, want.Inputs)
	}
}

// Only is the one registered name with the prefix: for names made from inputs.
func Only(t *testing.T, got map[string]Registration, prefix string) string {
	t.Helper()
	var names []string
	for name := range got {
		if strings.HasPrefix(name, prefix) {
			names = append(names, name)
		}
	}
	if len(names) != 1 {
		t.Fatalf("want one resource named %s…, got %v", prefix, names)
	}
	return names[0]
}

// ID is the id every mocked resource gets.
const ID = "/subscriptions/0000/resourceGroups/rg/providers/Example/resources/r"

type monitor struct {
	mu  sync.Mutex
	got map[string]Registration
}

func (m *monitor) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.got[args.Name] = Registration{Type: args.TypeToken, Version: args.RegisterRPC.GetVersion(), Inputs: args.Inputs}
	return ID, args.Inputs, nil
}

func (m *monitor) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}
