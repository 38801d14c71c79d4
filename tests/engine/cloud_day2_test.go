//go:build engine

package engine

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// Removing the first of two entries of a list input plans a change to that entry alone,
// through the real engine and the stand-in cloud providers: one child deleted, no other
// child replaced or updated, and the update then goes through. Also: removing the cloud
// identity deletes its role and unbinds the service account, leaving the workload alone.
func TestRemovingTheFirstEntryChangesItAlone(t *testing.T) {
	t.Parallel()
	ssm, s3 := "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
	role := "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/"
	scope := "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/engine-rg"
	cases := []struct {
		name, token   string
		before, after map[string]any
		want          []string // the planned steps, `op type`, besides `same`
	}{
		{"aws policies", "k8s-service:aws:Service",
			awsService(map[string]any{"additionalIamPolicies": []any{ssm, s3}}), awsService(map[string]any{"additionalIamPolicies": []any{s3}}),
			[]string{"delete aws:iam/rolePolicyAttachment:RolePolicyAttachment"}},
		{"aws identity removed", "k8s-service:aws:Service",
			awsService(map[string]any{"additionalIamPolicies": []any{ssm}, "links": []any{map[string]any{"type": "s3", "arn": "arn:aws:s3:::engine", "access": "read"}}}),
			plainService(nil),
			// The pods no longer mount a service-account token (no identity needs it): the
			// Deployment's template changes.
			[]string{"delete aws:iam/role:Role", "delete aws:iam/rolePolicy:RolePolicy", "delete aws:iam/rolePolicyAttachment:RolePolicyAttachment",
				"update kubernetes:apps/v1:Deployment", "update kubernetes:core/v1:ServiceAccount"}},
		{"gcp roles", "k8s-service:gcp:Service",
			gcpService(map[string]any{"additionalIamRoles": []any{"roles/pubsub.subscriber", "roles/logging.logWriter"}}),
			gcpService(map[string]any{"additionalIamRoles": []any{"roles/logging.logWriter"}}),
			[]string{"delete gcp:projects/iAMMember:IAMMember"}},
		{"gcp bucket links", "k8s-service:gcp:Service",
			gcpService(map[string]any{"links": []any{map[string]any{"bucket": "uploads", "access": "write"}, map[string]any{"bucket": "reports", "access": "read"}}}),
			gcpService(map[string]any{"links": []any{map[string]any{"bucket": "reports", "access": "read"}}}),
			[]string{"delete gcp:storage/bucketIAMMember:BucketIAMMember"}},
		{"azure role assignments", "k8s-service:azure:Service",
			azureService(map[string]any{"roleAssignments": []any{
				map[string]any{"roleDefinitionId": role + "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "scope": scope},
				map[string]any{"roleDefinitionId": role + "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "scope": scope}}}),
			azureService(map[string]any{"roleAssignments": []any{
				map[string]any{"roleDefinitionId": role + "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "scope": scope}}}),
			[]string{"delete azure-native:authorization:RoleAssignment"}},
		{"public URIs", "k8s-service:index:Service",
			plainService(map[string]any{"publicUri": []any{"a.example.com", "b.example.com/api"}}),
			plainService(map[string]any{"publicUri": []any{"b.example.com/api"}}),
			[]string{"delete kubernetes:networking.k8s.io/v1:Ingress"}},
		{"cron jobs", "k8s-service:index:Service",
			plainService(map[string]any{"cronJobs": []any{map[string]any{"commands": []any{"/bin/true"}, "schedule": "@daily"},
				map[string]any{"name": "report", "commands": []any{"/bin/report"}, "schedule": "@hourly"}}}),
			plainService(map[string]any{"cronJobs": []any{map[string]any{"name": "report", "commands": []any{"/bin/report"}, "schedule": "@hourly"}}}),
			[]string{"delete kubernetes:batch/v1:CronJob"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			project := "remove-" + strings.ReplaceAll(strings.ToLower(tc.name), " ", "-")
			ns := namespace(t, project)
			s := newYAMLStack(t, project)
			write := func(properties map[string]any) {
				t.Helper()
				body, err := yaml.Marshal(map[string]any{"resources": map[string]any{"app": map[string]any{
					"type": tc.token, "properties": merge(map[string]any{"namespace": ns}, properties)}}})
				if err != nil {
					t.Fatal(err)
				}
				s.program(project, string(body))
			}
			write(tc.before)
			s.mustUp(false)
			write(tc.after)
			if got := plannedSteps(t, s); !slices.Equal(got, tc.want) {
				t.Errorf("planned %v, want %v", got, tc.want)
			}
			s.mustUp(false)
			s.expectNoChanges()
		})
	}
}

func plainService(extra map[string]any) map[string]any {
	in := map[string]any{"image": "nginx:1.27", "port": map[string]any{"http": 8080}, "initialReadinessDelay": 0}
	for k, v := range extra {
		in[k] = v
	}
	return in
}

func awsService(extra map[string]any) map[string]any {
	return plainService(merge(map[string]any{
		"oidcProviderArn": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ENGINE",
		"oidcIssuerUrl":   "https://oidc.eks.us-east-1.amazonaws.com/id/ENGINE",
	}, extra))
}

func gcpService(extra map[string]any) map[string]any {
	return plainService(merge(map[string]any{"project": "engine-project"}, extra))
}

func azureService(extra map[string]any) map[string]any {
	return plainService(merge(map[string]any{"resourceGroupName": "engine-rg",
		"oidcIssuerUrl": "https://eastus.oic.prod-aks.azure.com/tenant/engine/"}, extra))
}

// merge sets b's keys in a and returns a.
func merge(a, b map[string]any) map[string]any {
	for k, v := range b {
		a[k] = v
	}
	return a
}

// plannedSteps are the steps `pulumi preview --json` plans, as `op type`, sorted, the
// unchanged ones left out.
func plannedSteps(t *testing.T, s *yamlStack) []string {
	t.Helper()
	out, err := s.pulumi("preview", "--json")
	if err != nil {
		t.Fatalf("preview: %v\n%s", err, out)
	}
	var plan struct {
		Steps []struct{ Op, URN string }
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &plan); err != nil {
		t.Fatalf("preview --json: %v\n%s", err, out)
	}
	var steps []string
	for _, step := range plan.Steps {
		if step.Op == "same" {
			continue
		}
		parts := strings.Split(step.URN, "::")
		chain := strings.Split(parts[len(parts)-2], "$")
		steps = append(steps, step.Op+" "+chain[len(chain)-1])
	}
	slices.Sort(steps)
	return steps
}
