package tests

import (
	"slices"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

func TestMinimalServiceRegistersCoreObjects(t *testing.T) {
	c := harness.MustConstruct(t, map[string]any{"image": "nginx:1.27", "port": map[string]any{"http": 8080}})

	want := map[string]int{
		"k8s-service:index:Service":                         1,
		"kubernetes:core/v1:ServiceAccount":                 1,
		"kubernetes:apps/v1:Deployment":                     1,
		"kubernetes:core/v1:Service":                        1,
		"kubernetes:autoscaling/v2:HorizontalPodAutoscaler": 1,
		"kubernetes:policy/v1:PodDisruptionBudget":          1,
	}
	got := map[string]int{}
	for _, typ := range c.Types() {
		got[typ]++
	}
	for typ, n := range want {
		if got[typ] != n {
			t.Errorf("%s: want %d, got %d", typ, n, got[typ])
		}
	}
	if len(got) != len(want) {
		t.Errorf("unexpected children: %v", c.Types())
	}

	d := c.Only(t, "kubernetes:apps/v1:Deployment")
	if d.Get(container+"livenessProbe") != nil {
		t.Errorf("no liveness probe unless the user defines liveness; got %v", d.Get(container+"livenessProbe"))
	}
	if got := harness.Num(d.Get("spec.replicas")); got != 1 {
		t.Errorf("a new Deployment must start at minContainers (1), got %v", d.Get("spec.replicas"))
	}
	if ignored := d.Request.GetIgnoreChanges(); !slices.Contains(ignored, "spec.replicas") {
		t.Errorf("after creation spec.replicas is the autoscaler's: ignoreChanges %v", ignored)
	}
	if got := harness.Num(d.Get("spec.strategy.rollingUpdate.maxUnavailable")); got != 0 || d.Str("spec.strategy.type") != "RollingUpdate" {
		t.Errorf("rolling update must keep every pod until its replacement is ready; got %s", d.JSON())
	}
	if d.Str("metadata.name") != "app" {
		t.Errorf("Deployment name: %s", d.Str("metadata.name"))
	}
	container := "spec.template.spec.containers[0]."
	for path, want := range map[string]string{
		container + "image":                                      "nginx:1.27",
		container + "ports[0].containerPort":                     "8080",
		container + "ports[0].name":                              "http",
		container + "resources.requests.cpu":                     "100m",
		container + "resources.requests.memory":                  "128Mi",
		container + "resources.limits.cpu":                       "200m",
		container + "resources.limits.memory":                    "256Mi",
		container + "securityContext.allowPrivilegeEscalation":   "false",
		container + "readinessProbe.tcpSocket.port":              "http",
		container + "readinessProbe.initialDelaySeconds":         "0",
		container + "readinessProbe.periodSeconds":               "2",
		container + "readinessProbe.successThreshold":            "2",
		"spec.template.spec.securityContext.seccompProfile.type": "RuntimeDefault",
		"spec.template.spec.serviceAccountName":                  "app",
		"spec.template.spec.automountServiceAccountToken":        "false",
	} {
		if got := d.Str(path); got != want {
			t.Errorf("Deployment %s = %q, want %q", path, got, want)
		}
	}

	svc := c.Only(t, "kubernetes:core/v1:Service")
	for path, want := range map[string]string{
		"metadata.name":            "app",
		"spec.type":                "ClusterIP",
		"spec.ports[0].port":       "8080",
		"spec.ports[0].targetPort": "http",
		"spec.ports[0].name":       "http",
	} {
		if got := svc.Str(path); got != want {
			t.Errorf("Service %s = %q, want %q", path, got, want)
		}
	}
	if svc.Get("spec.selector") == nil {
		t.Errorf("Service has no selector")
	}

	hpa := c.Only(t, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")
	for path, want := range map[string]string{
		"spec.minReplicas":                                   "1",
		"spec.maxReplicas":                                   "3",
		"spec.scaleTargetRef.kind":                           "Deployment",
		"spec.scaleTargetRef.name":                           "app",
		"spec.metrics[0].resource.name":                      "cpu",
		"spec.metrics[0].resource.target.averageUtilization": "80",
		"spec.metrics[1].resource.name":                      "memory",
		"spec.metrics[1].resource.target.averageUtilization": "80",
	} {
		if got := hpa.Str(path); got != want {
			t.Errorf("HPA %s = %q, want %q", path, got, want)
		}
	}

	for key, want := range map[string]string{
		"workloadKind":  "Deployment",
		"serviceName":   "app",
		"currentImage":  "nginx:1.27",
		"dockerRepoUrl": "",
	} {
		if got := c.Output(t, key); got != want {
			t.Errorf("output %s = %v, want %q", key, got, want)
		}
	}
}

// `pulumi up` waits for the workload's rollout alone: the Service (whose pods are the
// workload's) is not awaited again; the Deployment is.
func TestOnlyTheWorkloadIsAwaited(t *testing.T) {
	c := harness.MustConstruct(t, map[string]any{"image": "nginx:1.27", "port": map[string]any{"http": 8080}})
	annotation := func(o harness.Object) any {
		annotations, _ := o.Get("metadata.annotations").(map[string]any)
		return annotations["pulumi.com/skipAwait"]
	}
	if got := annotation(c.Only(t, "kubernetes:core/v1:Service")); got != "true" {
		t.Errorf("Service: pulumi.com/skipAwait = %v, want \"true\"", got)
	}
	if got := annotation(c.Only(t, "kubernetes:apps/v1:Deployment")); got != nil {
		t.Errorf("Deployment: pulumi.com/skipAwait = %v; its rollout is the gate of `pulumi up`", got)
	}
}

// The gate's bound, rolloutTimeoutSeconds (the await's and the Deployment's progress
// deadline), defaults to what a healthy rollout of maxContainers replicas needs: waves of
// pods (a Deployment surges 25 %, a StatefulSet replaces one pod at a time), each allowed
// its probes' time to pass and 60 s to start.
func TestRolloutTimeoutIsWhatTheRolloutNeeds(t *testing.T) {
	storage := []any{map[string]any{"path": "/data", "size": 1}}
	for _, tc := range []struct {
		name string
		in   map[string]any
		want string
	}{
		{"defaults: 3 waves of two 2 s readiness periods + 60 s", map[string]any{}, "192"},
		{"a health check: its implied startup probe's 30 s count", map[string]any{"healthcheckPath": "/healthz"}, "282"},
		{"Opta's delays: 3 waves of 30 s delay + 2 × 2 s + 60 s", map[string]any{"initialReadinessDelay": 30}, "282"},
		{"8 replicas surge 2 at a time: 4 waves", map[string]any{"maxContainers": 8}, "256"},
		{"a startup probe's allowance (60 × 5 s) counts", map[string]any{"startupProbe": map[string]any{"path": "/started"}}, "1092"},
		{"a StatefulSet replaces its 5 pods one by one", map[string]any{"maxContainers": 5, "persistentStorage": storage}, "320"},
		{"never below 120", map[string]any{"maxContainers": 1}, "120"},
		{"the user's value", map[string]any{"rolloutTimeoutSeconds": 45}, "45"},
	} {
		c := harness.MustConstruct(t, harness.With(map[string]any{"image": "nginx:1.27", "port": map[string]any{"http": 8080}}, tc.in))
		kind := "kubernetes:apps/v1:Deployment"
		if tc.in["persistentStorage"] != nil {
			kind = "kubernetes:apps/v1:StatefulSet"
		}
		w := c.Only(t, kind)
		annotations, _ := w.Get("metadata.annotations").(map[string]any)
		if annotations["pulumi.com/timeoutSeconds"] != tc.want {
			t.Errorf("%s: timeoutSeconds %v, want %s", tc.name, annotations["pulumi.com/timeoutSeconds"], tc.want)
		}
		if kind == "kubernetes:apps/v1:Deployment" && w.Str("spec.progressDeadlineSeconds") != tc.want {
			t.Errorf("%s: progressDeadlineSeconds %v, want %s", tc.name, w.Get("spec.progressDeadlineSeconds"), tc.want)
		}
	}
}
