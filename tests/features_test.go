package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

var base = catalogue.Base

func expect(t *testing.T, what string, o harness.Object, want map[string]string) {
	t.Helper()
	for path, w := range want {
		if got := o.Str(path); got != w {
			t.Errorf("%s %s = %q, want %q\n%s", what, path, got, w, o.JSON())
		}
	}
}

const container = "spec.template.spec.containers[0]."

func TestProbes(t *testing.T) {
	cases := []struct {
		name string
		in   map[string]any
		want map[string]string
	}{
		{"healthcheck path drives both probes over HTTP", base(map[string]any{"healthcheckPath": "/get"}),
			map[string]string{container + "livenessProbe.httpGet.path": "/get", container + "readinessProbe.httpGet.path": "/get",
				container + "livenessProbe.httpGet.port": "http"}},
		{"liveness and readiness differ", base(map[string]any{"livenessProbePath": "/live", "readinessProbePath": "/ready"}),
			map[string]string{container + "livenessProbe.httpGet.path": "/live", container + "readinessProbe.httpGet.path": "/ready"}},
		{"specific path wins over the shared one", base(map[string]any{"healthcheckPath": "/get", "readinessProbePath": "/ready"}),
			map[string]string{container + "livenessProbe.httpGet.path": "/get", container + "readinessProbe.httpGet.path": "/ready"}},
		{"exec probes from commands", base(map[string]any{"livenessProbeCommand": []any{"cat", "/tmp/ok"}, "readinessProbePath": "/ready"}),
			map[string]string{container + "livenessProbe.exec.command[1]": "/tmp/ok", container + "readinessProbe.httpGet.path": "/ready"}},
		{"tcp port is checked over TCP", map[string]any{"image": "redis", "port": map[string]any{"tcp": 6379}},
			map[string]string{container + "readinessProbe.tcpSocket.port": "tcp", container + "livenessProbe.tcpSocket.port": ""}},
		{"tcp port with a liveness command", map[string]any{"image": "redis", "port": map[string]any{"tcp": 6379}, "livenessProbeCommand": []any{"redis-cli", "ping"}},
			map[string]string{container + "readinessProbe.tcpSocket.port": "tcp", container + "livenessProbe.exec.command[1]": "ping"}},
		{"websocket port is checked over TCP", map[string]any{"image": "ws", "port": map[string]any{"websocket": 8080}},
			map[string]string{container + "readinessProbe.tcpSocket.port": "websocket"}},
		{"grpc port is checked over TCP", map[string]any{"image": "grpc", "port": map[string]any{"grpc": 50051}},
			map[string]string{container + "readinessProbe.tcpSocket.port": "grpc"}},
		{"initial delays", base(map[string]any{"healthcheckPath": "/", "initialLivenessDelay": 5, "initialReadinessDelay": 7}),
			map[string]string{container + "livenessProbe.initialDelaySeconds": "5", container + "readinessProbe.initialDelaySeconds": "7"}},
		{"probePort picks the port", map[string]any{"image": "x", "probePort": "admin", "healthcheckPath": "/health", "ports": []any{
			map[string]any{"name": "main", "type": "tcp", "port": 9000},
			map[string]any{"name": "admin", "type": "http", "port": 9090},
		}}, map[string]string{container + "livenessProbe.httpGet.port": "admin"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, "Deployment", harness.MustConstruct(t, tc.in).Only(t, "kubernetes:apps/v1:Deployment"), tc.want)
		})
	}
}

func TestMultiplePorts(t *testing.T) {
	c := harness.MustConstruct(t, map[string]any{"image": "x", "ports": []any{
		map[string]any{"name": "web", "type": "http", "port": 8080, "servicePort": 80},
		map[string]any{"name": "api", "type": "tcp", "port": 9000, "protocol": "grpc"},
	}})
	expect(t, "Service", c.Only(t, "kubernetes:core/v1:Service"), map[string]string{
		"spec.ports[0].name": "web", "spec.ports[0].port": "80", "spec.ports[0].targetPort": "web",
		"spec.ports[1].name": "api", "spec.ports[1].port": "9000", "spec.ports[1].appProtocol": "kubernetes.io/h2c",
	})
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{
		container + "ports[0].containerPort": "8080", container + "ports[1].containerPort": "9000",
		container + "readinessProbe.tcpSocket.port": "web",
	})
	if got := c.Output(t, "internalUrl"); !strings.HasPrefix(got.(string), "http://app.") || !strings.HasSuffix(got.(string), ":80") {
		t.Errorf("internalUrl = %v", got)
	}
}

