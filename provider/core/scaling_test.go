package core

import (
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// resolveScaling fills in the defaults and names its errors under the path it is given.
func TestResolveScaling(t *testing.T) {
	at := field.NewPath("spec")
	s, errs := resolveScaling(ScalingArgs{}, at)
	if len(errs) != 0 || s.Min != DefaultMinContainers || s.Max != DefaultMaxContainers || s.TargetCPU != DefaultTargetPercentage {
		t.Errorf("defaults: %+v %v", s, errs)
	}
	for _, tc := range []struct {
		in    ScalingArgs
		field string
	}{
		{ScalingArgs{MinContainers: ptr(5), MaxContainers: ptr(3)}, "spec.minContainers"},
		{ScalingArgs{MinContainers: ptr(0), MaxContainers: ptr(2)}, "spec.minContainers"},
		{ScalingArgs{MinContainers: ptr(0), MaxContainers: ptr(-1)}, "spec.maxContainers"},
		{ScalingArgs{AutoscalingTargetCpuPercentage: ptr(-5)}, "spec.autoscalingTargetCpuPercentage"},
	} {
		if _, errs := resolveScaling(tc.in, at); len(errs) != 1 || errs[0].Field != tc.field {
			t.Errorf("%+v: errors %v, want one on %s", tc.in, errs, tc.field)
		}
	}
	if s, errs := resolveScaling(ScalingArgs{MinContainers: ptr(0), MaxContainers: ptr(0)}, at); len(errs) != 0 || s.Max != 0 {
		t.Errorf("a cron-only service (0 and 0): %+v %v", s, errs)
	}
}
