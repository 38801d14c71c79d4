//go:build engine

package engine

import (
	"context"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
)

// A StorageClass, a PriorityClass, a pull secret, a ConfigMap and a TLS secret created in
// the same program, with generated names, handed to the service as outputs (unknown at the
// first preview) and without dependsOn: the service's objects wait for them, the claims
// bind on that class, the pods run with that priority, pull secret and env source, the
// Ingress serves that certificate, and a second preview plans nothing. A public URI made
// from another resource's output that the first preview does not know (the repository URL
// of an aws variant's `AUTO` registry, from the stand-in aws provider, whose outputs are
// unknown in a preview as a DNS record's generated name would be) is previewed as an
// Ingress named by its position and created under its own name by the up.
func TestNamesFromOtherResources(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "names-from-outputs")
	s := newYAMLStack(t, "names-from-outputs")
	s.program("names-from-outputs", `resources:
  disks:
    type: kubernetes:storage.k8s.io/v1:StorageClass
    properties:
      provisioner: `+cluster.Provisioner+`
      volumeBindingMode: WaitForFirstConsumer
  priority:
    type: kubernetes:scheduling.k8s.io/v1:PriorityClass
    properties:
      value: 1000
  registry:
    type: kubernetes:core/v1:Secret
    properties:
      metadata:
        namespace: `+ns+`
      type: kubernetes.io/dockerconfigjson
      stringData:
        .dockerconfigjson: '{"auths":{}}'
  images:
    type: k8s-service:aws:Service
    properties:
      image: AUTO
      namespace: `+ns+`
  settings:
    type: kubernetes:core/v1:ConfigMap
    properties:
      metadata:
        namespace: `+ns+`
      data:
        mode: primary
  certificate:
    type: kubernetes:core/v1:Secret
    properties:
      metadata:
        namespace: `+ns+`
      type: kubernetes.io/tls
      stringData:
        tls.crt: placeholder
        tls.key: placeholder
`+service("db", "postgres:16", ns, `      port: {http: 8080}
      publicUri:
        - db.example.com
        - ${images.dockerRepoUrl}
      tls:
        - secretName: ${certificate.metadata.name}
      envFrom:
        - configMap: ${settings.metadata.name}
      envVarsFrom:
        MODE:
          configMap: ${settings.metadata.name}
          key: mode
      initialReadinessDelay: 0
      persistentStorage:
        - {path: /var/lib/postgresql/data, size: 1}
      storageClassName: ${disks.metadata.name}
      priorityClassName: ${priority.metadata.name}
      imagePullSecrets:
        - ${registry.metadata.name}
`))
	var previewed bool
	var ingresses []string
	for _, step := range s.plan() {
		if strings.Contains(step.URN, "Ingress::") {
			ingresses = append(ingresses, step.Op+" "+step.URN)
		}
		previewed = previewed || (step.Op == "create" && strings.HasSuffix(step.URN, "Ingress::db-uri-1"))
	}
	if !previewed {
		t.Errorf("the first preview shows no Ingress db-uri-1 for the publicUri entry it does not know: %v", ingresses)
	}
	s.mustUp(false)
	ctx := context.Background()
	made, err := kube.Client.NetworkingV1().Ingresses(ns).List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var byOutput []string
	for _, ing := range made.Items {
		if host := ing.Spec.Rules[0].Host; strings.HasSuffix(host, ".amazonaws.com") {
			byOutput = append(byOutput, ing.Name)
			if !strings.HasPrefix(ing.Name, "db-"+host+"-") || len(ing.Spec.TLS) != 1 || ing.Spec.TLS[0].Hosts[0] != host {
				t.Errorf("the Ingress of the URI from an output: %s, TLS %+v; want it named after %s and served with TLS", ing.Name, ing.Spec.TLS, host)
			}
		}
	}
	if len(byOutput) != 1 {
		t.Errorf("Ingresses of the registry's URL: %v, want one", byOutput)
	}
	if _, err := kube.Client.NetworkingV1().Ingresses(ns).Get(ctx, "db-uri-1", metav1.GetOptions{}); err == nil {
		t.Errorf("the preview's positional Ingress db-uri-1 was created")
	}
	claims, err := kube.Client.CoreV1().PersistentVolumeClaims(ns).List(ctx, metav1.ListOptions{})
	if err != nil || len(claims.Items) == 0 {
		t.Fatalf("no claims (%v)", err)
	}
	for _, c := range claims.Items {
		if c.Spec.StorageClassName == nil || !strings.HasPrefix(*c.Spec.StorageClassName, "disks-") || c.Status.Phase != "Bound" {
			t.Errorf("claim %s: class %v, phase %s; want the program's disks-<suffix> class, bound", c.Name, c.Spec.StorageClassName, c.Status.Phase)
		}
	}
	pod := pods(t, ns, "db")[0].Spec
	if !strings.HasPrefix(pod.PriorityClassName, "priority-") || len(pod.ImagePullSecrets) != 1 ||
		!strings.HasPrefix(pod.ImagePullSecrets[0].Name, "registry-") {
		t.Errorf("pod priority class %q, pull secrets %+v: want the program's generated names", pod.PriorityClassName, pod.ImagePullSecrets)
	}
	ingress, err := kube.Client.NetworkingV1().Ingresses(ns).Get(ctx, "db-db.example.com", metav1.GetOptions{})
	if err != nil || len(ingress.Spec.TLS) != 1 || !strings.HasPrefix(ingress.Spec.TLS[0].SecretName, "certificate-") {
		t.Errorf("ingress TLS (%v): %+v; want the program's certificate-<suffix> secret", err, ingress)
	}
	c := pods(t, ns, "db")[0].Spec.Containers[0]
	if len(c.EnvFrom) != 1 || c.EnvFrom[0].ConfigMapRef == nil || !strings.HasPrefix(c.EnvFrom[0].ConfigMapRef.Name, "settings-") {
		t.Errorf("envFrom %+v: want the program's settings-<suffix> ConfigMap", c.EnvFrom)
	}
	s.expectNoChanges()
}