func TestPersistentStorageMakesAStatefulSet(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"persistentStorage": []any{
		map[string]any{"path": "/data", "size": 20},
		map[string]any{"path": "/cache", "size": 30},
	}}))
	if len(c.All("kubernetes:apps/v1:Deployment")) != 0 {
		t.Fatalf("a service with storage must not have a Deployment: %v", c.Types())
	}
	sts := c.Only(t, "kubernetes:apps/v1:StatefulSet")
	expect(t, "StatefulSet", sts, map[string]string{
		"spec.serviceName": "app-headless",
		"spec.volumeClaimTemplates[0].spec.resources.requests.storage": "20Gi",
		"spec.volumeClaimTemplates[1].spec.resources.requests.storage": "30Gi",
		"spec.volumeClaimTemplates[0].spec.accessModes[0]":             "ReadWriteOnce",
		container + "volumeMounts[0].mountPath":                        "/data",
		container + "volumeMounts[1].mountPath":                        "/cache",
		container + "volumeMounts[1].name":                             "cache",
		"spec.volumeClaimTemplates[1].metadata.name":                   "cache",
		"spec.persistentVolumeClaimRetentionPolicy.whenDeleted":        "Retain",
		"spec.replicas":                             "1",
		"metadata.ownerReferences[0].kind":          "Service",
		"metadata.ownerReferences[0].name":          "app-headless",
		container + "readinessProbe.tcpSocket.port": "http",
	})
	if got := sts.Get("metadata.annotations").(map[string]any)["pulumi.com/deletionPropagationPolicy"]; got != "orphan" {
		t.Errorf("a replaced StatefulSet must orphan its pods, not delete them; deletionPropagationPolicy %v", got)
	}
	if ignored := sts.Request.GetIgnoreChanges(); !slices.Contains(ignored, "spec.replicas") {
		t.Errorf("StatefulSet must leave spec.replicas to the autoscaler after creation; ignoreChanges %v", ignored)
	}
	if sts.Request.GetDeletedWith() == "" || !sts.Request.GetDeleteBeforeReplace() {
		t.Errorf("StatefulSet must be deleted with its headless Service and replaced delete-first: %v", sts.Request)
	}
	claims := c.All("kubernetes:core/v1:PersistentVolumeClaimPatch")
	if len(claims) != 2 {
		t.Fatalf("want a claim per volume for each of the minContainers (1) replicas, got %d", len(claims))
	}
	for _, claim := range claims {
		if !claim.Request.GetRetainOnDelete() || claim.Str("metadata.ownerReferences[0].kind") != "ServiceAccount" {
			t.Errorf("claim %s must be retained by Pulumi and owned by the service account: %s", claim.Name, claim.JSON())
		}
	}
	if got := c.Only(t, "kubernetes:core/v1:PersistentVolumeClaimPatch", "cache-app-0").Str("spec.resources.requests.storage"); got != "30Gi" {
		t.Errorf("claim cache-app-0 requests %q, want 30Gi", got)
	}
	var headless bool
	for _, s := range c.All("kubernetes:core/v1:Service") {
		if s.Str("metadata.name") == "app-headless" && s.Str("spec.clusterIP") == "None" {
			headless = true
		}
	}
	if !headless {
		t.Errorf("no headless Service for the StatefulSet")
	}
	expect(t, "HPA", c.Only(t, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"), map[string]string{"spec.scaleTargetRef.kind": "StatefulSet"})
	if got := c.Output(t, "workloadKind"); got != "StatefulSet" {
		t.Errorf("workloadKind = %v", got)
	}
}

func TestCronOnlyServiceHasNoWorkloadOrAutoscaler(t *testing.T) {
	c := harness.MustConstruct(t, map[string]any{
		"image": "busybox", "minContainers": 0, "maxContainers": 0,
		"envVars":  map[string]any{"MODE": "batch"},
		"cronJobs": []any{map[string]any{"commands": []any{"/bin/sh", "-c", "echo hi"}, "schedule": "*/5 * * * *"}},
	})
	for _, typ := range []string{"kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet",
		"kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:core/v1:Service"} {
		if n := len(c.All(typ)); n != 0 {
			t.Errorf("cron-only service registered %d %s", n, typ)
		}
	}
	job := c.Only(t, "kubernetes:batch/v1:CronJob")
	pod := "spec.jobTemplate.spec.template.spec."
	expect(t, "CronJob", job, map[string]string{
		"spec.schedule":                            "*/5 * * * *",
		"spec.concurrencyPolicy":                   "Forbid",
		"spec.startingDeadlineSeconds":             "300",
		pod + "serviceAccountName":                 "app",
		pod + "restartPolicy":                      "Never",
		pod + "containers[0].image":                "busybox",
		pod + "containers[0].command[2]":           "echo hi",
		pod + "containers[0].env[0].name":          "MODE",
		pod + "containers[0].resources.limits.cpu": "200m",
	})
	if got := c.Output(t, "workloadKind"); got != "" {
		t.Errorf("workloadKind = %v, want empty", got)
	}
}

// A cron job's pods are not the service's pods: nothing that selects the service's pods
// (workload, Service, PodDisruptionBudget, autoscaler through the workload) matches them,
// while the user's pod labels still reach them.
func TestCronJobPodsAreNotSelectedAsServicePods(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"podLabels": map[string]any{"team": "payments"},
		"cronJobs":  []any{map[string]any{"name": "sync", "commands": []any{"true"}, "schedule": "@daily"}},
	}))
	jobLabels, _ := c.Only(t, "kubernetes:batch/v1:CronJob").Get("spec.jobTemplate.spec.template.metadata.labels").(map[string]any)
	if jobLabels["team"] != "payments" || jobLabels["k8s-service.io/cron-job"] != "app-sync" || jobLabels["k8s-service.io/service"] != "app" {
		t.Errorf("cron pod labels %v: want the user's labels and the job's and service's names", jobLabels)
	}
	for _, sel := range []struct{ typ, path string }{
		{"kubernetes:apps/v1:Deployment", "spec.selector.matchLabels"},
		{"kubernetes:core/v1:Service", "spec.selector"},
		{"kubernetes:policy/v1:PodDisruptionBudget", "spec.selector.matchLabels"},
	} {
		selector, _ := c.Only(t, sel.typ).Get(sel.path).(map[string]any)
		if len(selector) == 0 {
			t.Fatalf("%s has no selector at %s", sel.typ, sel.path)
		}
		matches := true
		for k, v := range selector {
			matches = matches && jobLabels[k] == v
		}
		if matches {
			t.Errorf("the %s selector %v matches the cron job's pods %v", sel.typ, selector, jobLabels)
		}
	}
}

