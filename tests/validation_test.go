package tests

import (
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
	"os"
	"strings"
	"testing"
)

var tcp = map[string]any{"tcp": 5432}

// badInputs: one case per validation rule. docs/validation.md lists them.
var badInputs = []struct {
	name    string
	in      map[string]any
	field   string // the field the message must name
	allowed string // part of what the message says is allowed
}{
	{"minContainers above maxContainers", base(map[string]any{"minContainers": 5, "maxContainers": 3}), "minContainers", "must not exceed maxContainers (3)"},
	{"minContainers 0 with maxContainers above 0", base(map[string]any{"minContainers": 0}), "minContainers", "set both to 0"},
	{"negative maxContainers", base(map[string]any{"minContainers": 0, "maxContainers": -1}), "maxContainers", "0 or more"},
	{"port and ports together", base(map[string]any{"ports": []any{map[string]any{"name": "web", "type": "http", "port": 80}}}), "ports", "not both"},
	{"two http ports", map[string]any{"image": "x", "ports": []any{
		map[string]any{"name": "a", "type": "http", "port": 80}, map[string]any{"name": "b", "type": "http", "port": 81}}}, "ports[1].type", "at most one port"},
	{"probePort names no port", base(map[string]any{"probePort": "admin"}), "probePort", `"http"`},
	{"liveness path and command", base(map[string]any{"livenessProbePath": "/l", "livenessProbeCommand": []any{"true"}}), "livenessProbeCommand", "path or a command"},
	{"healthcheck path and command", base(map[string]any{"healthcheckPath": "/h", "healthcheckCommand": []any{"true"}}), "healthcheckCommand", "path or a command"},
	{"readiness path and command", base(map[string]any{"readinessProbePath": "/r", "readinessProbeCommand": []any{"true"}}), "readinessProbeCommand", "path or a command"},
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
	{"storage size 0", base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "size": 0}}}), "persistentStorage[0].size", "more than 0"},
	{"relative storage path", base(map[string]any{"persistentStorage": []any{map[string]any{"path": "data", "size": 1}}}), "persistentStorage[0].path", "absolute path"},
	{"storage on /tmp under the restricted profile", base(map[string]any{"securityProfile": "restricted",
		"persistentStorage": []any{map[string]any{"path": "/tmp", "size": 1}}}), "persistentStorage[0].path", "mount the volume elsewhere"},
	{"duplicate storage path", base(map[string]any{"persistentStorage": []any{
		map[string]any{"path": "/data", "size": 1}, map[string]any{"path": "/data", "size": 2}}}), "persistentStorage[1].path", "Duplicate"},
	{"a path that names no valid volume", base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/_", "size": 1}}}), "persistentStorage[0].path", "set `name`"},
	{"invalid volume name", base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "name": "Data_1", "size": 1}}}), "persistentStorage[0].name", "lower case alphanumeric"},
	{"two paths that name the same volume", base(map[string]any{"persistentStorage": []any{
		map[string]any{"path": "/a/b", "size": 1}, map[string]any{"path": "/a-b", "size": 1}}}), "persistentStorage[1].name", "Duplicate"},
	{"an env value that is an object", base(map[string]any{"envVars": map[string]any{"FLAG": map[string]any{"on": true}}}), "envVars.FLAG", "must be a string"},
	{"ports given as a string", map[string]any{"image": "x", "ports": "80"}, "ports", "must be a list"},
	{"a number that is not one", base(map[string]any{"minContainers": "two"}), "minContainers", "must be a number"},
	{"invalid cron schedule", base(map[string]any{"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "every minute"}}}), "cronJobs[0].schedule", "five-field cron schedule"},
	{"cron schedule with a time zone", base(map[string]any{"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "CRON_TZ=UTC 0 * * * *"}}}), "cronJobs[0].schedule", "time zones"},
	{"cron job without commands", base(map[string]any{"cronJobs": []any{map[string]any{"schedule": "@daily"}}}), "cronJobs[0].commands", "the command to run"},
	{"duplicate cron job names", base(map[string]any{"cronJobs": []any{
		map[string]any{"name": "sync", "commands": []any{"true"}, "schedule": "@daily"},
		map[string]any{"name": "sync", "commands": []any{"true"}, "schedule": "@hourly"}}}), "cronJobs[1].name", "Duplicate"},
	{"invalid toleration effect", base(map[string]any{"tolerations": []any{map[string]any{"key": "k", "effect": "NoRun"}}}), "tolerations[0].effect", `"NoSchedule", "PreferNoSchedule", "NoExecute"`},
	{"invalid toleration operator", base(map[string]any{"tolerations": []any{map[string]any{"key": "k", "operator": "In"}}}), "tolerations[0].operator", `"Equal", "Exists"`},
	{"toleration Exists with a value", base(map[string]any{"tolerations": []any{map[string]any{"key": "k", "value": "v", "operator": "Exists"}}}), "tolerations[0].value", "empty when operator is Exists"},
	{"AUTO on the plain variant", base(map[string]any{"image": "AUTO"}), "image", "only available on the aws, gcp and azure variants"},
	{"empty image", base(map[string]any{"image": ""}), "image", "an image reference"},
	{"malformed image", base(map[string]any{"image": "Not An Image"}), "image", "image reference"},
	{"tag on a tagged image", base(map[string]any{"image": "nginx:1.27", "tag": "1.28"}), "tag", "already has a tag"},
	{"invalid digest", base(map[string]any{"digest": "sha256:xyz"}), "digest", "sha256:<64 hex digits>"},
	{"negative CPU request", base(map[string]any{"resourceRequest": map[string]any{"cpu": -100}}), "resourceRequest.cpu", "more than 0"},
	{"negative memory limit", base(map[string]any{"resourceLimits": map[string]any{"memory": -1}}), "resourceLimits.memory", "more than 0"},
	{"negative ephemeral storage", base(map[string]any{"resourceRequest": map[string]any{"ephemeralStorage": -5}}), "resourceRequest.ephemeralStorage", "more than 0"},
	{"ephemeral limit below request", base(map[string]any{"resourceRequest": map[string]any{"ephemeralStorage": 500}, "resourceLimits": map[string]any{"ephemeralStorage": 100}}), "resourceLimits.ephemeralStorage", "at least the ephemeral storage request (500)"},
	{"limit below request", base(map[string]any{"resourceRequest": map[string]any{"cpu": 500}, "resourceLimits": map[string]any{"cpu": 100}}), "resourceLimits.cpu", "at least the CPU request (500)"},
	{"publicUri with a scheme", base(map[string]any{"publicUri": []any{"https://example.com"}}), "publicUri[0]", "host/path/prefix"},
	{"publicUri not a host", base(map[string]any{"publicUri": []any{"not a host/path"}}), "publicUri[0]", "host/path/prefix"},
	{"publicUri with regex characters", base(map[string]any{"publicUri": []any{"example.com/api(.*)"}}), "publicUri[0]", "letters, digits"},
	{"duplicate publicUri", base(map[string]any{"publicUri": []any{"example.com/a", "example.com/a"}}), "publicUri[1]", "Duplicate"},
	{"publicUri without an http port", map[string]any{"image": "x", "port": tcp, "publicUri": []any{"example.com"}}, "port", "needs an http port"},
	{"publicUri on a cron-only service", map[string]any{"image": "x", "minContainers": 0, "maxContainers": 0, "publicUri": []any{"example.com"}}, "publicUri", "nothing to expose"},
	{"storage on a cron-only service", map[string]any{"image": "x", "minContainers": 0, "maxContainers": 0,
		"persistentStorage": []any{map[string]any{"path": "/d", "size": 1}}}, "persistentStorage", "no replicas"},
	{"sticky sessions and consistent hashing", base(map[string]any{"stickySession": true, "consistentHash": "$request_uri"}), "consistentHash", "not both"},
	{"rollout timeout below 30 seconds", base(map[string]any{"rolloutTimeoutSeconds": 10}), "rolloutTimeoutSeconds", "at least 30 seconds"},
	{"sticky session max age 0", base(map[string]any{"stickySession": true, "stickySessionMaxAge": 0}), "stickySessionMaxAge", "more than 0"},
	{"invalid ingress class", base(map[string]any{"ingressClassName": "Nginx Public"}), "ingressClassName", "RFC 1123"},
	{"invalid ingress annotation key", base(map[string]any{"ingressExtraAnnotations": map[string]any{"bad key!": "v"}}), "ingressExtraAnnotations", "name part must consist"},
	{"HTTP probe on a tcp port", map[string]any{"image": "x", "port": tcp, "healthcheckPath": "/health"}, "healthcheckPath", "needs an http port"},
	{"relative probe path", base(map[string]any{"livenessProbePath": "health"}), "livenessProbePath", "starting with '/'"},
	{"negative initial delay", base(map[string]any{"initialLivenessDelay": -1}), "initialLivenessDelay", "0 or more seconds"},
	{"negative autoscaling target", base(map[string]any{"autoscalingTargetCpuPercentage": -1}), "autoscalingTargetCpuPercentage", "0 (off) or more"},
	{"unknown security profile", base(map[string]any{"securityProfile": "privileged"}), "securityProfile", `"baseline", "restricted"`},
	{"createNamespace without namespace", base(map[string]any{"createNamespace": true}), "namespace", "needs the namespace"},
	{"invalid namespace", base(map[string]any{"namespace": "Prod_NS"}), "namespace", "RFC 1123"},
	{"invalid env var name", base(map[string]any{"envVars": map[string]any{"BAD=NAME": "x"}}), "envVars[BAD=NAME]", "valid environment variable name"},
	{"env var both plain and secret", base(map[string]any{"envVars": map[string]any{"TOKEN": "x"}, "secrets": map[string]any{"TOKEN": "y"}}), "secrets[TOKEN]", "also set in envVars"},
	{"invalid secret key", base(map[string]any{"secrets": map[string]any{"a b": "x"}}), "secrets[a b]", "valid config key"},
	{"pod label overriding the selector", base(map[string]any{"podLabels": map[string]any{"app.kubernetes.io/name": "other"}}), "podLabels[app.kubernetes.io/name]", "select its pods"},
	{"invalid pod label", base(map[string]any{"podLabels": map[string]any{"team": "has spaces"}}), "podLabels", "a valid label must"},
}

// Every invalid input fails Construct (so `pulumi preview`) with a message naming the
// field and what is allowed, before any resource, the component included, is registered.
func TestBadInputIsRejectedBeforeAnythingIsRegistered(t *testing.T) {
	for _, tc := range append(badInputs, workloadBadInputs...) {
		t.Run(tc.name, func(t *testing.T) {
			c := harness.ConstructService(t, tc.in)
			assertRejected(t, c, tc.field, tc.allowed)
		})
	}
}

func TestInvalidResourceNameIsRejected(t *testing.T) {
	c := harness.Construct(t, "k8s-service:index:Service", "My_App", harness.Props(base(nil)), false)
	assertRejected(t, c, "name", "DNS-1035 label")
}

// A StatefulSet's name must leave room for its revision-hash label and headless Service.
func TestLongNameWithStorageIsRejected(t *testing.T) {
	name := "a" + strings.Repeat("b", 52) // 53 characters: a valid Service name, too long for a StatefulSet
	storage := base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "size": 1}}})
	assertRejected(t, harness.Construct(t, "k8s-service:index:Service", name, harness.Props(storage), false), "name", "may not be more than 52")
	if c := harness.Construct(t, "k8s-service:index:Service", name, harness.Props(base(nil)), false); c.Err != nil {
		t.Errorf("without storage the name is fine: %v", c.Err)
	}
}

func assertRejected(t *testing.T, c harness.Construction, field, allowed string) {
	t.Helper()
	if c.Err == nil {
		t.Fatalf("want an error naming %s, got success", field)
	}
	msg := c.Err.Error()
	if !strings.Contains(msg, field+":") {
		t.Errorf("error does not name the field %q: %s", field, msg)
	}
	if !strings.Contains(msg, allowed) {
		t.Errorf("error does not say %q: %s", allowed, msg)
	}
	if strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine") {
		t.Errorf("error looks like a crash: %s", msg)
	}
	if len(c.Children) != 0 {
		t.Errorf("registered %v before rejecting the input", c.Types())
	}
}

func TestUnknownStructuralInputNamesTheField(t *testing.T) {
	in := harness.Props(map[string]any{"image": "nginx"}).Set("ports", harness.UnknownValue())
	c := harness.Construct(t, "k8s-service:index:Service", "app", in, true)
	if c.Err == nil || !strings.Contains(c.Err.Error(), "ports:") || !strings.Contains(c.Err.Error(), "known at preview") {
		t.Fatalf("want an error naming ports and saying it must be known at preview, got %v", c.Err)
	}
	if len(c.Children) != 0 {
		t.Errorf("registered %v", c.Types())
	}
}

// docs/validation.md lists every case of the catalogue.
func TestCatalogueIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/validation.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := func(name, field string) {
		if !strings.Contains(string(doc), "| "+name+" | `"+field+"` |") {
			t.Errorf("docs/validation.md does not list %q (field %s)", name, field)
		}
	}
	for _, tc := range append(badInputs, workloadBadInputs...) {
		listed(tc.name, tc.field)
	}
	for _, tc := range cloudBadInputs {
		listed(tc.name, tc.field)
	}
}
