package core

import (
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// A toleration without a value tolerates the key whatever its value (Exists), with one it
// must equal it (Equal); the effect defaults to NoSchedule; errors name the entry.
func TestResolveTolerations(t *testing.T) {
	at := field.NewPath("tolerations")
	got, errs := resolveTolerations([]Toleration{{Key: "gpu"}, {Key: "dedicated", Value: ptr("web")}}, at)
	want := []ResolvedToleration{
		{Key: "gpu", Operator: "Exists", Effect: "NoSchedule"},
		{Key: "dedicated", Operator: "Equal", Value: "web", Effect: "NoSchedule"},
	}
	if len(errs) != 0 || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %+v %v, want %+v", got, errs, want)
	}
	_, errs = resolveTolerations([]Toleration{{Key: "ok"}, {Key: "x", Value: ptr("v"), Operator: ptr(TolerationOperator("Exists"))}}, at)
	if len(errs) != 1 || errs[0].Field != "tolerations[1].value" {
		t.Errorf("Exists with a value: %v, want one error on tolerations[1].value", errs)
	}
}