// Children of list inputs are named by what they are, never by position: removing the
// first of two publicUri or unnamed cron jobs leaves the second's object as it was.
func TestRemovingTheFirstEntryTouchesItAlone(t *testing.T) {
	job := func(cmd string) map[string]any {
		return map[string]any{"commands": []any{"/bin/sh", "-c", cmd}, "schedule": "@hourly"}
	}
	two := harness.MustConstruct(t, base(map[string]any{
		"publicUri": []any{"app.example.com", "example.com/api/v1"},
		"cronJobs":  []any{job("echo one"), job("echo two")},
	}))
	one := harness.MustConstruct(t, base(map[string]any{
		"publicUri": []any{"example.com/api/v1"},
		"cronJobs":  []any{job("echo two")},
	}))
	for _, typ := range []string{"kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:batch/v1:CronJob"} {
		kept := one.Only(t, typ)
		before := two.Named(t, typ, kept.Name)
		if before.JSON() != kept.JSON() {
			t.Errorf("%s %s changed when the first entry was removed:\nbefore %s\nafter  %s", typ, kept.Name, before.JSON(), kept.JSON())
		}
	}
	if got := one.Only(t, "kubernetes:networking.k8s.io/v1:Ingress").Str("metadata.name"); got != "app-example.com-api-v1" {
		t.Errorf("Ingress name %q, want app-example.com-api-v1", got)
	}
	if got := one.Only(t, "kubernetes:batch/v1:CronJob").Str("metadata.name"); !strings.HasPrefix(got, "app-cron-") {
		t.Errorf("unnamed CronJob name %q, want app-cron-<hash of its command>", got)
	}
}

