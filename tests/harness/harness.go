// Package harness runs the k8s-service provider in-process, as the Pulumi engine would,
// and records every child resource it registers with its marshalled inputs.
package harness

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
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
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/k8s-service/pulumi-k8s-service/provider"
)

// child is one resource the component registered, as the engine received it.
type Child struct {
	Type             string
	Name             string
	Inputs           property.Map
	ReplaceOnChanges []string
	// Request is the registration as the engine received it (options included).
	Request *pulumirpc.RegisterResourceRequest
}

// construction is the outcome of one Construct call.
type Construction struct {
	Children []Child
	State    property.Map
	Err      error
}

// construct runs the provider in-process, as the engine would, with marshalled inputs.
func Construct(t testing.TB, token, name string, inputs property.Map, dryRun bool) Construction {
	t.Helper()
	var mu sync.Mutex
	var children []Child
	mocks := &integration.MockResourceMonitor{
		NewResourceF: func(args integration.MockResourceArgs) (string, property.Map, error) {
			mu.Lock()
			defer mu.Unlock()
			children = append(children, Child{Type: string(args.TypeToken), Name: args.Name, Inputs: args.Inputs,
				ReplaceOnChanges: args.RegisterRPC.GetReplaceOnChanges(), Request: args.RegisterRPC})
			id, state := fakeState(string(args.TypeToken), args.Name, args.Inputs, dryRun)
			return id, state, nil
		},
	}
	prov, err := provider.New()
	if err != nil {
		t.Fatal(err)
	}
	// Cancelling the context shuts down the fake engine and monitor servers; without it
	// every call would leak two gRPC listeners.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	server, err := integration.NewServer(ctx, provider.Name, semver.MustParse(provider.Version),
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
	return Construction{Children: children, State: resp.State, Err: err}
}

func ConstructService(t testing.TB, inputs map[string]any) Construction {
	t.Helper()
	return Construct(t, "k8s-service:index:Service", "app", Props(inputs), false)
}

// mustConstruct fails the test unless Construct succeeds.
func MustConstruct(t testing.TB, inputs map[string]any) Construction {
	t.Helper()
	c := ConstructService(t, inputs)
	if c.Err != nil {
		t.Fatalf("construct failed: %v", c.Err)
	}
	return c
}

// props turns plain Go values into a property map, as an SDK would marshal them.
func Props(m map[string]any) property.Map {
	return presource.FromResourcePropertyMap(presource.NewPropertyMapFromMap(m))
}

