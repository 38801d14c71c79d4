package engine

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/examples/automation/deploy"
)

// The Automation API example (examples/automation) as a CI job runs it: an inline Go
// program through the Go SDK, preview then up, outputs returned; then a new tag.
func TestAutomationExampleDeploysFromCI(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "automation")
	settings := deploy.Settings{Project: "automation-example", Stack: "ci", Service: "api",
		Image: "nginx", Tag: "1.27", Namespace: ns, Port: 8080, MinContainers: 2}
	var log bytes.Buffer
	outputs, err := deploy.Run(context.Background(), settings, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if got := outputs["currentImage"].Value; got != "nginx:1.27" {
		t.Errorf("currentImage = %v", got)
	}
	if url, _ := outputs["internalUrl"].Value.(string); !strings.HasPrefix(url, "http://api."+ns+".svc") {
		t.Errorf("internalUrl = %q", url)
	}
	if got := readyPods(t, ns, "api"); got < 2 {
		t.Errorf("%d ready pods right after the job, want 2", got)
	}
	settings.Tag = "1.28"
	sampler := sampleReady(t, ns, "api")
	_, err = deploy.Run(context.Background(), settings, &log)
	if low := sampler.done(); low < 2 {
		t.Errorf("the new tag's rollout dropped ready pods to %d", low)
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Cleanup(func() {
		if out, err := pulumi(t.TempDir(), "destroy", "--yes", "--skip-preview", "--stack", "organization/automation-example/ci"); err != nil {
			t.Errorf("destroy: %v\n%s", err, out)
		}
	})
}
