package tests

import (
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// pushRandom pushes a random image under ref and returns its digest.
func pushRandom(t *testing.T, ref string) v1.Hash {
	t.Helper()
	img, err := random.Image(512, 1)
	if err != nil {
		t.Fatal(err)
	}
	tag, err := name.NewTag(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(tag, img); err != nil {
		t.Fatal(err)
	}
	digest, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return digest
}

// pinDigest runs the digest the tag names in the registry when the program runs: the
// Deployment and a cron job on the service's image run `image:tag@digest`, and currentTag
// and currentDigest say both. A moved tag is a new digest at the next run (a change the
// preview shows). A tag the registry lacks fails before anything is registered, naming
// the image. A reference with a digest is kept as it is.
func TestPinDigestRunsTheTagsDigest(t *testing.T) {
	server := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer server.Close()
	repository := strings.TrimPrefix(server.URL, "http://") + "/app"
	pinned := func(extra map[string]any) harness.Construction {
		in := map[string]any{"image": repository, "pinDigest": true,
			"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "@daily"}}}
		for k, v := range extra {
			in[k] = v
		}
		return harness.ConstructService(t, base(in))
	}

	first := pushRandom(t, repository+":v1")
	c := pinned(map[string]any{"tag": "v1"})
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	want := repository + ":v1@" + first.String()
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{container + "image": want})
	expect(t, "CronJob", c.Only(t, "kubernetes:batch/v1:CronJob"), map[string]string{"spec.jobTemplate.spec.template.spec.containers[0].image": want})
	if tag, dig := c.Output(t, "currentTag"), c.Output(t, "currentDigest"); tag != "v1" || dig != first.String() {
		t.Errorf("currentTag %v, currentDigest %v; want v1 and %s", tag, dig, first)
	}

	moved := pushRandom(t, repository+":v1")
	c = pinned(map[string]any{"tag": "v1"})
	if got := c.Only(t, "kubernetes:apps/v1:Deployment").Str(container + "image"); got != repository+":v1@"+moved.String() {
		t.Errorf("after the tag moved the Deployment runs %s, want the new digest %s", got, moved)
	}

	c = pinned(map[string]any{"tag": "v9"})
	if c.Err == nil || !strings.Contains(c.Err.Error(), repository+":v9") || !strings.Contains(c.Err.Error(), "pinDigest") {
		t.Errorf("a tag the registry lacks: error %v, want one naming %s:v9 and pinDigest", c.Err, repository)
	}
	if len(c.Children) != 0 {
		t.Errorf("a tag the registry lacks still registered %d resources", len(c.Children))
	}

	exact := "sha256:" + strings.Repeat("ab", 32)
	c = pinned(map[string]any{"digest": exact})
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{container + "image": repository + "@" + exact})
}
