package tests

import (
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	k8sservice "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice"
)

type recordingMocks struct {
	mu         sync.Mutex
	registered map[string]resource.PropertyMap
}

func (m *recordingMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.registered[args.TypeToken] = args.Inputs
	return args.Name + "-id", args.Inputs, nil
}

func (m *recordingMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

// The generated Go SDK sends the component's token and camelCase inputs to the engine.
func TestGoSDKRegistersServiceWithItsInputs(t *testing.T) {
	mocks := &recordingMocks{registered: map[string]resource.PropertyMap{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := k8sservice.NewService(ctx, "httpbin", &k8sservice.ServiceArgs{
			Image:             pulumi.String("kennethreitz/httpbin"),
			Port:              pulumi.IntMap{"http": pulumi.Int(80)},
			MinContainers:     pulumi.IntRef(2),
			HealthcheckPath:   pulumi.StringRef("/get"),
			PublicUri:         pulumi.ToStringArray([]string{"httpbin.example.com"}),
			PersistentStorage: k8sservice.PersistentStorageArray{k8sservice.PersistentStorageArgs{Path: pulumi.String("/data"), Size: pulumi.Int(20)}},
			Tolerations:       k8sservice.TolerationArray{k8sservice.TolerationArgs{Key: pulumi.String("team")}},
			CronJobs: k8sservice.CronJobArray{k8sservice.CronJobArgs{
				Commands: pulumi.ToStringArray([]string{"/bin/sh", "-c", "echo hi"}), Schedule: pulumi.String("* * * * *"),
			}},
			EnvVars: pulumi.StringMap{"MODE": pulumi.String("web")},
			Secrets: pulumi.StringMap{"TOKEN": pulumi.String("s3cr3t")},
		})
		return err
	}, pulumi.WithMocks("project", "stack", mocks))
	if err != nil {
		t.Fatal(err)
	}
	in, ok := mocks.registered["k8s-service:index:Service"]
	if !ok {
		t.Fatalf("no k8s-service:index:Service registered: %v", mocks.registered)
	}
	checks := map[string]any{
		"image":           "kennethreitz/httpbin",
		"port":            map[string]any{"http": 80.0},
		"minContainers":   2.0,
		"healthcheckPath": "/get",
		"publicUri":       []any{"httpbin.example.com"},
	}
	plainInputs := in.Mappable()
	for key, want := range checks {
		if got := plainInputs[key]; !harness.EqualJSON(got, want) {
			t.Errorf("input %s = %#v, want %#v", key, got, want)
		}
	}
	if got := in["persistentStorage"].ArrayValue()[0].ObjectValue()["size"].NumberValue(); got != 20 {
		t.Errorf("persistentStorage[0].size = %v", got)
	}
	if got := in["cronJobs"].ArrayValue()[0].ObjectValue()["schedule"].StringValue(); got != "* * * * *" {
		t.Errorf("cronJobs[0].schedule = %v", got)
	}
	if !in["secrets"].ContainsSecrets() {
		t.Errorf("secrets must reach the engine marked secret: %v", in["secrets"])
	}
}
