//go:build engine

package engine

import (
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/image"
)

// An image loaded into the node and held by no registry (`kind load`, `ctr images
// import`) runs under the restricted profile once imagePullPolicy says IfNotPresent;
// without it the profile pulls Always and the pull fails. (The reference names the local
// registry, which lacks it, so the failing pull goes nowhere off the machine.)
func TestRealNodeRunsAnImageLoadedIntoTheNode(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-loaded-image")
	img, err := image.Pack(realNode.binary, "loaded")
	if err != nil {
		t.Fatal(err)
	}
	ref := realNode.registry.Host + "/loaded-only:v1"
	if err := realNode.target.Load(img, ref, realNode.dir); err != nil {
		t.Fatal(err)
	}
	s := newRealStack(t, ns)
	program := func(extra string) string {
		return realWebProgramOf(ns, ref, 1, "      securityProfile: restricted\n      rolloutTimeoutSeconds: 30\n"+extra)
	}
	s.program(ns, program(""))
	out, err := s.up(false)
	if err == nil || !strings.Contains(out, "ErrImagePull") && !strings.Contains(out, "ImagePullBackOff") {
		t.Fatalf("under restricted without imagePullPolicy the loaded image should fail to pull (Always): %v\n%s", err, out)
	}
	s.program(ns, program("      imagePullPolicy: IfNotPresent\n"))
	s.mustUp(false)
	url := serviceURL(t, ns, "web") + "/"
	awaitServedBy(t, url, servingPods(t, ns, "web")...)
	if body, err := get(url); err != nil || !strings.Contains(body, `"version":"loaded"`) {
		t.Errorf("the loaded image does not answer: %v %q", err, body)
	}
}

// A digest is what runs: the image named by repository and digest (the registry also
// holds other versions under tags) is pulled by that digest, the container reports that
// version, and the pod's image ID is the digest.
func TestRealNodeRunsTheImageByDigest(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-digest")
	digest := realNode.digests["v2"]
	s := newRealStack(t, ns)
	s.program(ns, "resources:"+service("web", digest.Context().String(), ns, `      digest: `+digest.DigestStr()+`
      port: {http: 8080}
      healthcheckPath: /healthz
`))
	s.mustUp(false)
	url := serviceURL(t, ns, "web") + "/"
	awaitServedBy(t, url, servingPods(t, ns, "web")...)
	if body, err := get(url); err != nil || !strings.Contains(body, `"version":"v2"`) {
		t.Errorf("the image by digest answers %q (%v), want version v2", body, err)
	}
	for _, p := range pods(t, ns, "web") {
		if id := p.Status.ContainerStatuses[0].ImageID; !strings.HasSuffix(id, digest.DigestStr()) {
			t.Errorf("pod %s runs image %s, want digest %s", p.Name, id, digest.DigestStr())
		}
	}
}