func TestIngress(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"publicUri":               []any{"app.example.com", "example.com/api/v1"},
		"stickySession":           true,
		"stickySessionMaxAge":     3600,
		"ingressClassName":        "internal",
		"ingressController":       "nginx", // an nginx class by another name
		"ingressExtraAnnotations": map[string]any{"cert-manager.io/cluster-issuer": "letsencrypt"},
	}))
	if n := len(c.All("kubernetes:networking.k8s.io/v1:Ingress")); n != 2 {
		t.Fatalf("want one Ingress per publicUri, got %d", n)
	}
	ings := []harness.Object{
		c.Named(t, "kubernetes:networking.k8s.io/v1:Ingress", "app-app.example.com"),
		c.Named(t, "kubernetes:networking.k8s.io/v1:Ingress", "app-example.com-api-v1"),
	}
	common := map[string]string{
		"spec.ingressClassName":                                 "internal",
		"spec.rules[0].http.paths[0].backend.service.name":      "app-stable",
		"spec.rules[0].http.paths[0].backend.service.port.name": "http",
	}
	expect(t, "Ingress 0", ings[0], common)
	expect(t, "Ingress 0", ings[0], map[string]string{
		"spec.rules[0].host": "app.example.com", "spec.rules[0].http.paths[0].path": "/",
		"spec.rules[0].http.paths[0].pathType": "Prefix",
	})
	expect(t, "Ingress 1", ings[1], common)
	expect(t, "Ingress 1", ings[1], map[string]string{
		"spec.rules[0].host": "example.com", "spec.rules[0].http.paths[0].path": "/api/v1(/|$)(.*)",
		"spec.rules[0].http.paths[0].pathType": "ImplementationSpecific",
	})
	annotations := ings[1].Get("metadata.annotations").(map[string]any)
	for k, v := range map[string]string{
		"nginx.ingress.kubernetes.io/rewrite-target":         "/$2",
		"nginx.ingress.kubernetes.io/affinity":               "cookie",
		"nginx.ingress.kubernetes.io/session-cookie-max-age": "3600",
		"cert-manager.io/cluster-issuer":                     "letsencrypt",
		"pulumi.com/skipAwait":                               "true",
	} {
		if annotations[k] != v {
			t.Errorf("annotation %s = %v, want %s", k, annotations[k], v)
		}
	}
	if _, ok := annotations["nginx.ingress.kubernetes.io/configuration-snippet"]; ok {
		t.Errorf("configuration-snippet must never be used")
	}
	urls := c.Output(t, "publicUrls").([]any)
	if len(urls) != 2 || urls[0] != "http://app.example.com" || urls[1] != "http://example.com/api/v1" {
		t.Errorf("publicUrls = %v", urls)
	}
}

