//go:build engine

package engine

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// The state keeps, with every resource, the call stack that registered it, and the file
// backend rewrites the whole state twice per step, so its size is deploy time. The
// component's children carry the component's own frames, not the 20 of the gRPC server
// and the SDKs that Construct runs under (41 % of a minimal service's state).
func TestStateHoldsTheComponentsFramesOnly(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "state-frames")
	s := newYAMLStack(t, "state-frames")
	s.program("state-frames", "resources:"+service("web", "nginx:1.27", ns, `      port: {http: 8080}
`))
	s.mustUp(true)
	var children int
	for _, r := range s.export().Resources {
		if !strings.Contains(string(r.URN), "k8s-service:index:Service") {
			continue
		}
		children++
		for _, frame := range r.StackTrace {
			for _, plumbing := range []string{"google.golang.org/grpc", "pulumi-go-provider", "/proto/go/"} {
				if strings.Contains(frame.SourcePosition, plumbing) {
					t.Errorf("%s: the state keeps a frame of %s: %s", r.URN, plumbing, frame.SourcePosition)
				}
			}
		}
		if len(r.StackTrace) > 10 {
			t.Errorf("%s: %d frames in the state; want the component's own (at most 10)", r.URN, len(r.StackTrace))
		}
	}
	if children < 6 { // the component, ServiceAccount, Deployment, Service, HPA, PDB
		t.Fatalf("%d resources of the component in the state; want 6", children)
	}
}

// export is the stack's state, `pulumi stack export`.
func (s *yamlStack) export() apitype.DeploymentV3 {
	s.t.Helper()
	out, err := s.pulumi("stack", "export")
	if err != nil {
		s.t.Fatalf("pulumi stack export: %v\n%s", err, out)
	}
	var d apitype.UntypedDeployment
	var v3 apitype.DeploymentV3
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		s.t.Fatalf("pulumi stack export: %v\n%s", err, out)
	}
	if err := json.Unmarshal(d.Deployment, &v3); err != nil {
		s.t.Fatalf("pulumi stack export: %v", err)
	}
	return v3
}
