// Package catalogue is the bad-input catalogue: one case per validation rule, each with
// the field its message must name and words of what it says is allowed. The in-process
// tier (tests/validation_test.go) and the real-engine tier (tests/engine) run every case;
// docs/validation.md lists them.
package catalogue

import (
	"strings"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// Case is one invalid configuration of the component Token.
type Case struct {
	Name, Token string
	In          map[string]any
	Field       string // the field the message must name
	Allowed     string // part of what the message says is allowed
}

// plainCase is a case of the plain variant.
type plainCase struct {
	Name    string
	In      map[string]any
	Field   string
	Allowed string
}

// Tokens of the four variants.
const (
	PlainToken = "k8s-service:index:Service"
	AWSToken   = "k8s-service:aws:Service"
	GCPToken   = "k8s-service:gcp:Service"
	AzureToken = "k8s-service:azure:Service"
)

// Cloud identifiers the cases and the cloud tests use.
const (
	OIDCArn            = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123"
	OIDCIssuer         = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC123"
	BucketArn          = "arn:aws:s3:::reports"
	QueueArn           = "arn:aws:sqs:us-east-1:123456789012:jobs"
	ExtraPolicy        = "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"
	StorageContributor = "/subscriptions/" + harness.FakeSubscription +
		"/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
	SecretArn    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-AbCdEf"
	ParameterArn = "arn:aws:ssm:us-east-1:123456789012:parameter/shop/api-key"
	KeyVaultID   = "/subscriptions/" + harness.FakeSubscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/shop-kv"
)

// smSecret is a Secrets Manager secret delivered as the env var env.
func smSecret(env string) map[string]any { return map[string]any{"arn": SecretArn, "env": env} }

// TCP is the simple form of a tcp port.
var TCP = map[string]any{"tcp": 5432}

// Base is a minimal valid plain service with extra's keys set.
func Base(extra map[string]any) map[string]any {
	return harness.With(map[string]any{"image": "kennethreitz/httpbin", "port": map[string]any{"http": 80}}, extra)
}

// AWSInputs is a valid aws service with IRSA, with extra's keys set.
func AWSInputs(extra map[string]any) map[string]any {
	return harness.With(map[string]any{
		"image": "AUTO", "tag": "v1.2.3", "port": map[string]any{"http": 8080}, "namespace": "shop",
		"oidcProviderArn": OIDCArn, "oidcIssuerUrl": OIDCIssuer,
	}, extra)
}

// GCPInputs is a valid gcp service, with extra's keys set.
func GCPInputs(extra map[string]any) map[string]any {
	return harness.With(map[string]any{
		"image": "AUTO", "digest": "sha256:" + strings.Repeat("ab", 32), "port": map[string]any{"http": 8080},
		"namespace": "shop", "project": "acme-prod", "location": "us-central1",
	}, extra)
}

// AzureInputs is a valid azure service, with extra's keys set.
func AzureInputs(extra map[string]any) map[string]any {
	return harness.With(map[string]any{
		"image": "AUTO", "tag": "2024.1", "port": map[string]any{"http": 8080}, "namespace": "shop",
		"resourceGroupName": "rg", "kubeletObjectId": "kubelet-object-id",
		"oidcIssuerUrl": "https://eastus.oic.prod-aks.azure.com/tenant/cluster/",
	}, extra)
}

// All is every case, the plain ones with their token.
func All() []Case {
	var all []Case
	for _, c := range append(append([]plainCase{}, Core...), Workload...) {
		all = append(all, Case{Name: c.Name, Token: PlainToken, In: c.In, Field: c.Field, Allowed: c.Allowed})
	}
	return append(all, Cloud...)
}

var (
	withoutOIDC = func(extra map[string]any) map[string]any {
		in := AWSInputs(extra)
		delete(in, "oidcProviderArn")
		delete(in, "oidcIssuerUrl")
		return in
	}
	without = func(in map[string]any, keys ...string) map[string]any {
		for _, k := range keys {
			delete(in, k)
		}
		return in
	}
	s3Link           = map[string]any{"type": "s3", "arn": BucketArn, "access": "read"}
	azureStorageLink = map[string]any{"type": "storageAccount", "access": "read",
		"id": "/subscriptions/" + harness.FakeSubscription + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/shopdata"}
	// canary is a 20 % canary of tag v2, with extra's keys set.
	canary = func(extra map[string]any) map[string]any {
		return harness.With(map[string]any{"tag": "v2", "weight": 20}, extra)
	}
	// dbLink is a postgres link with extra's keys set.
	dbLink = func(extra map[string]any) map[string]any {
		return harness.With(map[string]any{"name": "db", "type": "postgres", "host": "db.internal"}, extra)
	}
)

// Core: the Kubernetes core's rules.
var Core = []plainCase{
	{"minContainers above maxContainers", Base(map[string]any{"minContainers": 5, "maxContainers": 3}), "minContainers", "must not exceed maxContainers (3)"},
	{"minContainers 0 with maxContainers above 0", Base(map[string]any{"minContainers": 0}), "minContainers", "set both to 0"},
	{"negative maxContainers", Base(map[string]any{"minContainers": 0, "maxContainers": -1}), "maxContainers", "0 or more"},
	{"port and ports together", Base(map[string]any{"ports": []any{map[string]any{"name": "web", "type": "http", "port": 80}}}), "ports", "not both"},
	{"two http ports", map[string]any{"image": "x", "ports": []any{
		map[string]any{"name": "a", "type": "http", "port": 80}, map[string]any{"name": "b", "type": "http", "port": 81}}}, "ports[1].type", "at most one port"},
	{"probePort names no port", Base(map[string]any{"probePort": "admin"}), "probePort", `"http"`},
	{"liveness path and command", Base(map[string]any{"livenessProbePath": "/l", "livenessProbeCommand": []any{"true"}}), "livenessProbeCommand", "path or a command"},
	{"healthcheck path and command", Base(map[string]any{"healthcheckPath": "/h", "healthcheckCommand": []any{"true"}}), "healthcheckCommand", "path or a command"},
	{"readiness path and command", Base(map[string]any{"readinessProbePath": "/r", "readinessProbeCommand": []any{"true"}}), "readinessProbeCommand", "path or a command"},
	{"simple port out of range", map[string]any{"image": "x", "port": map[string]any{"http": 70000}}, "port[http]", "between 1 and 65535"},
	{"list port out of range", map[string]any{"image": "x", "ports": []any{map[string]any{"name": "a", "type": "tcp", "port": 0}}}, "ports[0].port", "between 1 and 65535"},
	{"servicePort out of range", map[string]any{"image": "x", "ports": []any{map[string]any{"name": "a", "type": "tcp", "port": 80, "servicePort": 65536}}}, "ports[0].servicePort", "between 1 and 65535"},
	{"port map with two keys", map[string]any{"image": "x", "port": map[string]any{"http": 80, "tcp": 81}}, "port", "exactly one key"},
	{"port map with an unknown key", map[string]any{"image": "x", "port": map[string]any{"udp": 53}}, "port[udp]", `"http", "tcp", "grpc", "websocket"`},
	{"duplicate port names", map[string]any{"image": "x", "ports": []any{
		map[string]any{"name": "a", "type": "tcp", "port": 80}, map[string]any{"name": "a", "type": "tcp", "port": 81}}}, "ports[1].name", "Duplicate"},
	{"duplicate port numbers", map[string]any{"image": "x", "ports": []any{
		map[string]any{"name": "a", "type": "tcp", "port": 80}, map[string]any{"name": "b", "type": "tcp", "port": 80}}}, "ports[1].port", "Duplicate"},
	{"invalid port name", map[string]any{"image": "x", "ports": []any{map[string]any{"name": "Web_Port", "type": "tcp", "port": 80}}}, "ports[0].name", "alpha-numeric characters"},
	{"invalid port type", map[string]any{"image": "x", "ports": []any{map[string]any{"name": "a", "type": "udp", "port": 80}}}, "ports[0].type", `"http", "tcp"`},
	{"invalid port protocol", map[string]any{"image": "x", "ports": []any{map[string]any{"name": "a", "type": "http", "port": 80, "protocol": "h3"}}}, "ports[0].protocol", `"grpc", "websocket"`},
	{"storage size 0", Base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "size": 0}}}), "persistentStorage[0].size", "more than 0"},
	{"relative storage path", Base(map[string]any{"persistentStorage": []any{map[string]any{"path": "data", "size": 1}}}), "persistentStorage[0].path", "absolute path"},
	{"storage on /tmp under the restricted profile", Base(map[string]any{"securityProfile": "restricted",
		"persistentStorage": []any{map[string]any{"path": "/tmp", "size": 1}}}), "persistentStorage[0].path", "mount the volume elsewhere"},
	{"duplicate storage path", Base(map[string]any{"persistentStorage": []any{
		map[string]any{"path": "/data", "size": 1}, map[string]any{"path": "/data", "size": 2}}}), "persistentStorage[1].path", "Duplicate"},
	{"a path that names no valid volume", Base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/_", "size": 1}}}), "persistentStorage[0].path", "set `name`"},
	{"invalid volume name", Base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "name": "Data_1", "size": 1}}}), "persistentStorage[0].name", "lower case alphanumeric"},
	{"two paths that name the same volume", Base(map[string]any{"persistentStorage": []any{
		map[string]any{"path": "/a/b", "size": 1}, map[string]any{"path": "/a-b", "size": 1}}}), "persistentStorage[1].name", "Duplicate"},
	{"an env value that is an object", Base(map[string]any{"envVars": map[string]any{"FLAG": map[string]any{"on": true}}}), "envVars.FLAG", "must be a string"},
	{"ports given as a string", map[string]any{"image": "x", "ports": "80"}, "ports", "must be a list"},
	{"a number that is not one", Base(map[string]any{"minContainers": "two"}), "minContainers", "must be a number"},
	{"invalid cron schedule", Base(map[string]any{"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "every minute"}}}), "cronJobs[0].schedule", "five-field cron schedule"},
	{"cron schedule with a time zone", Base(map[string]any{"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "CRON_TZ=UTC 0 * * * *"}}}), "cronJobs[0].schedule", "time zones"},
	{"cron job without commands", Base(map[string]any{"cronJobs": []any{map[string]any{"schedule": "@daily"}}}), "cronJobs[0].commands", "the command to run"},
	{"duplicate cron job names", Base(map[string]any{"cronJobs": []any{
		map[string]any{"name": "sync", "commands": []any{"true"}, "schedule": "@daily"},
		map[string]any{"name": "sync", "commands": []any{"true"}, "schedule": "@hourly"}}}), "cronJobs[1].name", "Duplicate"},
	{"invalid toleration effect", Base(map[string]any{"tolerations": []any{map[string]any{"key": "k", "effect": "NoRun"}}}), "tolerations[0].effect", `"NoSchedule", "PreferNoSchedule", "NoExecute"`},
	{"invalid toleration operator", Base(map[string]any{"tolerations": []any{map[string]any{"key": "k", "operator": "In"}}}), "tolerations[0].operator", `"Equal", "Exists"`},
	{"toleration Exists with a value", Base(map[string]any{"tolerations": []any{map[string]any{"key": "k", "value": "v", "operator": "Exists"}}}), "tolerations[0].value", "empty when operator is Exists"},
	{"AUTO on the plain variant", Base(map[string]any{"image": "AUTO"}), "image", "only available on the aws, gcp and azure variants"},
	{"empty image", Base(map[string]any{"image": ""}), "image", "an image reference"},
	{"malformed image", Base(map[string]any{"image": "Not An Image"}), "image", "image reference"},
	{"tag on a tagged image", Base(map[string]any{"image": "nginx:1.27", "tag": "1.28"}), "tag", "already has a tag"},
	{"invalid digest", Base(map[string]any{"digest": "sha256:xyz"}), "digest", "sha256:<64 hex digits>"},
	{"negative CPU request", Base(map[string]any{"resourceRequest": map[string]any{"cpu": -100}}), "resourceRequest.cpu", "more than 0"},
	{"negative memory limit", Base(map[string]any{"resourceLimits": map[string]any{"memory": -1}}), "resourceLimits.memory", "more than 0"},
	{"negative ephemeral storage", Base(map[string]any{"resourceRequest": map[string]any{"ephemeralStorage": -5}}), "resourceRequest.ephemeralStorage", "more than 0"},
	{"ephemeral limit below request", Base(map[string]any{"resourceRequest": map[string]any{"ephemeralStorage": 500}, "resourceLimits": map[string]any{"ephemeralStorage": 100}}), "resourceLimits.ephemeralStorage", "at least the ephemeral storage request (500)"},
	{"limit below request", Base(map[string]any{"resourceRequest": map[string]any{"cpu": 500}, "resourceLimits": map[string]any{"cpu": 100}}), "resourceLimits.cpu", "at least the CPU request (500)"},
	{"publicUri with a scheme", Base(map[string]any{"publicUri": []any{"https://example.com"}}), "publicUri[0]", "host/path/prefix"},
	{"publicUri not a host", Base(map[string]any{"publicUri": []any{"not a host/path"}}), "publicUri[0]", "host/path/prefix"},
	{"publicUri with regex characters", Base(map[string]any{"publicUri": []any{"example.com/api(.*)"}}), "publicUri[0]", "letters, digits"},
	{"duplicate publicUri", Base(map[string]any{"publicUri": []any{"example.com/a", "example.com/a"}}), "publicUri[1]", "Duplicate"},
	{"publicUri without an http port", map[string]any{"image": "x", "port": TCP, "publicUri": []any{"example.com"}}, "port", "needs an http port"},
	{"publicUri on a cron-only service", map[string]any{"image": "x", "minContainers": 0, "maxContainers": 0, "publicUri": []any{"example.com"}}, "publicUri", "nothing to expose"},
	{"storage on a cron-only service", map[string]any{"image": "x", "minContainers": 0, "maxContainers": 0,
		"persistentStorage": []any{map[string]any{"path": "/d", "size": 1}}}, "persistentStorage", "no replicas"},
	{"sticky sessions and consistent hashing", Base(map[string]any{"stickySession": true, "consistentHash": "$request_uri"}), "consistentHash", "not both"},
	{"rollout timeout below 30 seconds", Base(map[string]any{"rolloutTimeoutSeconds": 10}), "rolloutTimeoutSeconds", "at least 30 seconds"},
	{"sticky session max age 0", Base(map[string]any{"stickySession": true, "stickySessionMaxAge": 0}), "stickySessionMaxAge", "more than 0"},
	{"invalid ingress class", Base(map[string]any{"ingressClassName": "Nginx Public"}), "ingressClassName", "RFC 1123"},
	{"invalid ingress annotation key", Base(map[string]any{"ingressExtraAnnotations": map[string]any{"bad key!": "v"}}), "ingressExtraAnnotations", "name part must consist"},
	{"HTTP probe on a tcp port", map[string]any{"image": "x", "port": TCP, "healthcheckPath": "/health"}, "healthcheckPath", "needs an http port"},
	{"relative probe path", Base(map[string]any{"livenessProbePath": "health"}), "livenessProbePath", "starting with '/'"},
	{"negative initial delay", Base(map[string]any{"initialLivenessDelay": -1}), "initialLivenessDelay", "0 or more seconds"},
	{"negative autoscaling target", Base(map[string]any{"autoscalingTargetCpuPercentage": -1}), "autoscalingTargetCpuPercentage", "0 (off) or more"},
	{"unknown security profile", Base(map[string]any{"securityProfile": "privileged"}), "securityProfile", `"baseline", "restricted"`},
	{"unknown image pull policy", Base(map[string]any{"imagePullPolicy": "Sometimes"}), "imagePullPolicy", `"Always", "IfNotPresent", "Never"`},
	{"createNamespace without namespace", Base(map[string]any{"createNamespace": true}), "namespace", "needs the namespace"},
	{"invalid namespace", Base(map[string]any{"namespace": "Prod_NS"}), "namespace", "RFC 1123"},
	{"invalid env var name", Base(map[string]any{"envVars": map[string]any{"BAD=NAME": "x"}}), "envVars[BAD=NAME]", "valid environment variable name"},
	{"env var both plain and secret", Base(map[string]any{"envVars": map[string]any{"TOKEN": "x"}, "secrets": map[string]any{"TOKEN": "y"}}), "secrets[TOKEN]", "also set in envVars"},
	{"invalid secret key", Base(map[string]any{"secrets": map[string]any{"a b": "x"}}), "secrets[a b]", "valid config key"},
	{"link credential as a plain string", Base(map[string]any{"links": []any{dbLink(map[string]any{"password": "hunter2"})}}), "links[0].password", "must be a secret"},
	{"unknown link type", Base(map[string]any{"links": []any{dbLink(map[string]any{"type": "oracle"})}}), "links[0].type", `"postgres", "mysql", "mongodb", "redis"`},
	{"link without a host", Base(map[string]any{"links": []any{without(dbLink(nil), "host")}}), "links[0].host", "host name or address"},
	{"link name that makes no env var", Base(map[string]any{"links": []any{dbLink(map[string]any{"name": "orders-db"})}}), "links[0].name", "valid C identifier"},
	{"two links of one name", Base(map[string]any{"links": []any{dbLink(nil), dbLink(nil)}}), "links[1].name", "Duplicate"},
	{"link env var also in envVars", Base(map[string]any{"envVars": map[string]any{"db_db_host": "x"}, "links": []any{dbLink(nil)}}), "links[0]", "also set by envVars"},
	{"redis link with a database", Base(map[string]any{"links": []any{dbLink(map[string]any{"type": "redis", "database": "0"})}}), "links[0].database", "host, port and password"},
	{"unknown link env name key", Base(map[string]any{"links": []any{dbLink(map[string]any{"envNames": map[string]any{"db_url": "DATABASE_URL"}})}}), "links[0].envNames[db_url]", `"db_host"`},
	{"pod label overriding the selector", Base(map[string]any{"podLabels": map[string]any{"app.kubernetes.io/name": "other"}}), "podLabels[app.kubernetes.io/name]", "select its pods"},
	{"invalid pod label", Base(map[string]any{"podLabels": map[string]any{"team": "has spaces"}}), "podLabels", "a valid label must"},
	{"pod label of the cron jobs' pods", Base(map[string]any{"podLabels": map[string]any{"k8s-service.io/cron-job": "x"}}), "podLabels[k8s-service.io/cron-job]", "cron jobs' pods apart"},
	{"replicas beyond a 32-bit integer", Base(map[string]any{"minContainers": 3000000000, "maxContainers": 3000000000}), "minContainers", "between -2147483647 and 2147483647"},
	{"delay beyond a 32-bit integer", Base(map[string]any{"initialReadinessDelay": 5000000000}), "initialReadinessDelay", "32-bit integer"},
	{"memory beyond what a quantity holds", Base(map[string]any{"resourceRequest": map[string]any{"memory": 99999999999999999}}), "resourceRequest.memory", "32-bit integer"},
	{"storage size beyond what a quantity holds", Base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "size": 100000000000000}}}), "persistentStorage[0].size", "32-bit integer"},
	{"canary weight above 100", Base(map[string]any{"canary": canary(map[string]any{"weight": 120})}), "canary.weight", "percentage, 0 to 100"},
	{"canary weight below 0", Base(map[string]any{"canary": canary(map[string]any{"weight": -5})}), "canary.weight", "percentage, 0 to 100"},
	{"canary without pods", Base(map[string]any{"canary": canary(map[string]any{"replicas": 0})}), "canary.replicas", "at least 1"},
	{"canary without a version", Base(map[string]any{"canary": map[string]any{"weight": 20}}), "canary.tag", "`tag` or `digest`"},
	{"canary of the version the service runs", Base(map[string]any{"tag": "v2", "canary": canary(nil)}), "canary.tag", "runs already"},
	{"canary with an invalid tag", Base(map[string]any{"canary": canary(map[string]any{"tag": "not a tag"})}), "canary.tag", "valid image tag"},
	{"canary of a cron-only service", map[string]any{"image": "worker:1", "maxContainers": 0, "canary": canary(nil),
		"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "@daily"}}}, "canary", "cron-only"},
	{"canary of a stateful service", Base(map[string]any{"canary": canary(nil), "persistentStorage": []any{map[string]any{"path": "/data", "size": 1}}}), "canary", "stateful service"},
	{"canary through an Ingress class without weights", Base(map[string]any{"canary": canary(nil), "publicUri": []any{"example.com"}, "ingressClassName": "traefik"}), "canary.weight", "route through a Gateway"},
	{"canary through GCE's Ingress", Base(map[string]any{"canary": canary(nil), "publicUri": []any{"example.com"}, "ingressClassName": "gce"}), "canary.weight", "cannot weigh traffic"},
	{"sticky session age beyond a 32-bit integer", Base(map[string]any{"stickySession": true, "stickySessionMaxAge": 9000000000}), "stickySessionMaxAge", "32-bit integer"},
}

// Workload: the workload features' rules.
var Workload = []plainCase{
	{"startup probe with a path and a command", Base(map[string]any{"startupProbe": map[string]any{"path": "/s", "command": []any{"true"}}}), "startupProbe.command", "path or a command"},
	{"startup probe with a relative path", Base(map[string]any{"startupProbe": map[string]any{"path": "started"}}), "startupProbe.path", "starting with '/'"},
	{"startup probe with nothing to check", map[string]any{"image": "worker:1", "startupProbe": map[string]any{}}, "startupProbe", "needs a `path`, a `command`, or a port"},
	{"liveness path given twice", Base(map[string]any{"livenessProbePath": "/l", "livenessProbe": map[string]any{"path": "/live"}}), "livenessProbe", "livenessProbePath or livenessProbeCommand is set too"},
	{"probe period 0", Base(map[string]any{"readinessProbe": map[string]any{"periodSeconds": 0}}), "readinessProbe.periodSeconds", "at least 1"},
	{"liveness success threshold above 1", Base(map[string]any{"livenessProbe": map[string]any{"successThreshold": 2}}), "livenessProbe.successThreshold", "must be 1 for liveness and startup probes"},
	{"config file with a relative path", Base(map[string]any{"configFiles": map[string]any{"etc/app.conf": "x"}}), "configFiles[etc/app.conf]", "clean absolute file path"},
	{"file both config and secret", Base(map[string]any{"configFiles": map[string]any{"/etc/app.conf": "x"}, "secretFiles": map[string]any{"/etc/app.conf": "y"}}), "secretFiles[/etc/app.conf]", "also set in configFiles"},
	{"config files above 1 MiB", Base(map[string]any{"configFiles": map[string]any{"/etc/big": strings.Repeat("x", 1<<20+1)}}), "configFiles", "may not be more than 1048576"},
	{"two mounts at one path", Base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "size": 1}}, "scratchVolumes": []any{map[string]any{"path": "/data", "sizeLimit": 10}}}), "scratchVolumes[0].path", "already mounted by persistentStorage[0].path"},
	{"a file on the restricted profile's /tmp", Base(map[string]any{"securityProfile": "restricted", "configFiles": map[string]any{"/tmp": "x"}}), "configFiles[/tmp]", "already mounted by the restricted profile's writable /tmp"},
	{"env from a key of no object", Base(map[string]any{"envVarsFrom": map[string]any{"DB_URL": map[string]any{"key": "url"}}}), "envVarsFrom[DB_URL]", "give `secret` or `configMap`"},
	{"env from a secret and a config map", Base(map[string]any{"envVarsFrom": map[string]any{"DB_URL": map[string]any{"secret": "db", "configMap": "db", "key": "url"}}}), "envVarsFrom[DB_URL].configMap", "not both"},
	{"env from an invalid object name", Base(map[string]any{"envVarsFrom": map[string]any{"DB_URL": map[string]any{"secret": "DB Creds", "key": "url"}}}), "envVarsFrom[DB_URL].secret", "RFC 1123"},
	{"env from an invalid key", Base(map[string]any{"envVarsFrom": map[string]any{"DB_URL": map[string]any{"secret": "db", "key": "a b"}}}), "envVarsFrom[DB_URL].key", "valid config key"},
	{"env from a name also in envVars", Base(map[string]any{"envVars": map[string]any{"DB_URL": "x"}, "envVarsFrom": map[string]any{"DB_URL": map[string]any{"secret": "db", "key": "url"}}}), "envVarsFrom[DB_URL]", "also set in envVars"},
	{"env from an invalid env name", Base(map[string]any{"envVarsFrom": map[string]any{"1DB": map[string]any{"secret": "db", "key": "url"}}}), "envVarsFrom[1DB]", "valid environment variable name"},
	{"envFrom naming no object", Base(map[string]any{"envFrom": []any{map[string]any{"prefix": "DB_"}}}), "envFrom[0]", "give `secret` or `configMap`"},
	{"envFrom with an invalid prefix", Base(map[string]any{"envFrom": []any{map[string]any{"configMap": "flags", "prefix": "1-"}}}), "envFrom[0].prefix", "valid environment variable name"},
	{"sidecar with an invalid name", Base(map[string]any{"sidecars": []any{map[string]any{"name": "Proxy", "image": "envoy"}}}), "sidecars[0].name", "RFC 1123"},
	{"init container named like the service", Base(map[string]any{"initContainers": []any{map[string]any{"name": "app", "commands": []any{"true"}}}}), "initContainers[0].name", "Duplicate"},
	{"init container of the service's image without a command", Base(map[string]any{"initContainers": []any{map[string]any{"name": "migrate"}}}), "initContainers[0].commands", "needs its own command"},
	{"sidecar with an invalid image", Base(map[string]any{"sidecars": []any{map[string]any{"name": "proxy", "image": "Not An Image"}}}), "sidecars[0].image", "must be lowercase"},
	{"sidecar limit below its request", Base(map[string]any{"sidecars": []any{map[string]any{"name": "proxy", "image": "envoy", "resourceRequest": map[string]any{"cpu": 200}, "resourceLimits": map[string]any{"cpu": 100}}}}), "sidecars[0].resourceLimits.cpu", "at least the CPU request (200)"},
	{"sidecar with an invalid env name", Base(map[string]any{"sidecars": []any{map[string]any{"name": "proxy", "image": "envoy", "envVars": map[string]any{"A B": "x"}}}}), "sidecars[0].envVars[A B]", "valid environment variable name"},
	{"scratch volume of size 0", Base(map[string]any{"scratchVolumes": []any{map[string]any{"path": "/cache", "sizeLimit": 0}}}), "scratchVolumes[0].sizeLimit", "more than 0"},
	{"scratch volume with a relative path", Base(map[string]any{"scratchVolumes": []any{map[string]any{"path": "cache", "sizeLimit": 1}}}), "scratchVolumes[0].path", "clean absolute path"},
	{"storage named like the files volume", Base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "name": "config-files", "size": 1}}}), "persistentStorage[0].name", "holds the service's files"},
	{"invalid node selector value", Base(map[string]any{"nodeSelector": map[string]any{"pool": "web pool"}}), "nodeSelector", "a valid label must"},
	{"unknown node affinity operator", Base(map[string]any{"nodeAffinity": map[string]any{"required": []any{map[string]any{"key": "pool", "operator": "Equals", "values": []any{"web"}}}}}), "nodeAffinity.required[0].operator", `"In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"`},
	{"node affinity In without values", Base(map[string]any{"nodeAffinity": map[string]any{"required": []any{map[string]any{"key": "pool", "operator": "In"}}}}), "nodeAffinity.required[0].values", "at least one value for In"},
	{"node affinity Exists with values", Base(map[string]any{"nodeAffinity": map[string]any{"required": []any{map[string]any{"key": "pool", "operator": "Exists", "values": []any{"web"}}}}}), "nodeAffinity.required[0].values", "must be empty for Exists"},
	{"node affinity Gt not an integer", Base(map[string]any{"nodeAffinity": map[string]any{"required": []any{map[string]any{"key": "cpus", "operator": "Gt", "values": []any{"four"}}}}}), "nodeAffinity.required[0].values[0]", "must be an integer for Gt"},
	{"node preference weight 0", Base(map[string]any{"nodeAffinity": map[string]any{"preferred": []any{map[string]any{"weight": 0, "key": "pool", "operator": "Exists"}}}}), "nodeAffinity.preferred[0].weight", "between 1 and 100"},
	{"invalid node affinity key", Base(map[string]any{"nodeAffinity": map[string]any{"required": []any{map[string]any{"key": "bad key", "operator": "Exists"}}}}), "nodeAffinity.required[0].key", "name part must consist"},
	{"invalid priority class", Base(map[string]any{"priorityClassName": "High Priority"}), "priorityClassName", "RFC 1123"},
	{"invalid image pull secret", Base(map[string]any{"imagePullSecrets": []any{"Reg Cred"}}), "imagePullSecrets[0]", "RFC 1123"},
	{"duplicate image pull secret", Base(map[string]any{"imagePullSecrets": []any{"regcred", "regcred"}}), "imagePullSecrets[1]", "Duplicate"},
	{"tls without publicUri", Base(map[string]any{"tls": []any{map[string]any{"secretName": "cert"}}}), "tls", "needs publicUri"},
	{"tls without a certificate source", Base(map[string]any{"publicUri": []any{"app.example.com"}, "tls": []any{map[string]any{}}}), "tls[0]", "give `secretName`"},
	{"tls with a secret and an issuer", Base(map[string]any{"publicUri": []any{"app.example.com"}, "tls": []any{map[string]any{"secretName": "cert", "clusterIssuer": "letsencrypt"}}}), "tls[0].clusterIssuer", "give one of secretName, clusterIssuer and issuer"},
	{"tls host not in publicUri", Base(map[string]any{"publicUri": []any{"app.example.com"}, "tls": []any{map[string]any{"hosts": []any{"api.example.com"}, "secretName": "cert"}}}), "tls[0].hosts[0]", `supported values: "app.example.com"`},
	{"tls host in two entries", Base(map[string]any{"publicUri": []any{"app.example.com"}, "tls": []any{map[string]any{"hosts": []any{"app.example.com"}, "secretName": "a"}, map[string]any{"hosts": []any{"app.example.com"}, "secretName": "b"}}}), "tls[1].hosts[0]", "Duplicate"},
	{"two tls entries without hosts", Base(map[string]any{"publicUri": []any{"app.example.com"}, "tls": []any{map[string]any{"secretName": "a"}, map[string]any{"issuer": "b"}}}), "tls[1].hosts", "only one entry may leave hosts out"},
	{"invalid tls secret name", Base(map[string]any{"publicUri": []any{"app.example.com"}, "tls": []any{map[string]any{"secretName": "My Cert"}}}), "tls[0].secretName", "RFC 1123"},
	{"unknown metric type", Base(map[string]any{"autoscalingMetrics": []any{map[string]any{"type": "Resource", "name": "cpu", "averageValue": "1"}}}), "autoscalingMetrics[0].type", `"Pods", "Object", "External"`},
	{"metric without a name", Base(map[string]any{"autoscalingMetrics": []any{map[string]any{"type": "Pods", "name": "", "averageValue": "1"}}}), "autoscalingMetrics[0].name", "the metric's name"},
	{"Pods metric without averageValue", Base(map[string]any{"autoscalingMetrics": []any{map[string]any{"type": "Pods", "name": "rps", "value": "10"}}}), "autoscalingMetrics[0].averageValue", "give averageValue alone"},
	{"Object metric without its object", Base(map[string]any{"autoscalingMetrics": []any{map[string]any{"type": "Object", "name": "rps", "value": "10"}}}), "autoscalingMetrics[0].objectName", "objectKind and objectName"},
	{"External metric with two targets", Base(map[string]any{"autoscalingMetrics": []any{map[string]any{"type": "External", "name": "queue", "value": "10", "averageValue": "1"}}}), "autoscalingMetrics[0].value", "one of the two"},
	{"metric target not a quantity", Base(map[string]any{"autoscalingMetrics": []any{map[string]any{"type": "Pods", "name": "rps", "averageValue": "ten"}}}), "autoscalingMetrics[0].averageValue", "a quantity such as"},
	{"object fields on an External metric", Base(map[string]any{"autoscalingMetrics": []any{map[string]any{"type": "External", "name": "queue", "value": "10", "objectKind": "Ingress"}}}), "autoscalingMetrics[0].objectKind", "are for Object metrics"},
	{"both resource targets off without metrics", Base(map[string]any{"autoscalingTargetCpuPercentage": 0, "autoscalingTargetMemPercentage": 0}), "autoscalingMetrics", "needs at least one metric"},
	{"stabilisation window above an hour", Base(map[string]any{"autoscalingBehavior": map[string]any{"scaleDownStabilizationSeconds": 7200}}), "autoscalingBehavior.scaleDownStabilizationSeconds", "between 0 and 3600 seconds"},
	{"invalid metric selector", Base(map[string]any{"autoscalingMetrics": []any{map[string]any{"type": "External", "name": "queue", "value": "10", "selector": map[string]any{"queue": "a b"}}}}), "autoscalingMetrics[0].selector", "a valid label must"},
	{"NodePort Service without a port", map[string]any{"image": "x", "serviceType": "NodePort"}, "serviceType", "give a `port`"},
	{"unknown Service type", Base(map[string]any{"serviceType": "ExternalName"}), "serviceType", `"ClusterIP", "NodePort", "LoadBalancer"`},
	{"source ranges without a load balancer", Base(map[string]any{"loadBalancerSourceRanges": []any{"10.0.0.0/8"}}), "loadBalancerSourceRanges", "serviceType: LoadBalancer"},
	{"source range not a CIDR", Base(map[string]any{"serviceType": "LoadBalancer", "loadBalancerSourceRanges": []any{"10.0.0.1"}}), "loadBalancerSourceRanges[0]", "a CIDR such as"},
	{"external traffic policy on a ClusterIP Service", Base(map[string]any{"externalTrafficPolicy": "Local"}), "externalTrafficPolicy", "only NodePort and LoadBalancer"},
	{"invalid Service annotation key", Base(map[string]any{"serviceAnnotations": map[string]any{"bad key!": "x"}}), "serviceAnnotations", "name part must consist"},
	{"a stripped prefix on gce", Base(map[string]any{"ingressClassName": "gce", "publicUri": []any{"example.com/api"}}), "keepPathPrefix", "cannot strip the path prefix"},
	{"consistent hashing on traefik", Base(map[string]any{"ingressClassName": "traefik", "publicUri": []any{"example.com"}, "consistentHash": "$request_uri"}), "consistentHash", "only ingress-nginx does"},
	{"sticky sessions on gce", Base(map[string]any{"ingressClassName": "gce", "publicUri": []any{"example.com"}, "stickySession": true}), "stickySession", "cannot pin clients"},
	{"gRPC through gce", Base(map[string]any{"ingressClassName": "gce", "port": map[string]any{"grpc": 9000}, "publicUri": []any{"example.com"}}), "port", "cannot proxy gRPC"},
	{"sticky sessions on an unknown class", Base(map[string]any{"ingressClassName": "haproxy", "publicUri": []any{"example.com"}, "stickySession": true}), "stickySession", "set ingressController"},
	{"alb cookie above a week", Base(map[string]any{"ingressClassName": "alb", "publicUri": []any{"example.com"}, "stickySession": true, "stickySessionMaxAge": 700000}), "stickySessionMaxAge", "at most 604800 seconds"},
	{"unknown ingress controller", Base(map[string]any{"ingressController": "haproxy"}), "ingressController", `"nginx", "traefik", "gce", "alb", "other"`},
	{"an nginx configuration snippet", Base(map[string]any{"ingressExtraAnnotations": map[string]any{"nginx.ingress.kubernetes.io/configuration-snippet": "deny all;"}}), "ingressExtraAnnotations[nginx.ingress.kubernetes.io/configuration-snippet]", "allowUnsafeIngressAnnotations"},
	{"an nginx auth-url", Base(map[string]any{"ingressExtraAnnotations": map[string]any{"nginx.ingress.kubernetes.io/auth-url": "http://auth"}}), "ingressExtraAnnotations[nginx.ingress.kubernetes.io/auth-url]", "injection CVEs"},
	{"a gateway without publicUri", Base(map[string]any{"gateway": map[string]any{"name": "public"}}), "publicUri", "the hosts (and path prefixes) the Gateway routes"},
	{"TLS with a gateway", Base(map[string]any{"gateway": map[string]any{"name": "public"}, "publicUri": []any{"example.com"}, "tls": []any{map[string]any{"secretName": "cert"}}}), "tls", "terminated by the Gateway's listener"},
	{"sticky sessions with a gateway", Base(map[string]any{"gateway": map[string]any{"name": "public"}, "publicUri": []any{"example.com"}, "stickySession": true}), "stickySession", "no session persistence"},
	{"a gRPC route with a path", map[string]any{"image": "x", "port": map[string]any{"grpc": 9000}, "gateway": map[string]any{"name": "public"}, "publicUri": []any{"example.com/api"}}, "publicUri[0]", "not path prefixes"},
	{"a gateway name that is no name", Base(map[string]any{"gateway": map[string]any{"name": "Public GW"}, "publicUri": []any{"example.com"}}), "gateway.name", "RFC 1123"},
	{"a listener name that is no name", Base(map[string]any{"gateway": map[string]any{"name": "public", "sectionName": "HTTPS"}, "publicUri": []any{"example.com"}}), "gateway.sectionName", "must be a listener name"},
	{"a policy source that names nothing", Base(map[string]any{"networkPolicy": map[string]any{"allowFrom": []any{map[string]any{}}}}), "networkPolicy.allowFrom[0]", "a `service`, a `namespace`, or both"},
	{"a policy source namespace that is no name", Base(map[string]any{"networkPolicy": map[string]any{"allowFrom": []any{map[string]any{"namespace": "Ingress NGINX"}}}}), "networkPolicy.allowFrom[0].namespace", "RFC 1123"},
	{"an egress CIDR and a service", Base(map[string]any{"networkPolicy": map[string]any{"allowEgressTo": []any{map[string]any{"cidr": "10.0.0.0/8", "service": "db"}}}}), "networkPolicy.allowEgressTo[0].cidr", "not both"},
	{"an egress CIDR that is no CIDR", Base(map[string]any{"networkPolicy": map[string]any{"allowEgressTo": []any{map[string]any{"cidr": "10.0.0.1/8"}}}}), "networkPolicy.allowEgressTo[0].cidr", "no host bits set"},
	{"an egress port out of range", Base(map[string]any{"networkPolicy": map[string]any{"allowEgressTo": []any{map[string]any{"service": "db", "ports": []any{70000}}}}}), "networkPolicy.allowEgressTo[0].ports[0]", "between 1 and 65535"},
	{"a network policy on a cron-only service", map[string]any{"image": "x", "minContainers": 0, "maxContainers": 0, "networkPolicy": map[string]any{}}, "networkPolicy", "has no pods to cover"},
	{"metrics on a port that is not there", Base(map[string]any{"metrics": map[string]any{"port": "admin"}}), "metrics.port", `supported values: "http"`},
	{"metrics without a port", map[string]any{"image": "x", "metrics": map[string]any{}}, "port", "scraped over a port"},
	{"a metrics interval that is no duration", Base(map[string]any{"metrics": map[string]any{"interval": "30 seconds"}}), "metrics.interval", "a Prometheus duration"},
	{"a relative metrics path", Base(map[string]any{"metrics": map[string]any{"path": "metrics"}}), "metrics.path", "absolute HTTP path"},
	{"monitor labels without a PodMonitor", Base(map[string]any{"metrics": map[string]any{"monitorLabels": map[string]any{"release": "prom"}}}), "metrics.monitorLabels", "only with via: podMonitor"},
	{"an unknown way to be scraped", Base(map[string]any{"metrics": map[string]any{"via": "serviceMonitor"}}), "metrics.via", `"annotations", "podMonitor"`},
	{"a pre-deploy Job without commands", Base(map[string]any{"preDeploy": map[string]any{"commands": []any{}}}), "preDeploy.commands", "the command the Job runs"},
	{"a pre-deploy timeout of 0", Base(map[string]any{"preDeploy": map[string]any{"commands": []any{"/app/migrate"}, "timeoutSeconds": 0}}), "preDeploy.timeoutSeconds", "between 1 and 86400"},
	{"a pre-deploy Job on a cron-only service", map[string]any{"image": "x", "minContainers": 0, "maxContainers": 0, "preDeploy": map[string]any{"commands": []any{"/app/migrate"}}}, "preDeploy", "gates the workload's rollout"},
	{"an annotation value with a newline", Base(map[string]any{"ingressExtraAnnotations": map[string]any{"example.com/note": "a\nb"}}), "ingressExtraAnnotations[example.com/note]", "control characters"},
}

