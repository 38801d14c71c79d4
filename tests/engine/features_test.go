//go:build engine

package engine

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The workload-features example (examples/yaml-features) through the real engine: the
// API server accepts every new field, the pods start with their sidecar and init step,
// a second preview plans nothing, and a change of a config file or a secret file rolls
// the pods, of the Deployment and, with persistent storage, of the StatefulSet.
func TestWorkloadFeaturesExample(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "features")
	s := newYAMLStack(t, "k8s-service-yaml-features")
	example, err := os.ReadFile(filepath.Join(root, "examples/yaml-features/Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(program string) {
		t.Helper()
		program = strings.Replace(program, "      image: nginxinc/nginx-unprivileged\n",
			"      image: nginxinc/nginx-unprivileged\n      namespace: "+ns+"\n", 1)
		program = strings.Replace(program, "      type: kubernetes.io/dockerconfigjson\n",
			"      type: kubernetes.io/dockerconfigjson\n      metadata:\n        namespace: "+ns+"\n", 1)
		if err := os.WriteFile(filepath.Join(s.dir, "Pulumi.yaml"), []byte(program), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := func(args ...string) {
		t.Helper()
		if out, err := s.pulumi(append([]string{"config", "set"}, args...)...); err != nil {
			t.Fatalf("config set: %v\n%s", err, out)
		}
	}
	write(string(example))
	config("--secret", "apiToken", "first-token")
	out := s.mustUp(false)
	if !strings.Contains(out, "https://api.example.com") {
		t.Errorf("publicUrls do not say https:\n%s", out)
	}
	if got := readyPods(t, ns, "api"); got < 2 {
		t.Errorf("%d ready pods right after up, want 2", got)
	}
	pod := pods(t, ns, "api")[0].Spec
	if len(pod.InitContainers) != 2 || pod.InitContainers[0].Name != "log-shipper" || pod.InitContainers[0].RestartPolicy == nil ||
		*pod.InitContainers[0].RestartPolicy != corev1.ContainerRestartPolicyAlways || pod.InitContainers[1].Name != "migrate" {
		t.Errorf("the pods' init containers are not the sidecar then the init step: %+v", pod.InitContainers)
	}
	if c := pod.Containers[0]; c.StartupProbe == nil || c.ReadinessProbe.InitialDelaySeconds != 0 || c.ReadinessProbe.PeriodSeconds != 5 {
		t.Errorf("probes: startup %+v, readiness %+v", c.StartupProbe, c.ReadinessProbe)
	}
	if c := pod.Containers[0]; c.Resources.Requests.Cpu().MilliValue() != 250 || c.Resources.Limits.Memory().Value() != 512<<20 {
		t.Errorf("resources: %+v", c.Resources)
	}
	if !slices.ContainsFunc(pod.Tolerations, func(t corev1.Toleration) bool { return t.Key == "dedicated" && t.Value == "api" }) ||
		pods(t, ns, "api")[0].Labels["team"] != "api" {
		t.Errorf("tolerations %+v, labels %v", pod.Tolerations, pods(t, ns, "api")[0].Labels)
	}
	if pod.PriorityClassName != "api-critical" || pod.Priority == nil || *pod.Priority != 100000 {
		t.Errorf("priority class %q, priority %v: want api-critical, 100000", pod.PriorityClassName, pod.Priority)
	}
	// The pull secret's name is generated: the service had it as an output, unknown at preview.
	if len(pod.ImagePullSecrets) != 1 || !strings.HasPrefix(pod.ImagePullSecrets[0].Name, "registry-") {
		t.Errorf("image pull secrets %+v: want the generated registry-<suffix>", pod.ImagePullSecrets)
	}
	hpa, err := kube.Client.AutoscalingV2().HorizontalPodAutoscalers(ns).Get(context.Background(), "api", metav1.GetOptions{})
	if err != nil || len(hpa.Spec.Metrics) != 3 || hpa.Spec.Behavior == nil {
		t.Errorf("autoscaler: %v, metrics %+v", err, hpa.Spec)
	}
	ingress, err := kube.Client.NetworkingV1().Ingresses(ns).Get(context.Background(), "api-api.example.com", metav1.GetOptions{})
	if err != nil || len(ingress.Spec.TLS) != 1 || ingress.Annotations["cert-manager.io/cluster-issuer"] != "letsencrypt" {
		t.Errorf("ingress TLS: %v %+v", err, ingress)
	}
	s.expectNoChanges()
	s.refreshChangesNothing()

	expectRolled := func(what, volume string) {
		t.Helper()
		before := volumeSources(t, ns, volume)
		beforePods := podUIDs(t, ns, "api")
		s.mustUp(false)
		if !eventually(90*time.Second, func() bool {
			now := volumeSources(t, ns, volume)
			return len(now) == 1 && !slices.Equal(now, before) && !slices.ContainsFunc(podUIDs(t, ns, "api"), func(p string) bool { return slices.Contains(beforePods, p) })
		}) {
			t.Errorf("%s: the pods did not roll; %s before %v, now %v", what, volume, before, volumeSources(t, ns, volume))
		}
		s.expectNoChanges()
	}
	config("logLevel", "debug")
	expectRolled("config file changed", "config-files")
	config("--secret", "apiToken", "second-token")
	expectRolled("secret file changed", "secret-files")
	assertNoPlaintext(t, "second-token", "first-token")

	// The same through a StatefulSet.
	write(strings.Replace(string(example), "      securityProfile: restricted\n",
		"      securityProfile: restricted\n      persistentStorage:\n        - {path: /data, size: 1}\n", 1))
	s.mustUp(false)
	if kind := workloadKinds(t, ns); kind != "StatefulSet" {
		t.Fatalf("with storage the workload is %q", kind)
	}
	s.expectNoChanges()
	config("logLevel", "warn")
	expectRolled("config file changed (StatefulSet)", "config-files")
}

// volumeSources are the ConfigMaps or Secrets the service's pods mount as volume.
func volumeSources(t *testing.T, ns, volume string) []string {
	var names []string
	for _, p := range pods(t, ns, "api") {
		for _, v := range p.Spec.Volumes {
			var name string
			switch {
			case v.Name != volume:
				continue
			case v.ConfigMap != nil:
				name = v.ConfigMap.Name
			case v.Secret != nil:
				name = v.Secret.SecretName
			}
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return names
}