// only returns the single child of a type, failing if there is not exactly one.
// Only is the one child of type typ, or, with a name, the one of that name.
func (c Construction) Only(t *testing.T, typ string, name ...string) Object {
	t.Helper()
	var found []Object
	for _, o := range c.All(typ) {
		if len(name) == 0 || o.Name == name[0] {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %s %v, got %d (children: %v)", typ, name, len(found), c.Types())
	}
	return found[0]
}

func (c Construction) All(typ string) []Object {
	var out []Object
	for _, ch := range c.Children {
		if ch.Type == typ {
			out = append(out, Object{Raw: ch.Inputs, plain: Plain(ch.Inputs), Name: ch.Name, Request: ch.Request})
		}
	}
	return out
}

func (c Construction) Types() []string {
	var out []string
	for _, ch := range c.Children {
		out = append(out, ch.Type)
	}
	return out
}

func (c Construction) Output(t *testing.T, key string) any {
	t.Helper()
	v, ok := c.State.GetOk(key)
	if !ok {
		t.Fatalf("no output %q in %v", key, c.State)
	}
	return PlainValue(v)
}

// object is a registered child's inputs, addressable by path.
type Object struct {
	Raw   property.Map
	plain map[string]any
	// Name and Request are the registration's name and, with its options, request.
	Name    string
	Request *pulumirpc.RegisterResourceRequest
}

// get reads a path such as `spec.template.spec.containers[0].image`; missing is nil.
func (o Object) Get(path string) any {
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

func (o Object) Str(path string) string {
	v := o.Get(path)
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func (o Object) JSON() string {
	b, _ := json.MarshalIndent(o.plain, "", "  ")
	return string(b)
}

// UnknownMarker stands for an unknown value and SecretValue wraps a secret one in plain form.
const UnknownMarker = "<unknown>"

type SecretValue struct{ Value any }

func Plain(m property.Map) map[string]any {
	out := map[string]any{}
	for k, v := range m.All {
		out[k] = PlainValue(v)
	}
	return out
}

func PlainValue(v property.Value) any {
	var out any
	switch {
	case v.IsComputed():
		out = UnknownMarker
	case v.IsMap():
		out = Plain(v.AsMap())
	case v.IsArray():
		var list []any
		for _, e := range v.AsArray().All {
			list = append(list, PlainValue(e))
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
		return SecretValue{out}
	}
	return out
}

func Num(v any) float64 {
	f, _ := v.(float64)
	return f
}

func EqualJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func UnknownValue() property.Value { return property.New(property.Computed) }

// Named returns the child of a type with the given metadata.name; registrations arrive
// concurrently, so their order means nothing.
func (c Construction) Named(t *testing.T, typ, name string) Object {
	t.Helper()
	for _, o := range c.All(typ) {
		if o.Str("metadata.name") == name {
			return o
		}
	}
	t.Fatalf("no %s named %s (children: %v)", typ, name, c.Types())
	return Object{}
}

// Manifest is one Kubernetes object the component registered, ready to apply.
type Manifest struct {
	Obj   *unstructured.Unstructured
	Child Child
}

// Key identifies the object as Kind/namespace/name.
func (m Manifest) Key() string {
	return m.Obj.GetKind() + "/" + m.Obj.GetNamespace() + "/" + m.Obj.GetName()
}

func (m Manifest) String() string {
	b, _ := json.MarshalIndent(m.Obj.Object, "", "  ")
	return string(b)
}

// applyOrder is the order Pulumi's dependencies give: namespace, then what pods refer to,
// then workloads and what refers to them.
var applyOrder = []string{"Namespace", "StorageClass", "ServiceAccount", "Secret", "Service", "Deployment", "StatefulSet",
	"HorizontalPodAutoscaler", "Ingress", "CronJob"}

// Manifests turns the component's Kubernetes children into objects in namespace, as
// pulumi-kubernetes would send them: secrets unwrapped, generated names filled in.
func Manifests(t testing.TB, c Construction, namespace string) []Manifest {
	t.Helper()
	var out []Manifest
	for _, ch := range c.Children {
		if !strings.HasPrefix(ch.Type, "kubernetes:") {
			continue
		}
		obj := &unstructured.Unstructured{Object: unwrap(Plain(ch.Inputs)).(map[string]any)}
		if obj.GetName() == "" {
			obj.SetName(ch.Name + "-id") // pulumi-kubernetes' generated name, as the harness's mock returns it
		}
		if !clusterScoped[obj.GetKind()] && obj.GetNamespace() == "" {
			obj.SetNamespace(namespace)
		}
		out = append(out, Manifest{Obj: obj, Child: ch})
	}
	sort.SliceStable(out, func(i, j int) bool {
		return kindRank(out[i].Obj.GetKind()) < kindRank(out[j].Obj.GetKind())
	})
	return out
}

// clusterScoped are the kinds the component creates that live outside namespaces.
var clusterScoped = map[string]bool{"Namespace": true, "StorageClass": true}

func kindRank(kind string) int {
	for i, k := range applyOrder {
		if k == kind {
			return i
		}
	}
	return len(applyOrder)
}

// unwrap removes the harness's secret wrappers and turns whole floats into integers.
func unwrap(v any) any {
	switch x := v.(type) {
	case SecretValue:
		return unwrap(x.Value)
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = unwrap(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = unwrap(e)
		}
		return out
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
	}
	return v
}

// ExampleHTTPBin is the inputs of examples/{go,typescript,python}: Opta's httpbin service.
func ExampleHTTPBin() map[string]any {
	return map[string]any{
		"image": "kennethreitz/httpbin", "port": map[string]any{"http": 80},
		"minContainers": 2, "maxContainers": 3,
		"livenessProbePath": "/get", "readinessProbePath": "/get",
		"initialLivenessDelay": 10, "initialReadinessDelay": 5,
		"publicUri": []any{"httpbin.example.com"},
		"persistentStorage": []any{
			map[string]any{"path": "/data/one", "size": 1},
			map[string]any{"path": "/data/two", "size": 2},
		},
		"tolerations": []any{
			map[string]any{"key": "instancetype", "value": "memoryoptimized", "effect": "NoExecute"},
			map[string]any{"key": "team", "value": "booking"},
			map[string]any{"key": "highpriority"},
		},
		"cronJobs": []any{map[string]any{"name": "hello", "commands": []any{"/bin/sh", "-c", `echo "Hello world!"`}, "schedule": "* * * * *"}},
		"envVars":  map[string]any{"GREETING": "hello"},
		"secrets":  map[string]any{"API_TOKEN": "t0ken"},
	}
}

// ExampleMinimal is the inputs of examples/*-minimal.
func ExampleMinimal() map[string]any {
	return map[string]any{"image": "nginxinc/nginx-unprivileged:1.27", "port": map[string]any{"http": 8080}}
}

// ExampleFeatures sets every workload feature at once, as examples/yaml-features does
// (without the PriorityClass, which the policy and API-server tiers do not create).
func ExampleFeatures() map[string]any {
	return map[string]any{
		"image": "nginxinc/nginx-unprivileged:1.27", "port": map[string]any{"http": 8080},
		"startupProbe":   map[string]any{"path": "/", "failureThreshold": 30},
		"livenessProbe":  map[string]any{"path": "/livez", "periodSeconds": 20},
		"readinessProbe": map[string]any{"path": "/", "periodSeconds": 5, "successThreshold": 2},
		"configFiles":    map[string]any{"/etc/api/config.yaml": "logLevel: info\n"},
		"secretFiles":    map[string]any{"/etc/api/token": "t0ken"},
		"envVarsFrom":    map[string]any{"DATABASE_URL": map[string]any{"secret": "api-database", "key": "url", "optional": true}},
		"envFrom":        []any{map[string]any{"configMap": "feature-flags", "prefix": "FLAG_", "optional": true}},
		"initContainers": []any{map[string]any{"name": "migrate", "commands": []any{"/bin/sh", "-c", "echo migrating"}}},
		"sidecars": []any{map[string]any{"name": "log-shipper", "image": "busybox:1.36",
			"commands": []any{"/bin/sh", "-c", "tail -F /var/log/api/access.log"}}},
		"scratchVolumes":   []any{map[string]any{"path": "/var/log/api", "sizeLimit": 256}, map[string]any{"path": "/dev/shm", "sizeLimit": 64, "memory": true}},
		"imagePullSecrets": []any{"regcred"},
		"nodeSelector":     map[string]any{"kubernetes.io/os": "linux"},
		"nodeAffinity": map[string]any{
			"required":  []any{map[string]any{"key": "kubernetes.io/arch", "operator": "In", "values": []any{"amd64", "arm64"}}},
			"preferred": []any{map[string]any{"weight": 50, "key": "node.kubernetes.io/lifecycle", "operator": "NotIn", "values": []any{"spot"}}},
		},
		"publicUri":           []any{"api.example.com", "api.example.com/admin"},
		"tls":                 []any{map[string]any{"clusterIssuer": "letsencrypt"}},
		"autoscalingMetrics":  []any{map[string]any{"type": "Pods", "name": "http_requests_per_second", "averageValue": "100"}, map[string]any{"type": "External", "name": "queue_depth", "value": "30"}},
		"autoscalingBehavior": map[string]any{"scaleDownStabilizationSeconds": 600},
		"cronJobs":            []any{map[string]any{"name": "report", "commands": []any{"/bin/true"}, "schedule": "@daily"}},
	}
}

// With returns base with extra's keys set.
func With(base map[string]any, extra map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// Fake cloud identifiers the mock returns, as the real providers would.
const (
	FakeAccount      = "123456789012"
	FakeSubscription = "00000000-0000-0000-0000-000000000001"
)

// fakeState is what the mock monitor returns for a registered resource: its inputs, a
// generated name where Kubernetes objects have none (unknown in preview), and the
// outputs the cloud providers compute, so that tests can follow them into other inputs.
// FakeUID is the uid the mock gives the object registered as name.
func FakeUID(name string) string {
	sum := sha256.Sum256([]byte(name))
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

func fakeState(typ, name string, inputs property.Map, dryRun bool) (string, property.Map) {
	id := name + "-id"
	set := func(k, v string) { inputs = inputs.Set(k, property.New(v)) }
	switch typ {
	case "kubernetes:core/v1:Secret", "kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:external-secrets.io/v1:ExternalSecret":
		if meta, ok := inputs.GetOk("metadata"); !ok || !meta.IsMap() || !meta.AsMap().Get("name").IsString() {
			generated := property.New(id)
			if dryRun {
				generated = property.New(property.Computed)
			}
			inputs = inputs.Set("metadata", property.New(property.NewMap(map[string]property.Value{"name": generated})))
		}
		if typ == "kubernetes:core/v1:Secret" {
			inputs = inputs.Delete("stringData") // the real provider returns data, secret; not needed here
		}
	case "kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:Service", "kubernetes:core/v1:ConfigMap":
		if meta, ok := inputs.GetOk("metadata"); typ == "kubernetes:core/v1:ConfigMap" && ok && meta.IsMap() && !meta.AsMap().Get("name").IsString() {
			generated := property.New(id) // autonamed, as the files' ConfigMap is
			if dryRun {
				generated = property.New(property.Computed)
			}
			inputs = inputs.Set("metadata", property.New(meta.AsMap().Set("name", generated)))
		}
		// Owners: their uid is what the real API server assigns; dependents refer to it.
		if meta, ok := inputs.GetOk("metadata"); ok && meta.IsMap() {
			uid := property.New(FakeUID(name))
			if dryRun {
				uid = property.New(property.Computed)
			}
			inputs = inputs.Set("metadata", property.New(meta.AsMap().Set("uid", uid)))
		}
		if spec, ok := inputs.GetOk("spec"); ok && spec.IsMap() && spec.AsMap().Get("type").IsString() &&
			spec.AsMap().Get("type").AsString() == "LoadBalancer" && !dryRun {
			inputs = inputs.Set("status", property.New(map[string]property.Value{"loadBalancer": property.New(map[string]property.Value{
				"ingress": property.New([]property.Value{property.New(map[string]property.Value{"ip": property.New(LoadBalancerIP)})}),
			})}))
		}
	default:
		var outputs map[string]string
		id, outputs = CloudOutputs(typ, name, inputs)
		for k, v := range outputs {
			set(k, v)
		}
	}
	return id, inputs
}

// LoadBalancerIP is the address a LoadBalancer Service gets here, as a cloud would give one.
const LoadBalancerIP = "192.0.2.10"

// CloudOutputs are the outputs a cloud provider computes for a resource of type typ
// registered as name: its ID and the fields the component reads (ARNs, URLs, emails,
// client ids), plausible but made up. The mocks and the engine tier's stand-in cloud
// providers (tests/standin-cloud) both answer with them.
func CloudOutputs(typ, name string, inputs property.Map) (string, map[string]string) {
	id := name + "-id"
	out := map[string]string{}
	str := func(k string) string {
		if v, ok := inputs.GetOk(k); ok && v.IsString() {
			return v.AsString()
		}
		return ""
	}
	switch typ {
	case "aws:ecr/repository:Repository":
		out["repositoryUrl"] = FakeAccount + ".dkr.ecr.us-east-1.amazonaws.com/" + id
		out["name"] = id
	case "aws:iam/role:Role":
		out["arn"] = "arn:aws:iam::" + FakeAccount + ":role/" + id
		out["name"] = id
	case "gcp:serviceaccount/account:Account":
		out["email"] = str("accountId") + "@" + str("project") + ".iam.gserviceaccount.com"
		out["name"] = "projects/" + str("project") + "/serviceAccounts/" + id
	case "azure-native:containerregistry:Registry":
		id = "/subscriptions/" + FakeSubscription + "/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/" + name
		out["loginServer"] = name + ".azurecr.io"
	// Databases, caches and queues a program creates beside a service, for its links.
	case "aws:rds/instance:Instance":
		out["address"] = name + ".c0ffee.us-east-1.rds.amazonaws.com"
		out["arn"] = "arn:aws:rds:us-east-1:" + FakeAccount + ":db:" + name
		out["resourceId"] = "db-" + strings.ToUpper(name)
	case "aws:elasticache/replicationGroup:ReplicationGroup":
		out["primaryEndpointAddress"] = "master." + name + ".c0ffee.use1.cache.amazonaws.com"
		out["arn"] = "arn:aws:elasticache:us-east-1:" + FakeAccount + ":replicationgroup:" + name
	case "aws:sqs/queue:Queue":
		out["url"] = "https://sqs.us-east-1.amazonaws.com/" + FakeAccount + "/" + name
		out["arn"] = "arn:aws:sqs:us-east-1:" + FakeAccount + ":" + name
	case "gcp:sql/databaseInstance:DatabaseInstance":
		out["privateIpAddress"] = "10.20.0.3"
		out["connectionName"] = "engine-project:us-central1:" + name
	case "gcp:redis/instance:Instance":
		out["host"] = "10.30.0.4"
		out["authString"] = "auth-" + name
	case "gcp:pubsub/topic:Topic":
		out["name"] = name
		if given := str("name"); given != "" {
			out["name"] = given
		}
	case "azure-native:dbforpostgresql:Server":
		out["fullyQualifiedDomainName"] = name + ".postgres.database.azure.com"
	case "azure-native:cache:Redis":
		out["hostName"] = name + ".redis.cache.windows.net"
	case "azure-native:documentdb:DatabaseAccount":
		id = "/subscriptions/" + FakeSubscription + "/resourceGroups/" + str("resourceGroupName") +
			"/providers/Microsoft.DocumentDB/databaseAccounts/" + name
	case "azure-native:servicebus:Queue":
		id = "/subscriptions/" + FakeSubscription + "/resourceGroups/" + str("resourceGroupName") +
			"/providers/Microsoft.ServiceBus/namespaces/" + str("namespaceName") + "/queues/" + name
	case "azure-native:managedidentity:UserAssignedIdentity":
		out["clientId"] = "client-" + name
		out["principalId"] = "principal-" + name
		out["tenantId"] = "tenant-" + FakeSubscription
		out["name"] = name
	}
	return id, out
}
