package apiserver

import (
	"strings"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// fixture is one configuration of the plain Service, as the engine would send it.
type fixture struct {
	name   string
	inputs map[string]any
}

var (
	with    = harness.With
	minimal = harness.ExampleMinimal()
	httpbin = harness.ExampleHTTPBin()
)

// fixtures: every example, and one configuration per feature.
var fixtures = []fixture{
	{"example httpbin", httpbin},
	{"example minimal", minimal},
	{"probe http healthcheck", with(minimal, map[string]any{"healthcheckPath": "/"})},
	{"probe split paths", with(minimal, map[string]any{"livenessProbePath": "/live", "readinessProbePath": "/ready"})},
	{"probe exec", with(minimal, map[string]any{"livenessProbeCommand": []any{"cat", "/tmp/ok"}, "readinessProbeCommand": []any{"true"}})},
	{"probe tcp", map[string]any{"image": "redis:7", "port": map[string]any{"tcp": 6379}}},
	{"probe grpc", map[string]any{"image": "grpc-app", "port": map[string]any{"grpc": 50051}, "publicUri": []any{"grpc.example.com"}}},
	{"probe websocket", map[string]any{"image": "ws-app", "port": map[string]any{"websocket": 8080}, "publicUri": []any{"ws.example.com/socket"}}},
	{"multi port", map[string]any{"image": "app", "probePort": "admin", "ports": []any{
		map[string]any{"name": "web", "type": "http", "port": 8080, "servicePort": 80},
		map[string]any{"name": "admin", "type": "tcp", "port": 9090},
		map[string]any{"name": "api", "type": "tcp", "port": 9000, "protocol": "grpc"},
	}}},
	{"storage", with(minimal, map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "size": 5}}})},
	{"cron only", map[string]any{"image": "busybox:1.36", "minContainers": 0, "maxContainers": 0,
		"secrets":  map[string]any{"TOKEN": "x"},
		"cronJobs": []any{map[string]any{"commands": []any{"/bin/sh", "-c", "date"}, "args": []any{"--utc"}, "schedule": "@hourly"}}}},
	{"ingress sticky rewrite", with(minimal, map[string]any{
		"publicUri": []any{"app.example.com", "example.com/api/v1"}, "stickySession": true, "stickySessionMaxAge": 600,
		"ingressClassName": "public", "ingressController": "nginx", "ingressExtraAnnotations": map[string]any{"cert-manager.io/cluster-issuer": "letsencrypt"}})},
	{"traefik sticky", with(minimal, map[string]any{"ingressClassName": "traefik", "publicUri": []any{"example.com/app"},
		"keepPathPrefix": true, "stickySession": true})},
	{"alb and a load balancer", with(minimal, map[string]any{"ingressClassName": "alb", "publicUri": []any{"example.com"},
		"serviceType": "LoadBalancer", "loadBalancerSourceRanges": []any{"10.0.0.0/8"}, "externalTrafficPolicy": "Local",
		"serviceAnnotations": map[string]any{"example.com/owner": "shop"}})},
	{"ingress hash keep prefix", with(minimal, map[string]any{
		"publicUri": []any{"*.example.com/app"}, "keepPathPrefix": true, "consistentHash": "$request_uri"})},
	{"secrets and env", with(minimal, map[string]any{
		"envVars": map[string]any{"MODE": "web", "LOG_LEVEL": "debug"}, "secrets": map[string]any{"DB_PASSWORD": "pw", "API_KEY": "k"}})},
	{"tolerations", with(minimal, map[string]any{"tolerations": []any{
		map[string]any{"key": "dedicated", "value": "web", "effect": "NoExecute"},
		map[string]any{"key": "spot", "operator": "Exists", "effect": "PreferNoSchedule"}}})},
	{"restricted profile", with(minimal, map[string]any{"securityProfile": "restricted",
		"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "0 3 * * *"}}})},
	{"restricted storage", with(minimal, map[string]any{"securityProfile": "restricted",
		"persistentStorage": []any{map[string]any{"path": "/var/lib/app", "size": 1}}})},
	{"resources and scaling", with(minimal, map[string]any{
		"resourceRequest": map[string]any{"cpu": 250, "memory": 512}, "resourceLimits": map[string]any{"cpu": 1000},
		"minContainers": 3, "maxContainers": 10, "autoscalingTargetCpuPercentage": 60, "autoscalingTargetMemPercentage": 90})},
	{"pod metadata and commands", with(minimal, map[string]any{
		"commands": []any{"nginx"}, "args": []any{"-g", "daemon off;"},
		"podAnnotations": map[string]any{"prometheus.io/scrape": "true"}, "podLabels": map[string]any{"team": "web"}})},
	{"workload features", harness.ExampleFeatures()},
	{"workload features stateful", with(harness.ExampleFeatures(), map[string]any{"securityProfile": "restricted",
		"priorityClassName": "system-cluster-critical", "persistentStorage": []any{map[string]any{"path": "/data", "size": 1}}})},
	{"tls from a secret, cpu target off", with(minimal, map[string]any{"publicUri": []any{"app.example.com", "api.example.com"},
		"tls":                            []any{map[string]any{"hosts": []any{"api.example.com"}, "secretName": "api-tls"}, map[string]any{"issuer": "ca"}},
		"autoscalingTargetCpuPercentage": 0, "autoscalingMetrics": []any{map[string]any{"type": "Object", "name": "rps",
			"value": "10", "objectKind": "Ingress", "objectName": "main", "objectApiVersion": "networking.k8s.io/v1"}}})},
	{"image digest", with(minimal, map[string]any{"image": "nginx", "digest": "sha256:" + strings.Repeat("0a", 32)})},
}

// change is an update from one configuration to another.

// variantFixture is a cloud variant's configuration; only its Kubernetes objects are
// applied (the cloud resources are checked by the unit tests).
type variantFixture struct {
	name, token string
	inputs      map[string]any
}

var variantFixtures = []variantFixture{
	{"aws irsa auto storage", "k8s-service:aws:Service", with(minimal, map[string]any{
		"image": "AUTO", "tag": "v1", "oidcProviderArn": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X",
		"oidcIssuerUrl": "https://oidc.eks.us-east-1.amazonaws.com/id/X", "securityProfile": "restricted",
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 10}}})},
	{"aws auto before first push", "k8s-service:aws:Service", with(minimal, map[string]any{"image": "AUTO"})},
	{"gcp workload identity", "k8s-service:gcp:Service", with(minimal, map[string]any{
		"project": "acme", "location": "us-central1", "image": "AUTO", "digest": "sha256:" + strings.Repeat("0b", 32),
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 10}}, "diskType": "pd-ssd"})},
	{"azure workload identity", "k8s-service:azure:Service", with(minimal, map[string]any{
		"resourceGroupName": "rg", "kubeletObjectId": "kubelet", "image": "AUTO", "tag": "1",
		"oidcIssuerUrl":     "https://eastus.oic.prod-aks.azure.com/t/c/",
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 10}},
		"cronJobs":          []any{map[string]any{"commands": []any{"true"}, "schedule": "@daily"}}})},
}

// variantChanges are updates of a cloud variant's Kubernetes side.