func TestIngressKeepPathPrefixAndConsistentHash(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"publicUri": []any{"example.com/api"}, "keepPathPrefix": true, "consistentHash": "$request_uri",
	}))
	ing := c.Only(t, "kubernetes:networking.k8s.io/v1:Ingress")
	expect(t, "Ingress", ing, map[string]string{
		"spec.rules[0].http.paths[0].path": "/api", "spec.rules[0].http.paths[0].pathType": "Prefix",
		"spec.ingressClassName": "nginx",
	})
	annotations := ing.Get("metadata.annotations").(map[string]any)
	if annotations["nginx.ingress.kubernetes.io/upstream-hash-by"] != "$request_uri" {
		t.Errorf("consistentHash annotation missing: %v", annotations)
	}
	if _, rewrites := annotations["nginx.ingress.kubernetes.io/rewrite-target"]; rewrites {
		t.Errorf("keepPathPrefix must not rewrite: %v", annotations)
	}
}

func TestGrpcIngressUsesGrpcBackend(t *testing.T) {
	c := harness.MustConstruct(t, map[string]any{"image": "x", "port": map[string]any{"grpc": 50051}, "publicUri": []any{"grpc.example.com"}})
	annotations := c.Only(t, "kubernetes:networking.k8s.io/v1:Ingress").Get("metadata.annotations").(map[string]any)
	if annotations["nginx.ingress.kubernetes.io/backend-protocol"] != "GRPC" {
		t.Errorf("grpc port needs the GRPC backend protocol: %v", annotations)
	}
}

func TestResourcesAndScaling(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"resourceRequest": map[string]any{"cpu": 250, "memory": 512},
		"resourceLimits":  map[string]any{"memory": 768},
		"minContainers":   2, "maxContainers": 10,
		"autoscalingTargetCpuPercentage": 60, "autoscalingTargetMemPercentage": 70,
	}))
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{
		container + "resources.requests.cpu": "250m", container + "resources.requests.memory": "512Mi",
		container + "resources.limits.cpu": "500m", container + "resources.limits.memory": "768Mi",
	})
	expect(t, "HPA", c.Only(t, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"), map[string]string{
		"spec.minReplicas": "2", "spec.maxReplicas": "10",
		"spec.metrics[0].resource.target.averageUtilization": "60",
		"spec.metrics[1].resource.target.averageUtilization": "70",
	})
}

func TestTolerationsCommandsAndPodMetadata(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"tolerations": []any{
			map[string]any{"key": "instancetype", "value": "memoryoptimized", "effect": "NoExecute"},
			map[string]any{"key": "team", "value": "booking"},
			map[string]any{"key": "highpriority"},
		},
		"commands":       []any{"gunicorn"},
		"args":           []any{"-b", "0.0.0.0:80"},
		"podAnnotations": map[string]any{"prometheus.io/scrape": "true"},
		"podLabels":      map[string]any{"team": "booking"},
		"namespace":      "shop",
	}))
	pod := "spec.template.spec."
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{
		pod + "tolerations[0].operator": "Equal", pod + "tolerations[0].effect": "NoExecute",
		pod + "tolerations[1].value": "booking", pod + "tolerations[1].effect": "NoSchedule",
		pod + "tolerations[2].operator": "Exists", pod + "tolerations[2].effect": "NoSchedule",
		container + "command[0]": "gunicorn", container + "args[1]": "0.0.0.0:80",
		"spec.template.metadata.labels.team": "booking",
		"metadata.namespace":                 "shop",
	})
	d := c.Only(t, "kubernetes:apps/v1:Deployment")
	if d.Get("spec.template.metadata.annotations").(map[string]any)["prometheus.io/scrape"] != "true" {
		t.Errorf("pod annotation missing")
	}
	if d.Get("spec.selector.matchLabels").(map[string]any)["team"] != nil {
		t.Errorf("pod labels must not enter the immutable selector")
	}
	if got := c.Output(t, "internalUrl"); got != "http://app.shop.svc.cluster.local:80" {
		t.Errorf("internalUrl = %v", got)
	}
}

func TestCreateNamespace(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"namespace": "shop", "createNamespace": true}))
	expect(t, "Namespace", c.Only(t, "kubernetes:core/v1:Namespace"), map[string]string{"metadata.name": "shop"})
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{"metadata.namespace": "shop"})
}

