//go:build engine

package engine

import (
	"context"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func sizedProgram(ns, class string, size string) string {
	return "resources:" + service("db", "postgres:17", ns, `      port: {tcp: 5432}
      minContainers: 1
      initialReadinessDelay: 0
      storageClassName: `+class+`
      persistentStorage:
        - {path: /data, size: `+size+`}
`)
}

// A size change the cluster refuses changes nothing: shrinking fails at preview (the
// dry-run of the claim update), growing on a class without allowVolumeExpansion fails
// at up with the API server's reason, before the StatefulSet is touched.
func TestRefusedSizeChangesChangeNothing(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "resize-refused")
	s := newYAMLStack(t, ns)
	s.program(ns, sizedProgram(ns, "fixed", "2"))
	s.mustUp(false)
	waitBound(t, ns, 1)
	ctx := context.Background()
	sts, err := kube.Client.AppsV1().StatefulSets(ns).Get(ctx, "db", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}

	s.program(ns, sizedProgram(ns, "fixed", "1"))
	out, err := s.pulumi("preview")
	if err == nil || !strings.Contains(out, "can not be less than") {
		t.Errorf("shrinking a volume: want preview to fail with the API server's reason, got %v\n%s", err, out)
	}

	s.program(ns, sizedProgram(ns, "fixed", "3"))
	out, err = s.up(true)
	if err == nil || !strings.Contains(out, "storageclass that provisions the pvc must support resize") {
		t.Errorf("growing on a class that cannot expand: want up to fail saying so, got %v\n%s", err, out)
	}
	after, err := kube.Client.AppsV1().StatefulSets(ns).Get(ctx, "db", metav1.GetOptions{})
	if err != nil || after.UID != sts.UID {
		t.Errorf("the refused size change replaced the StatefulSet (%v)", err)
	}
	requests := claims(t, ns)["data-db-0"].Spec.Resources.Requests
	if got := requests.Storage().String(); got != "2Gi" {
		t.Errorf("claim requests %s after the refused change, want 2Gi", got)
	}
	s.program(ns, sizedProgram(ns, "fixed", "2"))
}
