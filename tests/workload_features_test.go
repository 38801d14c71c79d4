package tests

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const pod = "spec.template.spec."

func TestStartupProbeLowersTheInitialDelays(t *testing.T) {
	d := harness.MustConstruct(t, base(map[string]any{
		"healthcheckPath": "/get",
		"startupProbe":    map[string]any{"path": "/started"},
	})).Only(t, "kubernetes:apps/v1:Deployment")
	expect(t, "Deployment", d, map[string]string{
		container + "startupProbe.httpGet.path":          "/started",
		container + "startupProbe.periodSeconds":         "5",
		container + "startupProbe.failureThreshold":      "60",
		container + "livenessProbe.initialDelaySeconds":  "0",
		container + "readinessProbe.initialDelaySeconds": "0",
	})
	// Without one, readiness is probed from the start every 2 s and liveness is held off by
	// a startup probe on its own check: 30 s to start, as Opta's delay gave.
	d = harness.MustConstruct(t, base(map[string]any{"healthcheckPath": "/get"})).Only(t, "kubernetes:apps/v1:Deployment")
	expect(t, "Deployment", d, map[string]string{
		container + "readinessProbe.initialDelaySeconds": "0", container + "readinessProbe.periodSeconds": "2",
		container + "livenessProbe.initialDelaySeconds": "0",
		container + "startupProbe.httpGet.path":         "/get", container + "startupProbe.periodSeconds": "1",
		container + "startupProbe.failureThreshold": "30",
	})
	// The user's fixed delays instead: kept, and no startup probe.
	d = harness.MustConstruct(t, base(map[string]any{"healthcheckPath": "/get", "initialLivenessDelay": 30, "initialReadinessDelay": 30})).
		Only(t, "kubernetes:apps/v1:Deployment")
	expect(t, "Deployment", d, map[string]string{
		container + "readinessProbe.initialDelaySeconds": "30", container + "livenessProbe.initialDelaySeconds": "30",
		container + "startupProbe.periodSeconds": "",
	})
}

func TestStartupProbeChecksTheProbePortOverTCPByDefault(t *testing.T) {
	d := harness.MustConstruct(t, map[string]any{"image": "redis:7", "port": map[string]any{"tcp": 6379},
		"startupProbe": map[string]any{"failureThreshold": 120}}).Only(t, "kubernetes:apps/v1:Deployment")
	expect(t, "Deployment", d, map[string]string{
		container + "startupProbe.tcpSocket.port": "tcp", container + "startupProbe.failureThreshold": "120",
	})
	d = harness.MustConstruct(t, base(map[string]any{"startupProbe": map[string]any{"command": []any{"cat", "/tmp/ready"}}})).
		Only(t, "kubernetes:apps/v1:Deployment")
	expect(t, "Deployment", d, map[string]string{container + "startupProbe.exec.command[1]": "/tmp/ready"})
}

func TestProbeTimingAndActionFromTheOptionsObjects(t *testing.T) {
	d := harness.MustConstruct(t, base(map[string]any{
		"healthcheckPath": "/get",
		"livenessProbe":   map[string]any{"path": "/live", "periodSeconds": 20, "timeoutSeconds": 2, "failureThreshold": 6},
		"readinessProbe":  map[string]any{"successThreshold": 2},
	})).Only(t, "kubernetes:apps/v1:Deployment")
	expect(t, "Deployment", d, map[string]string{
		container + "livenessProbe.httpGet.path":      "/live",
		container + "livenessProbe.periodSeconds":     "20",
		container + "livenessProbe.timeoutSeconds":    "2",
		container + "livenessProbe.failureThreshold":  "6",
		container + "readinessProbe.httpGet.path":     "/get",
		container + "readinessProbe.successThreshold": "2",
		container + "readinessProbe.periodSeconds":    "2",
	})
}