// Cloud: the cloud variants' rules.
var Cloud = []Case{
	{"Entra auth on Azure Cache", AzureToken, AzureInputs(map[string]any{"links": []any{map[string]any{"type": "redis", "name": "cache", "host": "h", "entraAuth": true}}}), "links[0].entraAuth", "postgres and mysql flexible servers"},
	{"Entra auth with a password", AzureToken, AzureInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "h", "user": "api", "entraAuth": true, "password": "x"}}}), "links[0].password", "Entra token"},
	{"Entra auth without a user", AzureToken, AzureInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "h", "entraAuth": true}}}), "links[0].user", "Entra administrator created"},
	{"Entra auth without a managed identity", AzureToken, without(AzureInputs(map[string]any{"links": []any{map[string]any{"type": "mysql", "name": "db", "host": "h", "user": "api", "entraAuth": true}}}), "oidcIssuerUrl"), "links[0].entraAuth", "needs oidcIssuerUrl"},
	{"canary before the registry has a version", AWSToken, without(AWSInputs(map[string]any{"canary": canary(nil)}), "tag"), "canary", "runs no pods until `tag` or `digest`"},
	{"links without OIDC inputs", AWSToken, withoutOIDC(map[string]any{"links": []any{s3Link}}), "links", "needs oidcProviderArn and oidcIssuerUrl"},
	{"policies without OIDC inputs", AWSToken, withoutOIDC(map[string]any{"additionalIamPolicies": []any{ExtraPolicy}}), "additionalIamPolicies", "needs oidcProviderArn"},
	{"OIDC provider without issuer", AWSToken, without(AWSInputs(nil), "oidcIssuerUrl"), "oidcIssuerUrl", "needed with oidcProviderArn"},
	{"OIDC issuer without provider", AWSToken, without(AWSInputs(nil), "oidcProviderArn"), "oidcProviderArn", "needed with oidcIssuerUrl"},
	{"OIDC issuer not https", AWSToken, AWSInputs(map[string]any{"oidcIssuerUrl": "oidc.eks.amazonaws.com/id/X"}), "oidcIssuerUrl", "https:// URL"},
	{"OIDC provider not an OIDC provider ARN", AWSToken, AWSInputs(map[string]any{"oidcProviderArn": "arn:aws:iam::123456789012:role/x"}), "oidcProviderArn", "IAM OIDC provider ARN"},
	{"IRSA without namespace", AWSToken, without(AWSInputs(nil), "namespace"), "namespace", "system:serviceaccount:<namespace>:<name>"},
	{"unknown link type", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "kinesis", "arn": BucketArn, "access": "read"}}}), "links[0].type", `"s3", "sqs", "sns", "dynamodb", "postgres", "mysql", "redis", "documentdb"`},
	{"unknown access level", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "s3", "arn": BucketArn, "access": "admin"}}}), "links[0].access", `"read", "write"`},
	{"link ARN of another service", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "s3", "arn": QueueArn, "access": "read"}}}), "links[0].arn", "one s3 resource"},
	{"link ARN with a wildcard", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "s3", "arn": "arn:aws:s3:::*", "access": "read"}}}), "links[0].arn", "without wildcards"},
	{"link without an ARN", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "sqs", "access": "read"}}}), "links[0].arn", "the ARN of the sqs resource"},
	{"queue link without access", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "sqs", "arn": QueueArn, "name": "jobs"}}}), "links[0].access", "`read` or `write`"},
	{"queue link with a host", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "sqs", "arn": QueueArn, "access": "read", "host": "h"}}}), "links[0].host", "for postgres, mysql, redis and documentdb links"},
	{"database link without a name", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "host": "db"}}}), "links[0].name", "names the env vars"},
	{"database link with an access", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "mysql", "name": "db", "host": "db", "access": "read"}}}), "links[0].access", "for s3, sqs, sns and dynamodb links"},
	{"database link credential as a plain string", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "db", "password": "hunter2"}}}), "links[0].password", "must be a secret"},
	{"iamAuth on redis", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "redis", "name": "cache", "host": "c", "iamAuth": true}}}), "links[0].iamAuth", "postgres and mysql"},
	{"iamAuth without the user's ARN", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "db", "iamAuth": true}}}), "links[0].arn", "dbuser"},
	{"iamAuth with an ARN of another service", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "db", "iamAuth": true, "arn": BucketArn}}}), "links[0].arn", "a database user's ARN"},
	{"database link ARN without iamAuth", AWSToken, AWSInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "db", "arn": BucketArn}}}), "links[0].arn", "grants nothing without iamAuth"},
	{"queue link env var also in envVars", AWSToken, AWSInputs(map[string]any{"envVars": map[string]any{"jobs_queue_url": "x"}, "links": []any{map[string]any{"type": "sqs", "arn": QueueArn, "access": "read", "name": "jobs"}}}), "links[0]", "also set by envVars"},
	{"additional policy not a policy ARN", AWSToken, AWSInputs(map[string]any{"additionalIamPolicies": []any{"AdministratorAccess"}}), "additionalIamPolicies[0]", "IAM policy ARN"},
	{"AUTO with tag and digest", AWSToken, AWSInputs(map[string]any{"digest": "sha256:" + strings.Repeat("a", 64)}), "digest", "a tag or a digest, not both"},
	{"AWS storage class not a name", AWSToken, AWSInputs(map[string]any{"storageClassName": "Fast SSD"}), "storageClassName", "RFC 1123"},
	{"load balancer scheme without a load balancer", AWSToken, AWSInputs(map[string]any{"loadBalancerScheme": "external"}), "loadBalancerScheme", "serviceType: LoadBalancer"},
	{"GKE without project", GCPToken, without(GCPInputs(nil), "project"), "project", "the Google Cloud project"},
	{"GKE AUTO without location", GCPToken, without(GCPInputs(nil), "location"), "location", "Artifact Registry location"},
	{"GKE without namespace", GCPToken, without(GCPInputs(nil), "namespace"), "namespace", "svc.id.goog[<namespace>/<name>]"},
	{"unknown disk type", GCPToken, GCPInputs(map[string]any{"diskType": "pd-extreme"}), "diskType", `"pd-balanced", "pd-ssd"`},
	{"invalid Google service account id", GCPToken, GCPInputs(map[string]any{"serviceAccountId": "Svc"}), "serviceAccountId", "6-30 lowercase letters"},
	{"IAM role not a role name", GCPToken, GCPInputs(map[string]any{"additionalIamRoles": []any{"pubsub.subscriber"}}), "additionalIamRoles[0]", "roles/pubsub.subscriber"},
	{"basic IAM role", GCPToken, GCPInputs(map[string]any{"additionalIamRoles": []any{"roles/editor"}}), "additionalIamRoles[0]", "basic roles"},
	{"bucket link with unknown access", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"bucket": "b", "access": "owner"}}}), "links[0].access", `"read", "write"`},
	{"bucket link without bucket", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"access": "read"}}}), "links[0].bucket", "the bucket's name"},
	{"bucket link without access", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"bucket": "b"}}}), "links[0].access", "`read` or `write`"},
	{"bucket link with a host", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"bucket": "b", "access": "read", "host": "h"}}}), "links[0].host", "for postgres, mysql and redis links"},
	{"Cloud SQL link without a name", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "host": "10.1.0.3"}}}), "links[0].name", "names the env vars"},
	{"Cloud SQL link with a bucket", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "mysql", "name": "db", "host": "h", "bucket": "b"}}}), "links[0].bucket", "for bucket and Pub/Sub links"},
	{"Cloud SQL link credential as a plain string", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "h", "password": "hunter2"}}}), "links[0].password", "must be a secret"},
	{"iamAuth on Memorystore", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "redis", "name": "cache", "host": "h", "iamAuth": true}}}), "links[0].iamAuth", "postgres and mysql"},
	{"iamAuth with a user", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "h", "iamAuth": true, "user": "api"}}}), "links[0].user", "IAM database user"},
	{"unknown GKE link type", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "spanner", "name": "db"}}}), "links[0].type", `"bucket", "pubsubTopic", "pubsubSubscription", "firestore", "postgres", "mysql", "redis"`},
	{"Firestore link without an access", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "firestore", "name": "docs"}}}), "links[0].access", "`read` or `write`"},
	{"Firestore link with a host", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "firestore", "access": "read", "host": "h"}}}), "links[0].host", "names its database"},
	{"Pub/Sub topic link without a topic", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "pubsubTopic", "name": "orders"}}}), "links[0].topic", "the topic's name"},
	{"Pub/Sub topic link with an access", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "pubsubTopic", "topic": "orders", "access": "read"}}}), "links[0].access", "grants roles/pubsub.publisher"},
	{"Pub/Sub subscription link naming a topic", GCPToken, GCPInputs(map[string]any{"links": []any{map[string]any{"type": "pubsubSubscription", "subscription": "s", "topic": "orders"}}}), "links[0].topic", "not for a pubsubSubscription link"},
	{"AKS without resource group", AzureToken, without(AzureInputs(nil), "resourceGroupName"), "resourceGroupName", "the resource group"},
	{"AKS AUTO without kubelet identity", AzureToken, without(AzureInputs(nil), "kubeletObjectId"), "kubeletObjectId", "AcrPull"},
	{"role assignments without OIDC issuer", AzureToken, without(AzureInputs(map[string]any{"roleAssignments": []any{
		map[string]any{"roleDefinitionId": StorageContributor, "scope": "/subscriptions/x"}}}), "oidcIssuerUrl"), "roleAssignments", "needs oidcIssuerUrl"},
	{"workload identity without namespace", AzureToken, without(AzureInputs(nil), "namespace"), "namespace", "system:serviceaccount:<namespace>:<name>"},
	{"AKS OIDC issuer not https", AzureToken, AzureInputs(map[string]any{"oidcIssuerUrl": "http://issuer"}), "oidcIssuerUrl", "https:// URL"},
	{"unknown registry SKU", AzureToken, AzureInputs(map[string]any{"registrySku": "Free"}), "registrySku", `"Basic", "Standard", "Premium"`},
	{"data role links without OIDC issuer", AzureToken, without(AzureInputs(map[string]any{"links": []any{azureStorageLink}}), "oidcIssuerUrl"), "links", "needs oidcIssuerUrl"},
	{"storage link with a Key Vault's id", AzureToken, AzureInputs(map[string]any{"links": []any{harness.With(azureStorageLink, map[string]any{"id": KeyVaultID})}}), "links[0].id", "the resource id of one storageAccount"},
	{"an AWS ARN as an Azure id", AzureToken, AzureInputs(map[string]any{"links": []any{harness.With(azureStorageLink, map[string]any{"id": BucketArn})}}), "links[0].id", "the resource id of one storageAccount"},
	{"storage link without access", AzureToken, AzureInputs(map[string]any{"links": []any{without(harness.With(azureStorageLink, nil), "access")}}), "links[0].access", "`read` or `write`"},
	{"storage link with a host", AzureToken, AzureInputs(map[string]any{"links": []any{harness.With(azureStorageLink, map[string]any{"host": "h"})}}), "links[0].host", "for postgres, mysql, redis and mongodb links"},
	{"Azure database link with an id", AzureToken, AzureInputs(map[string]any{"links": []any{map[string]any{"type": "postgres", "name": "db", "host": "h", "id": KeyVaultID}}}), "links[0].id", "a database link grants nothing"},
	{"Azure database link credential as a plain string", AzureToken, AzureInputs(map[string]any{"links": []any{map[string]any{"type": "mysql", "name": "db", "host": "h", "password": "hunter2"}}}), "links[0].password", "must be a secret"},
	{"Cosmos DB link with a storage account's id", AzureToken, AzureInputs(map[string]any{"links": []any{map[string]any{"type": "cosmosSql", "id": azureStorageLink["id"], "access": "read"}}}), "links[0].id", "one cosmosSql"},
	{"unknown Azure link type", AzureToken, AzureInputs(map[string]any{"links": []any{map[string]any{"type": "cosmosCassandra", "id": KeyVaultID, "access": "read"}}}), "links[0].type", `"storageAccount", "storageContainer"`},
	{"role definition not an id", AzureToken, AzureInputs(map[string]any{"roleAssignments": []any{map[string]any{"roleDefinitionId": "Contributor", "scope": "/subscriptions/x"}}}), "roleAssignments[0].roleDefinitionId", "roleDefinitions/<guid>"},
	{"role assignment without scope", AzureToken, AzureInputs(map[string]any{"roleAssignments": []any{map[string]any{"roleDefinitionId": StorageContributor}}}), "roleAssignments[0].scope", "the resource id"},
	{"core rules apply to cloud variants", AzureToken, AzureInputs(map[string]any{"minContainers": 4, "maxContainers": 2}), "minContainers", "must not exceed maxContainers"},
	{"cloud secrets without OIDC inputs", AWSToken, withoutOIDC(map[string]any{"cloudSecrets": []any{smSecret("DB_PASSWORD")}}), "cloudSecrets", "needs oidcProviderArn and oidcIssuerUrl"},
	{"cloud secret with neither env nor path", AWSToken, AWSInputs(map[string]any{"cloudSecrets": []any{map[string]any{"arn": SecretArn}}}), "cloudSecrets[0]", "one of `env` (an env var) or `path`"},
	{"cloud secret with env and path", AWSToken, AWSInputs(map[string]any{"cloudSecrets": []any{map[string]any{"arn": SecretArn, "env": "A", "path": "/etc/a"}}}), "cloudSecrets[0].path", "not both"},
	{"cloud secret env also in envVars", AWSToken, AWSInputs(map[string]any{"envVars": map[string]any{"DB_PASSWORD": "x"}, "cloudSecrets": []any{smSecret("DB_PASSWORD")}}), "cloudSecrets[0].env", "also set in envVars"},
	{"cloud secret file path not absolute", AWSToken, AWSInputs(map[string]any{"cloudSecrets": []any{map[string]any{"arn": SecretArn, "path": "etc/token"}}}), "cloudSecrets[0].path", "clean absolute file path"},
	{"cloud secret ARN of another service", AWSToken, AWSInputs(map[string]any{"cloudSecrets": []any{map[string]any{"arn": ParameterArn, "env": "A"}}}), "cloudSecrets[0].arn", "one secretsManager resource"},
	{"cloud secret unknown service", AWSToken, AWSInputs(map[string]any{"cloudSecrets": []any{map[string]any{"arn": SecretArn, "env": "A", "service": "vault"}}}), "cloudSecrets[0].service", `secretsManager", "parameterStore`},
	{"cloud secrets in two regions", AWSToken, AWSInputs(map[string]any{"cloudSecrets": []any{smSecret("A"), map[string]any{"arn": strings.Replace(SecretArn, "us-east-1", "eu-west-1", 1), "env": "B"}}}), "cloudSecrets[1].arn", "must be in us-east-1"},
	{"SSM parameter version not a number", AWSToken, AWSInputs(map[string]any{"cloudSecrets": []any{map[string]any{"arn": ParameterArn, "service": "parameterStore", "env": "A", "version": "latest"}}}), "cloudSecrets[0].version", "version number"},
	{"cloud secret without a secret id", GCPToken, GCPInputs(map[string]any{"cloudSecrets": []any{map[string]any{"env": "A"}}}), "cloudSecrets[0].secret", "secret's id"},
	{"cloud secret named by resource name", GCPToken, GCPInputs(map[string]any{"cloudSecrets": []any{map[string]any{"secret": "projects/acme-prod/secrets/db", "env": "A"}}}), "cloudSecrets[0].secret", "not its resource name"},
	{"cloud secret version not a number", GCPToken, GCPInputs(map[string]any{"cloudSecrets": []any{map[string]any{"secret": "db", "env": "A", "version": "v2"}}}), "cloudSecrets[0].version", "`latest` or a version number"},
	{"cloud secrets without a vault", AzureToken, AzureInputs(map[string]any{"cloudSecrets": []any{map[string]any{"secret": "db", "env": "A"}}}), "keyVaultId", "the Key Vault that holds cloudSecrets"},
	{"vault id not a Key Vault", AzureToken, AzureInputs(map[string]any{"keyVaultId": "/subscriptions/x/resourceGroups/rg", "cloudSecrets": []any{map[string]any{"secret": "db", "env": "A"}}}), "keyVaultId", "Microsoft.KeyVault/vaults/<name>"},
	{"cloud secrets without OIDC issuer", AzureToken, without(AzureInputs(map[string]any{"keyVaultId": KeyVaultID, "cloudSecrets": []any{map[string]any{"secret": "db", "env": "A"}}}), "oidcIssuerUrl"), "cloudSecrets", "needs oidcIssuerUrl"},
	{"Key Vault secret version malformed", AzureToken, AzureInputs(map[string]any{"keyVaultId": KeyVaultID, "cloudSecrets": []any{map[string]any{"secret": "db", "env": "A", "version": "1"}}}), "cloudSecrets[0].version", "32 lowercase hexadecimal"},
	{"vault without cloud secrets", AzureToken, AzureInputs(map[string]any{"keyVaultId": KeyVaultID}), "keyVaultId", "set it with them"},
}
