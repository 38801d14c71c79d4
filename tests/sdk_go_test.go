package tests

import (
	"sync"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	k8sservice "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice"
	sdkaws "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice/aws"
	sdkazure "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice/azure"
	sdkgcp "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice/gcp"
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
			Port:              map[string]int{"http": 80},
			MinContainers:     pulumi.IntRef(2),
			HealthcheckPath:   pulumi.StringRef("/get"),
			PublicUri:         []pulumi.StringInput{pulumi.String("httpbin.example.com")},
			PersistentStorage: []k8sservice.PersistentStorageArgs{{Path: "/data", Size: 20}},
			Tolerations:       []k8sservice.TolerationArgs{{Key: "team"}},
			CronJobs:          []k8sservice.CronJobArgs{{Commands: []string{"/bin/sh", "-c", "echo hi"}, Schedule: "* * * * *"}},
			EnvVars:           map[string]pulumi.StringInput{"MODE": pulumi.String("web")},
			Secrets:           pulumi.StringMap{"TOKEN": pulumi.String("s3cr3t")},
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

func TestGoSDKCloudVariants(t *testing.T) {
	mocks := &recordingMocks{registered: map[string]resource.PropertyMap{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		if _, err := sdkaws.NewService(ctx, "api", &sdkaws.ServiceArgs{
			Image: pulumi.String("AUTO"), Tag: pulumi.String("v1"), Namespace: pulumi.String("shop"),
			OidcProviderArn: pulumi.String(oidcArn), OidcIssuerUrl: pulumi.String(oidcIssuer),
			Links: []sdkaws.LinkArgs{{Type: sdkaws.LinkTypeSqs, Arn: pulumi.String(queueArn), Access: ref(k8sservice.AccessRead)}},
			CloudSecrets: []sdkaws.CloudSecretArgs{{Arn: pulumi.String(catalogue.ParameterArn), Service: ref(sdkaws.SecretServiceParameterStore),
				Version: ref("3"), Path: ref("/etc/api/key")}},
		}); err != nil {
			return err
		}
		if _, err := sdkgcp.NewService(ctx, "web", &sdkgcp.ServiceArgs{
			Image: pulumi.String("nginx"), Project: pulumi.String("acme"), Namespace: pulumi.String("shop"),
			Links:        []sdkgcp.LinkArgs{{Bucket: pulumi.String("uploads"), Access: ref(k8sservice.AccessWrite)}},
			CloudSecrets: []sdkgcp.CloudSecretArgs{{Secret: pulumi.String("db-password"), Env: ref("DB_PASSWORD")}},
		}); err != nil {
			return err
		}
		_, err := sdkazure.NewService(ctx, "jobs", &sdkazure.ServiceArgs{
			Image: pulumi.String("nginx"), ResourceGroupName: pulumi.String("rg"), RegistrySku: ref(sdkazure.RegistrySkuPremium),
			KeyVaultId: pulumi.String(catalogue.KeyVaultID), CloudSecrets: []sdkazure.CloudSecretArgs{{Secret: pulumi.String("db"), Env: ref("DB")}},
		})
		return err
	}, pulumi.WithMocks("project", "stack", mocks))
	if err != nil {
		t.Fatal(err)
	}
	for token, checks := range map[string]map[string]any{
		"k8s-service:aws:Service": {"oidcIssuerUrl": oidcIssuer, "links": []any{map[string]any{"type": "sqs", "arn": queueArn, "access": "read"}},
			"cloudSecrets": []any{map[string]any{"arn": catalogue.ParameterArn, "service": "parameterStore", "version": "3", "path": "/etc/api/key"}}},
		"k8s-service:gcp:Service": {"project": "acme", "links": []any{map[string]any{"bucket": "uploads", "access": "write"}},
			"cloudSecrets": []any{map[string]any{"secret": "db-password", "env": "DB_PASSWORD"}}},
		"k8s-service:azure:Service": {"resourceGroupName": "rg", "registrySku": "Premium", "keyVaultId": catalogue.KeyVaultID,
			"cloudSecrets": []any{map[string]any{"secret": "db", "env": "DB"}}},
	} {
		in, ok := mocks.registered[token]
		if !ok {
			t.Errorf("%s not registered", token)
			continue
		}
		plain := in.Mappable()
		for key, want := range checks {
			if !harness.EqualJSON(plain[key], want) {
				t.Errorf("%s input %s = %#v, want %#v", token, key, plain[key], want)
			}
		}
	}
}

// The workload features through the Go SDK: typed objects, secretFiles marked secret.
func TestGoSDKWorkloadFeatures(t *testing.T) {
	mocks := &recordingMocks{registered: map[string]resource.PropertyMap{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := k8sservice.NewService(ctx, "features", &k8sservice.ServiceArgs{
			Image:              pulumi.String("nginx:1.27"),
			Port:               map[string]int{"http": 8080},
			StartupProbe:       &k8sservice.ProbeOptionsArgs{Path: pulumi.StringRef("/started"), FailureThreshold: pulumi.IntRef(30)},
			ConfigFiles:        map[string]pulumi.StringInput{"/etc/app/config.yaml": pulumi.String("level: info\n")},
			SecretFiles:        pulumi.StringMap{"/etc/app/token": pulumi.String("s3cr3t")},
			Sidecars:           []k8sservice.ExtraContainerArgs{{Name: "proxy", Image: pulumi.StringRef("envoyproxy/envoy:v1.31.0")}},
			NodeAffinity:       &k8sservice.NodeAffinityArgs{Required: []k8sservice.NodeRequirementArgs{{Key: "pool", Operator: k8sservice.NodeOperatorExists}}},
			PublicUri:          []pulumi.StringInput{pulumi.String("app.example.com")},
			Tls:                []k8sservice.TlsArgs{{ClusterIssuer: pulumi.String("letsencrypt")}},
			AutoscalingMetrics: []k8sservice.AutoscalingMetricArgs{{Type: k8sservice.MetricTypePods, Name: "rps", AverageValue: pulumi.StringRef("100")}},
		})
		return err
	}, pulumi.WithMocks("project", "stack", mocks))
	if err != nil {
		t.Fatal(err)
	}
	in := mocks.registered["k8s-service:index:Service"]
	plain := in.Mappable()
	for key, want := range map[string]any{
		"startupProbe":       map[string]any{"path": "/started", "failureThreshold": 30.0},
		"configFiles":        map[string]any{"/etc/app/config.yaml": "level: info\n"},
		"sidecars":           []any{map[string]any{"name": "proxy", "image": "envoyproxy/envoy:v1.31.0"}},
		"nodeAffinity":       map[string]any{"required": []any{map[string]any{"key": "pool", "operator": "Exists"}}},
		"tls":                []any{map[string]any{"clusterIssuer": "letsencrypt"}},
		"autoscalingMetrics": []any{map[string]any{"type": "Pods", "name": "rps", "averageValue": "100"}},
	} {
		if got := plain[key]; !harness.EqualJSON(got, want) {
			t.Errorf("input %s = %#v, want %#v", key, got, want)
		}
	}
	if !in["secretFiles"].ContainsSecrets() {
		t.Errorf("secretFiles must reach the engine marked secret: %v", in["secretFiles"])
	}
}

// The traffic inputs through the Go SDK: enum constants, a Service annotation from an
// output, the gateway and the network policy as typed objects.
func TestGoSDKTrafficInputs(t *testing.T) {
	mocks := &recordingMocks{registered: map[string]resource.PropertyMap{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		lb := k8sservice.ServiceTypeLoadBalancer
		local := k8sservice.ExternalTrafficPolicyLocal
		_, err := k8sservice.NewService(ctx, "traffic", &k8sservice.ServiceArgs{
			Image:                    pulumi.String("nginx:1.27"),
			Port:                     map[string]int{"http": 8080},
			ServiceType:              &lb,
			ExternalTrafficPolicy:    &local,
			LoadBalancerSourceRanges: []string{"10.0.0.0/8"},
			ServiceAnnotations:       map[string]pulumi.StringInput{"example.com/cert": pulumi.String("arn").ToStringOutput()},
			Gateway:                  &k8sservice.GatewayRefArgs{Name: "public", Https: pulumi.BoolRef(true)},
			PublicUri:                []pulumi.StringInput{pulumi.String("shop.example.com")},
			NetworkPolicy: &k8sservice.NetworkPolicyArgs{
				AllowFrom: []k8sservice.TrafficPeerArgs{{Namespace: pulumi.StringRef("infra")}},
			},
		})
		return err
	}, pulumi.WithMocks("project", "stack", mocks))
	if err != nil {
		t.Fatal(err)
	}
	plain := mocks.registered["k8s-service:index:Service"].Mappable()
	for key, want := range map[string]any{
		"serviceType":           "LoadBalancer",
		"externalTrafficPolicy": "Local",
		"serviceAnnotations":    map[string]any{"example.com/cert": "arn"},
		"gateway":               map[string]any{"name": "public", "https": true},
		"networkPolicy":         map[string]any{"allowFrom": []any{map[string]any{"namespace": "infra"}}},
	} {
		if got := plain[key]; !harness.EqualJSON(got, want) {
			t.Errorf("input %s = %#v, want %#v", key, got, want)
		}
	}
}

func ref[T any](v T) *T { return &v }
