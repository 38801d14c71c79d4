package core

import (
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

func TestRolloutWaves(t *testing.T) {
	for _, tc := range []struct {
		replicas int
		stateful bool
		want     int
	}{
		{1, false, 1}, {2, false, 2}, {3, false, 3}, {4, false, 4}, // surge 1
		{5, false, 3}, {8, false, 4}, {100, false, 4}, // surge 25 %, rounded up: never more than four waves
		{0, false, 1},
		{5, true, 5}, {0, true, 1}, // a StatefulSet replaces one pod at a time
	} {
		if got := rolloutWaves(tc.replicas, tc.stateful); got != tc.want {
			t.Errorf("rolloutWaves(%d, stateful %v) = %d, want %d", tc.replicas, tc.stateful, got, tc.want)
		}
	}
}

func TestRolloutTimeoutDefault(t *testing.T) {
	readiness := Probe{InitialDelay: 30, Timing: livenessTiming}
	startup := Probe{Path: "/started", Timing: startupTiming}
	for _, tc := range []struct {
		name   string
		probes Probes
		max    int
		want   int
	}{
		{"defaults", Probes{Readiness: readiness}, 3, 3 * (30 + 10 + 60)},
		{"a startup probe's allowance", Probes{Readiness: Probe{Timing: livenessTiming}, Startup: startup}, 1, 10 + 300 + 60},
		{"at least 120", Probes{Readiness: Probe{Timing: readinessTiming}}, 1, 120},
	} {
		got, errs := resolveRolloutTimeout(nil, Scaling{Max: tc.max}, tc.probes, false, field.NewPath("rolloutTimeoutSeconds"))
		if len(errs) > 0 || got != tc.want {
			t.Errorf("%s: %d %v, want %d", tc.name, got, errs, tc.want)
		}
	}
}
