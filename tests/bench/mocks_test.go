package bench

import (
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// recorder is the mocks both sides run under: it echoes inputs as state (a generated
// name for a Secret), and can keep what was registered.
type recorder struct {
	keep       bool
	mu         sync.Mutex
	registered map[string]resource.PropertyMap
}

func (r *recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	state := args.Inputs
	if args.TypeToken == "kubernetes:core/v1:Secret" {
		state = resource.PropertyMap{"metadata": resource.NewObjectProperty(resource.PropertyMap{
			"name": resource.NewStringProperty(args.Name + "-generated"),
		})}
	}
	if r.keep {
		r.mu.Lock()
		r.registered[args.TypeToken+"/"+args.Name] = args.Inputs
		r.mu.Unlock()
	}
	return args.Name + "-id", state, nil
}

func (r *recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

func run(mocks *recorder, program pulumi.RunFunc) error {
	return pulumi.RunErr(program, pulumi.WithMocks("bench", "bench", mocks))
}