func TestRestrictedSecurityProfile(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"securityProfile": "restricted",
		"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "@daily"}}}))
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{
		"spec.template.spec.securityContext.runAsNonRoot":    "true",
		"spec.template.spec.securityContext.runAsUser":       "10001",
		"spec.template.spec.securityContext.runAsGroup":      "10001",
		"spec.template.spec.securityContext.fsGroup":         "10001",
		container + "securityContext.readOnlyRootFilesystem": "true",
		container + "securityContext.capabilities.drop[0]":   "ALL",
		container + "volumeMounts[0].mountPath":              "/tmp",
		container + "imagePullPolicy":                        "Always",
		container + "resources.requests.ephemeral-storage":   "256Mi",
		container + "resources.limits.ephemeral-storage":     "512Mi",
		"spec.template.spec.volumes[0].emptyDir":             "map[]",
	})
	expect(t, "CronJob", c.Only(t, "kubernetes:batch/v1:CronJob"), map[string]string{
		"spec.jobTemplate.spec.template.spec.securityContext.runAsUser":                            "10001",
		"spec.jobTemplate.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem": "true",
	})
	expect(t, "NetworkPolicy", c.Only(t, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "app"), map[string]string{
		"spec.policyTypes[0]":            "Ingress",
		"spec.policyTypes[1]":            "Egress",
		"spec.ingress[0].ports[0].port":  "80",
		"spec.ingress[0].from":           "",
		"spec.egress[0]":                 "map[]",
		"spec.podSelector.matchLabels.x": "",
	})
	// The cron jobs' pods, which the workload's selector does not match, admit nothing.
	cron := c.Only(t, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "app-cron-jobs")
	expect(t, "NetworkPolicy", cron, map[string]string{
		"spec.podSelector.matchExpressions[0].key":      "k8s-service.io/cron-job",
		"spec.podSelector.matchExpressions[0].operator": "Exists",
		"spec.ingress":   "",
		"spec.egress[0]": "map[]",
	})
	if sel, _ := cron.Get("spec.podSelector.matchLabels").(map[string]any); sel["k8s-service.io/service"] != "app" {
		t.Errorf("the cron jobs' NetworkPolicy selects %v, want the service's cron pods", sel)
	}
}

// imagePullPolicy is the user's under either profile: an image loaded into the node runs
// under restricted too (which otherwise pulls Always, and so only from a registry).
func TestImagePullPolicyIsTheUsers(t *testing.T) {
	for _, profile := range []string{"baseline", "restricted"} {
		c := harness.MustConstruct(t, base(map[string]any{"securityProfile": profile, "imagePullPolicy": "IfNotPresent",
			"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "@daily"}}}))
		expect(t, profile+" Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{container + "imagePullPolicy": "IfNotPresent"})
		expect(t, profile+" CronJob", c.Only(t, "kubernetes:batch/v1:CronJob"), map[string]string{
			"spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicy": "IfNotPresent",
		})
	}
}

func TestBaselineProfileHasNoRestrictedExtras(t *testing.T) {
	c := harness.MustConstruct(t, base(nil))
	d := c.Only(t, "kubernetes:apps/v1:Deployment")
	for _, path := range []string{container + "imagePullPolicy", container + "resources.requests.ephemeral-storage",
		"spec.template.spec.securityContext.runAsUser", container + "securityContext.readOnlyRootFilesystem"} {
		if d.Get(path) != nil {
			t.Errorf("baseline sets %s = %v", path, d.Get(path))
		}
	}
	if n := len(c.All("kubernetes:networking.k8s.io/v1:NetworkPolicy")); n != 0 {
		t.Errorf("baseline creates %d NetworkPolicies", n)
	}
}

func TestExplicitEphemeralStorage(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"resourceRequest": map[string]any{"ephemeralStorage": 100}}))
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{
		container + "resources.requests.ephemeral-storage": "100Mi",
		container + "resources.limits.ephemeral-storage":   "200Mi",
	})
}