func TestConfigAndSecretFilesAreMountedReadOnlyAndRollThePods(t *testing.T) {
	c := harness.Construct(t, "k8s-service:index:Service", "app", harness.Props(base(map[string]any{
		"configFiles": map[string]any{"/etc/app/config.yaml": "level: debug\n"},
		"cronJobs":    []any{map[string]any{"name": "sync", "commands": []any{"true"}, "schedule": "@daily"}},
	})).Set("secretFiles", property.New(map[string]property.Value{
		"/etc/app/credentials.json": property.New(`{"token":"` + secretValueText + `"}`),
	}).WithSecret(true)), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	cm := c.Only(t, "kubernetes:core/v1:ConfigMap")
	expect(t, "ConfigMap", cm, map[string]string{"immutable": "true", "metadata.name": ""})
	if got := cm.Get("data").(map[string]any)["etc_app_config.yaml"]; got != "level: debug\n" {
		t.Errorf("ConfigMap data = %v", cm.Get("data"))
	}
	for _, ch := range c.Children {
		if ch.Type == "kubernetes:core/v1:ConfigMap" && strings.Join(ch.ReplaceOnChanges, ",") != "data" {
			t.Errorf("ConfigMap replaceOnChanges = %v, want [data]: a content change must replace it and roll the pods", ch.ReplaceOnChanges)
		}
	}
	for _, typ := range []string{"kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob"} {
		prefix := pod
		if typ == "kubernetes:batch/v1:CronJob" {
			prefix = "spec.jobTemplate.spec.template.spec."
		}
		expect(t, typ, c.Only(t, typ), map[string]string{
			prefix + "containers[0].volumeMounts[0].mountPath": "/etc/app/config.yaml",
			prefix + "containers[0].volumeMounts[0].subPath":   "etc_app_config.yaml",
			prefix + "containers[0].volumeMounts[0].readOnly":  "true",
			prefix + "containers[0].volumeMounts[1].mountPath": "/etc/app/credentials.json",
			prefix + "containers[0].volumeMounts[1].name":      "secret-files",
			prefix + "volumes[0].configMap.name":               "app-files-id",
			prefix + "volumes[0].configMap.defaultMode":        "292",
			prefix + "volumes[1].secret.secretName":            "app-secret-files-id",
		})
	}
	assertNoPlainSecret(t, c, secretValueText)
}

func TestEnvFromExistingObjects(t *testing.T) {
	d := harness.MustConstruct(t, base(map[string]any{
		"envVars":     map[string]any{"MODE": "web"},
		"envVarsFrom": map[string]any{"DB_URL": map[string]any{"secret": "db-credentials", "key": "url"}, "REGION": map[string]any{"configMap": "cluster-info", "key": "region", "optional": true}},
		"envFrom":     []any{map[string]any{"configMap": "feature-flags", "prefix": "FLAG_"}, map[string]any{"secret": "api-keys"}},
	})).Only(t, "kubernetes:apps/v1:Deployment")
	expect(t, "Deployment", d, map[string]string{
		container + "env[0].name":                               "MODE",
		container + "env[1].name":                               "DB_URL",
		container + "env[1].valueFrom.secretKeyRef.name":        "db-credentials",
		container + "env[1].valueFrom.secretKeyRef.key":         "url",
		container + "env[2].valueFrom.configMapKeyRef.optional": "true",
		container + "envFrom[0].configMapRef.name":              "feature-flags",
		container + "envFrom[0].prefix":                         "FLAG_",
		container + "envFrom[1].secretRef.name":                 "api-keys",
	})
}

func TestInitContainersAndNativeSidecars(t *testing.T) {
	d := harness.MustConstruct(t, base(map[string]any{
		"image":           "ghcr.io/acme/api:1.4",
		"secrets":         map[string]any{"DB_PASSWORD": "pw"},
		"securityProfile": "restricted",
		"initContainers":  []any{map[string]any{"name": "migrate", "commands": []any{"/app/migrate"}}},
		"sidecars": []any{map[string]any{"name": "proxy", "image": "envoyproxy/envoy:v1.31.0", "shareEnv": false,
			"envVars": map[string]any{"ENVOY_UID": "0"}, "resourceRequest": map[string]any{"cpu": 20}}},
	})).Only(t, "kubernetes:apps/v1:Deployment")
	init := pod + "initContainers"
	expect(t, "Deployment", d, map[string]string{
		init + "[0].name":                                   "proxy",
		init + "[0].restartPolicy":                          "Always",
		init + "[0].image":                                  "envoyproxy/envoy:v1.31.0",
		init + "[0].env[0].name":                            "ENVOY_UID",
		init + "[0].env[1].name":                            "",
		init + "[0].resources.requests.cpu":                 "20m",
		init + "[0].resources.limits.cpu":                   "40m",
		init + "[0].resources.requests.memory":              "64Mi",
		init + "[0].securityContext.readOnlyRootFilesystem": "true",
		init + "[0].volumeMounts[0].mountPath":              "/tmp",
		init + "[1].name":                                   "migrate",
		init + "[1].restartPolicy":                          "",
		init + "[1].image":                                  "ghcr.io/acme/api:1.4",
		init + "[1].command[0]":                             "/app/migrate",
		init + "[1].env[0].valueFrom.secretKeyRef.key":      "DB_PASSWORD",
		init + "[1].resources.requests.ephemeral-storage":   "64Mi",
		init + "[1].securityContext.capabilities.drop[0]":   "ALL",
		pod + "containers[0].name":                          "app",
		pod + "containers[0].resources.requests.cpu":        "100m",
	})
}

func TestScratchVolumes(t *testing.T) {
	d := harness.MustConstruct(t, base(map[string]any{"scratchVolumes": []any{
		map[string]any{"path": "/cache", "sizeLimit": 512},
		map[string]any{"path": "/dev/shm", "sizeLimit": 64, "memory": true},
	}})).Only(t, "kubernetes:apps/v1:Deployment")
	expect(t, "Deployment", d, map[string]string{
		pod + "volumes[0].emptyDir.sizeLimit":           "512Mi",
		pod + "volumes[0].emptyDir.medium":              "",
		pod + "volumes[1].emptyDir.medium":              "Memory",
		pod + "containers[0].volumeMounts[0].mountPath": "/cache",
		pod + "containers[0].volumeMounts[1].mountPath": "/dev/shm",
	})
	if a, b := d.Str(pod+"volumes[0].name"), d.Str(pod+"containers[0].volumeMounts[0].name"); a != b || !strings.HasPrefix(a, "scratch-") {
		t.Errorf("scratch volume %q mounted as %q", a, b)
	}
}

func TestSchedulingAndPullSecretsReachEveryPod(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"imagePullSecrets":  []any{"regcred"},
		"nodeSelector":      map[string]any{"pool": "web"},
		"priorityClassName": "high",
		"nodeAffinity": map[string]any{
			"required":  []any{map[string]any{"key": "topology.kubernetes.io/zone", "operator": "In", "values": []any{"eu-west-1a", "eu-west-1b"}}},
			"preferred": []any{map[string]any{"weight": 50, "key": "node.kubernetes.io/lifecycle", "operator": "NotIn", "values": []any{"spot"}}},
		},
		"cronJobs": []any{map[string]any{"name": "sync", "commands": []any{"true"}, "schedule": "@daily"}},
	}))
	for typ, prefix := range map[string]string{"kubernetes:apps/v1:Deployment": pod, "kubernetes:batch/v1:CronJob": "spec.jobTemplate.spec.template.spec."} {
		affinity := prefix + "affinity.nodeAffinity."
		expect(t, typ, c.Only(t, typ), map[string]string{
			prefix + "imagePullSecrets[0].name": "regcred",
			prefix + "nodeSelector.pool":        "web",
			prefix + "priorityClassName":        "high",
			affinity + "requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[1]": "eu-west-1b",
			affinity + "preferredDuringSchedulingIgnoredDuringExecution[0].weight":                                         "50",
			affinity + "preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].operator":        "NotIn",
		})
	}
}

