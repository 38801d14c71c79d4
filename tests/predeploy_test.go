package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const jobType = "kubernetes:batch/v1:Job"

// The pre-deploy Job: the service's container with its own command, one attempt ended at
// the timeout, a generated name (a change replaces it), not the service's pods, replaced
// when unready; the workload depends on it.
func TestPreDeployJob(t *testing.T) {
	c := harness.MustConstruct(t, base(map[string]any{
		"preDeploy": map[string]any{"commands": []any{"/app/migrate", "up"}, "timeoutSeconds": 120},
		"envVars":   map[string]any{"MODE": "web"},
	}))
	job := c.Only(t, jobType)
	expect(t, "Job", job, map[string]string{
		"metadata.name":                                "",
		"spec.backoffLimit":                            "0",
		"spec.activeDeadlineSeconds":                   "120",
		"spec.template.spec.restartPolicy":             "Never",
		"spec.template.spec.containers[0].command[1]":  "up",
		"spec.template.spec.containers[0].image":       "kennethreitz/httpbin",
		"spec.template.spec.containers[0].env[0].name": "MODE",
		"spec.template.spec.serviceAccountName":        "app",
	})
	labels := job.Get("spec.template.metadata.labels").(map[string]any)
	if labels["app.kubernetes.io/name"] != nil || labels["k8s-service.io/pre-deploy"] != "true" {
		t.Errorf("the Job's pods carry %v: want the pre-deploy label, not the selector label", labels)
	}
	expectAnnotations(t, job, map[string]string{"pulumi.com/replaceUnready": "true", "pulumi.com/timeoutSeconds": "150"})
	deployment := c.Only(t, "kubernetes:apps/v1:Deployment")
	if deps := deployment.Request.GetDependencies(); !slices.ContainsFunc(deps, func(urn string) bool { return strings.HasSuffix(urn, "::app-pre-deploy") }) {
		t.Errorf("the Deployment does not wait for the Job: dependencies %v", deps)
	}
}
