//go:build engine

package engine

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

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

// pinDigest, lived: the pods run the digest their tag named at `up`. When the tag is moved
// to another image in the registry, a pod that is replaced still runs the pinned one, even
// pulling Always (without the pin it would run the moved tag: a silent change), the next preview plans the Deployment's update to the new digest, and
// `up` rolls to it. A tag the registry lacks fails `up`, naming the image, and changes
// nothing: the pods keep answering.
func TestRealNodePinnedDigestHoldsWhenTheTagMoves(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-pinned")
	repository := realNode.registry.Host + "/pinned-app" // its own: the case moves its tag
	push := func(version string) string {
		t.Helper()
		img, err := image.Pack(realNode.binary, version)
		if err != nil {
			t.Fatal(err)
		}
		digest, err := image.PushTo(img, repository+":stable")
		if err != nil {
			t.Fatal(err)
		}
		return digest.DigestStr()
	}
	program := func(tag string) string {
		return "resources:" + service("web", repository, ns, "      tag: "+tag+`
      pinDigest: true
      imagePullPolicy: Always
      port: {http: 8080}
      healthcheckPath: /healthz
      minContainers: 2
      maxContainers: 2
`)
	}
	answers := func(version string) {
		t.Helper()
		url := serviceURL(t, ns, "web") + "/"
		awaitServedBy(t, url, servingPods(t, ns, "web")...)
		for i := 0; i < 10; i++ {
			if body, err := get(url); err != nil || !strings.Contains(body, `"version":"`+version+`"`) {
				t.Fatalf("the service answers %q (%v), want version %s", body, err, version)
			}
		}
	}
	deploymentImage := func() string {
		d, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), "web", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return d.Spec.Template.Spec.Containers[0].Image
	}

	first := push("v1")
	s := newRealStack(t, ns)
	s.program(ns, program("stable"))
	s.mustUp(false)
	if got := deploymentImage(); got != repository+":stable@"+first {
		t.Fatalf("the Deployment runs %s, want the tag pinned to %s", got, first)
	}
	answers("v1")

	second := push("v2")
	victim := servingPods(t, ns, "web")[0]
	if err := kube.Client.CoreV1().Pods(ns).Delete(context.Background(), victim, metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if !eventually(60*time.Second, func() bool {
		return len(servingPods(t, ns, "web")) == 2 && !slices.Contains(servingPods(t, ns, "web"), victim)
	}) {
		t.Fatalf("no pod replaced %s within 60 s", victim)
	}
	answers("v1") // the replacement pulled the pinned digest, not the moved tag

	planned := false
	for _, step := range s.plan() {
		if step.NewState.Type == "kubernetes:apps/v1:Deployment" && step.Op == "update" {
			planned = true
		}
	}
	if !planned {
		t.Errorf("the preview after the tag moved plans no update of the Deployment: %+v", s.plan())
	}
	s.mustUp(false)
	if got := deploymentImage(); got != repository+":stable@"+second {
		t.Errorf("after up the Deployment runs %s, want the new digest %s", got, second)
	}
	answers("v2")

	s.program(ns, program("never-pushed"))
	out, err := s.up(false)
	if err == nil || !strings.Contains(out, repository+":never-pushed") {
		t.Fatalf("up with a tag the registry lacks: %v, want a failure naming %s:never-pushed\n%s", err, repository, out)
	}
	if got := deploymentImage(); got != repository+":stable@"+second {
		t.Errorf("the failed up changed the Deployment to %s", got)
	}
	answers("v2")
}