func TestTLSFromASecretOrCertManager(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"publicUri": []any{"app.example.com", "app.example.com/admin", "api.example.com"},
		"tls": []any{
			map[string]any{"hosts": []any{"api.example.com"}, "secretName": "api-cert"},
			map[string]any{"clusterIssuer": "letsencrypt"},
		},
	}))
	api := c.Named(t, "kubernetes:networking.k8s.io/v1:Ingress", "app-api.example.com")
	expect(t, "api Ingress", api, map[string]string{"spec.tls[0].hosts[0]": "api.example.com", "spec.tls[0].secretName": "api-cert"})
	if _, set := api.Get("metadata.annotations").(map[string]any)["cert-manager.io/cluster-issuer"]; set {
		t.Errorf("the Ingress with its own secret must not ask cert-manager for a certificate")
	}
	for _, name := range []string{"app-app.example.com", "app-app.example.com-admin"} {
		ing := c.Named(t, "kubernetes:networking.k8s.io/v1:Ingress", name)
		if got := ing.Get("metadata.annotations").(map[string]any)["cert-manager.io/cluster-issuer"]; got != "letsencrypt" {
			t.Errorf("%s cluster-issuer annotation = %v", name, got)
		}
		expect(t, name, ing, map[string]string{"spec.tls[0].secretName": name + "-tls"})
	}
	urls := c.Output(t, "publicUrls").([]any)
	for _, u := range urls {
		if !strings.HasPrefix(u.(string), "https://") {
			t.Errorf("publicUrls = %v, want https:// for every TLS host", urls)
		}
	}
}

func TestCustomMetricsBehaviorAndTargetsOff(t *testing.T) {
	hpa := harness.MustConstruct(t, base(map[string]any{
		"autoscalingTargetMemPercentage": 0,
		"autoscalingMetrics": []any{
			map[string]any{"type": "Pods", "name": "http_requests_per_second", "averageValue": "100"},
			map[string]any{"type": "External", "name": "datadogmetric@default:queue-depth", "value": "30", "selector": map[string]any{"queue": "jobs"}},
			map[string]any{"type": "Object", "name": "requests-per-second", "averageValue": "500m", "objectKind": "Ingress", "objectName": "main", "objectApiVersion": "networking.k8s.io/v1"},
		},
		"autoscalingBehavior": map[string]any{"scaleDownStabilizationSeconds": 600},
	})).Only(t, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")
	expect(t, "HPA", hpa, map[string]string{
		"spec.metrics[0].resource.name":                              "cpu",
		"spec.metrics[1].type":                                       "Pods",
		"spec.metrics[1].pods.target.averageValue":                   "100",
		"spec.metrics[2].external.target.type":                       "Value",
		"spec.metrics[2].external.metric.selector.matchLabels.queue": "jobs",
		"spec.metrics[3].object.describedObject.kind":                "Ingress",
		"spec.metrics[3].object.target.averageValue":                 "500m",
		"spec.metrics[4].type":                                       "",
		"spec.behavior.scaleDown.stabilizationWindowSeconds":         "600",
		"spec.behavior.scaleUp.stabilizationWindowSeconds":           "",
	})
}