func TestImageTagAndDigest(t *testing.T) {
	digest := "sha256:" + strings.Repeat("ab", 32)
	for _, tc := range []struct {
		in                map[string]any
		want, tag, digest string
	}{
		{map[string]any{"image": "ghcr.io/org/app", "tag": "1.2.3"}, "ghcr.io/org/app:1.2.3", "1.2.3", ""},
		{map[string]any{"image": "nginx", "digest": digest}, "nginx@" + digest, "", digest},
		{map[string]any{"image": "nginx:1.27", "digest": digest}, "nginx:1.27@" + digest, "1.27", digest},
		{map[string]any{"image": "nginx"}, "nginx", "latest", ""},
	} {
		c := harness.MustConstruct(t, base(tc.in))
		expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{container + "image": tc.want})
		if got := c.Output(t, "currentImage"); got != tc.want {
			t.Errorf("currentImage = %v, want %s", got, tc.want)
		}
		if tag, dig := c.Output(t, "currentTag"), c.Output(t, "currentDigest"); tag != tc.tag || dig != tc.digest {
			t.Errorf("%s: currentTag %v, currentDigest %v; want %q and %q", tc.want, tag, dig, tc.tag, tc.digest)
		}
	}
}

// Pulumi YAML sends `FLAG: true` and `WORKERS: 4` as a boolean and a number where the
// schema says string; they reach the pods as the strings the user wrote.
func TestScalarsBecomeStringsWhereTheSchemaSaysString(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"envVars":        map[string]any{"FLAG": true, "WORKERS": 4, "RATIO": 0.5},
		"podAnnotations": map[string]any{"example.com/build": 42},
		"minContainers":  "2",
	}))
	d := c.Only(t, "kubernetes:apps/v1:Deployment")
	env := map[string]any{}
	for _, e := range d.Get(container + "env").([]any) {
		e := e.(map[string]any)
		env[e["name"].(string)] = e["value"]
	}
	for name, want := range map[string]string{"FLAG": "true", "WORKERS": "4", "RATIO": "0.5"} {
		if env[name] != want {
			t.Errorf("env %s = %#v, want %q", name, env[name], want)
		}
	}
	if got := d.Get("spec.template.metadata.annotations").(map[string]any)["example.com/build"]; got != "42" {
		t.Errorf("pod annotation = %#v, want \"42\"", got)
	}
	if got := c.Only(t, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").Str("spec.minReplicas"); got != "2" {
		t.Errorf("minContainers \"2\" gave minReplicas %s", got)
	}
}

// Volumes are named after their path (or `name`), so inserting an entry at the front
// leaves the other volumes' claims as they were.
func TestInsertingAVolumeKeepsTheOthersClaims(t *testing.T) {
	claimNames := func(storage ...any) map[string]string {
		c := harness.MustConstruct(t, base(map[string]any{"persistentStorage": storage}))
		names := map[string]string{}
		for _, claim := range c.All("kubernetes:core/v1:PersistentVolumeClaimPatch") {
			names[claim.Name] = claim.Str("spec.resources.requests.storage")
		}
		return names
	}
	before := claimNames(map[string]any{"path": "/var/lib/data", "size": 10})
	after := claimNames(map[string]any{"path": "/cache", "size": 1, "name": "scratch"}, map[string]any{"path": "/var/lib/data", "size": 10})
	for name, size := range before {
		if after[name] != size {
			t.Errorf("claim %s (%s) changed to %q after inserting a volume in front: %v", name, size, after[name], after)
		}
	}
	if _, ok := after["scratch-app-0"]; !ok || len(after) != 2 {
		t.Errorf("want claims scratch-app-0 and var-lib-data-app-0, got %v", after)
	}
}

func TestRetainVolumesKeepsClaimsPastTheService(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{"retainVolumes": true,
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 1}}}))
	for _, claim := range c.All("kubernetes:core/v1:PersistentVolumeClaimPatch") {
		if claim.Get("metadata.ownerReferences") != nil || !claim.Request.GetRetainOnDelete() {
			t.Errorf("with retainVolumes, claim %s must have no owner and be retained: %s", claim.Name, claim.JSON())
		}
	}
}
