//go:build engine

package engine

import (
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/image"
)

// The cloud variants' `image: AUTO` flow, lived as docs/aws.md tells it: the first
// `up` creates the service's registry and runs no pod; the image is pushed to
// dockerRepoUrl (go-containerregistry here, `docker push` for a user); `up` with its tag
// runs it, and a new tag rolls to it without a failed request. The stand-in clouds keep
// their registries on the tier's loopback registry (STANDIN_CLOUD_REGISTRY), so the push
// and the kubelet's pull are real.
func TestRealNodeAutoImageIsPushedThenRun(t *testing.T) {
	t.Parallel()
	for _, variant := range []struct{ name, typ, properties string }{
		{"aws", "k8s-service:aws:Service", ""},
		{"azure", "k8s-service:azure:Service", "      resourceGroupName: engine-rg\n      kubeletObjectId: " + azureConfig["kubeletObjectId"] + "\n"},
	} {
		t.Run(variant.name, func(t *testing.T) {
			t.Parallel()
			ns := onRealNode(t, "real-auto-"+variant.name)
			s := newRealStack(t, ns)
			s.env = []string{"STANDIN_CLOUD_REGISTRY=" + realNode.registry.Host}
			program := func(tag string) string {
				if tag != "" {
					tag = "      tag: " + tag + "\n"
				}
				return `resources:
  web:
    type: ` + variant.typ + `
    properties:
      image: AUTO
      namespace: ` + ns + `
      port: {http: 8080}
      healthcheckPath: /healthz
      readinessProbePath: /ready
      minContainers: 2
      maxContainers: 2
` + variant.properties + tag + `outputs:
  repository: ${web.dockerRepoUrl}
  running: ${web.currentImage}
`
			}
			s.program(ns, program(""))
			s.mustUp(false)
			if p := pods(t, ns, "web"); len(p) != 0 {
				t.Fatalf("before any tag, %d pods run; the first up should only create the registry", len(p))
			}
			repository := s.output("repository")
			if !strings.HasPrefix(repository, realNode.registry.Host+"/") {
				t.Fatalf("dockerRepoUrl is %q, want a repository of the stand-in's registry %s", repository, realNode.registry.Host)
			}

			push := func(version string) {
				t.Helper()
				img, err := image.Pack(realNode.binary, version)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := image.PushTo(img, repository+":"+version); err != nil {
					t.Fatalf("pushing to dockerRepoUrl: %v", err)
				}
			}
			push("v1")
			s.program(ns, program("v1"))
			s.mustUp(false)
			if running := s.output("running"); running != repository+":v1" {
				t.Errorf("currentImage is %q, want %s", running, repository+":v1")
			}
			url := serviceURL(t, ns, "web") + "/"
			awaitServedBy(t, url, servingPods(t, ns, "web")...)
			if body, err := get(url); err != nil || !strings.Contains(body, `"version":"v1"`) {
				t.Fatalf("the pushed image does not answer: %v %q", err, body)
			}

			push("v2")
			s.program(ns, program("v2"))
			loop := startTraffic(url, "v1", "v2")
			s.mustUp(false)
			loop.finish().expectNoneFailed(t, "AUTO image update v1 → v2")
			awaitServedBy(t, url, servingPods(t, ns, "web")...)
			if body, err := get(url); err != nil || !strings.Contains(body, `"version":"v2"`) {
				t.Errorf("after the new tag the service answers %q (%v), want version v2", body, err)
			}
		})
	}
}
