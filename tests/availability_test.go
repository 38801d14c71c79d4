package tests

import (
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// Every workload gets a budget of one unavailable pod: node drains proceed one pod at a
// time and, unlike minAvailable, a single replica never blocks them.
func TestDisruptionBudgetForEveryWorkload(t *testing.T) {
	for _, in := range []map[string]any{base(nil), base(map[string]any{"minContainers": 2})} {
		pdb := harness.MustConstruct(t, in).Only(t, "kubernetes:policy/v1:PodDisruptionBudget")
		expect(t, "PodDisruptionBudget", pdb, map[string]string{"spec.maxUnavailable": "1", "spec.minAvailable": ""})
		if pdb.Get("spec.selector.matchLabels").(map[string]any)["app.kubernetes.io/name"] != "app" {
			t.Errorf("the budget must select the service's pods: %s", pdb.JSON())
		}
	}
	cronOnly := map[string]any{"image": "x", "minContainers": 0, "maxContainers": 0}
	if n := len(harness.MustConstruct(t, cronOnly).All("kubernetes:policy/v1:PodDisruptionBudget")); n != 0 {
		t.Errorf("a cron-only service has no workload to protect; got %d budgets", n)
	}
}

func TestPodsSpreadAndDrainBeforeStopping(t *testing.T) {
	for _, in := range []map[string]any{base(nil), base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/d", "size": 1}}})} {
		c := harness.MustConstruct(t, in)
		kind := "kubernetes:apps/v1:Deployment"
		if in["persistentStorage"] != nil {
			kind = "kubernetes:apps/v1:StatefulSet"
		}
		expect(t, kind, c.Only(t, kind), map[string]string{
			"spec.template.spec.topologySpreadConstraints[0].topologyKey":       "kubernetes.io/hostname",
			"spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable": "ScheduleAnyway",
			"spec.template.spec.topologySpreadConstraints[1].topologyKey":       "topology.kubernetes.io/zone",
			"spec.template.spec.topologySpreadConstraints[1].whenUnsatisfiable": "ScheduleAnyway",
			"spec.template.spec.terminationGracePeriodSeconds":                  "30",
			container + "lifecycle.preStop.sleep.seconds":                       "5",
		})
	}
}

// An unchanged program must change nothing: the same inputs register the same children
// with the same inputs, so the engine sees no diff.
func TestSameInputsRegisterIdenticalChildren(t *testing.T) {
	in := base(map[string]any{
		"envVars": map[string]any{"B": "2", "A": "1", "C": "3"}, "secrets": map[string]any{"Y": "y", "X": "x"},
		"podLabels": map[string]any{"b": "2", "a": "1"}, "publicUri": []any{"a.example.com", "b.example.com/x"},
		"ingressExtraAnnotations": map[string]any{"z": "1", "y": "2"}, "minContainers": 2,
		"tolerations": []any{map[string]any{"key": "b"}, map[string]any{"key": "a"}},
		"cronJobs":    []any{map[string]any{"commands": []any{"true"}, "schedule": "@daily"}},
	})
	first, second := harness.MustConstruct(t, in), harness.MustConstruct(t, in)
	if len(first.Children) != len(second.Children) {
		t.Fatalf("%d children, then %d", len(first.Children), len(second.Children))
	}
	byName := map[string]harness.Child{}
	for _, ch := range first.Children {
		byName[ch.Type+"/"+ch.Name] = ch
	}
	for _, ch := range second.Children {
		prev, ok := byName[ch.Type+"/"+ch.Name]
		if !ok {
			t.Errorf("%s/%s only in the second run", ch.Type, ch.Name)
			continue
		}
		if !harness.EqualJSON(harness.Plain(prev.Inputs), harness.Plain(ch.Inputs)) {
			t.Errorf("%s/%s differs between two runs with the same inputs", ch.Type, ch.Name)
		}
	}
}

// A changed env value changes the pod template, which rolls the pods.
func TestChangedEnvValueChangesThePodTemplate(t *testing.T) {
	before := harness.MustConstruct(t, base(map[string]any{"envVars": map[string]any{"MODE": "a"}})).Only(t, "kubernetes:apps/v1:Deployment")
	after := harness.MustConstruct(t, base(map[string]any{"envVars": map[string]any{"MODE": "b"}})).Only(t, "kubernetes:apps/v1:Deployment")
	if harness.EqualJSON(before.Get("spec.template"), after.Get("spec.template")) {
		t.Errorf("the pod template did not change with the env value")
	}
}
