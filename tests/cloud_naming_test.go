package tests

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// Every child made for an entry of a list input is named by what the entry is: removing
// the first of two entries leaves the second's child as it was (same name, same inputs),
// so the plan touches the removed entry alone. Each keeps an alias from its 0.1 name.
func TestCloudListEntriesAreNamedByIdentity(t *testing.T) {
	scope := func(account string) string {
		return "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/" + account
	}
	for _, tc := range []struct {
		what, token, typ, input string
		inputs                  func(extra map[string]any) map[string]any
		first, second           any
		wantName                string // the second entry's child name
	}{
		{"AWS policies", awsToken, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "additionalIamPolicies", awsInputs,
			"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
			"app-policy-aws-policy-AmazonS3ReadOnlyAccess"},
		{"GCP project roles", gcpToken, "gcp:projects/iAMMember:IAMMember", "additionalIamRoles", gcpInputs,
			"roles/pubsub.subscriber", "roles/cloudsql.client", "app-role-roles/cloudsql.client"},
		{"GCP bucket links", gcpToken, "gcp:storage/bucketIAMMember:BucketIAMMember", "links", gcpInputs,
			map[string]any{"bucket": "reports", "access": "read"}, map[string]any{"bucket": "uploads", "access": "write"},
			"app-bucket-uploads-write"},
		{"Azure role assignments", azureToken, "azure-native:authorization:RoleAssignment", "roleAssignments", azureInputs,
			map[string]any{"roleDefinitionId": storageContributor, "scope": scope("data")},
			map[string]any{"roleDefinitionId": storageContributor, "scope": scope("logs")}, ""},
	} {
		t.Run(tc.what, func(t *testing.T) {
			two := constructVariant(t, tc.token, tc.inputs(map[string]any{tc.input: []any{tc.first, tc.second}}))
			one := constructVariant(t, tc.token, tc.inputs(map[string]any{tc.input: []any{tc.second}}))
			var kept []string
			for _, child := range one.All(tc.typ) {
				if strings.Contains(child.Name, "acrpull") {
					continue // the registry's own grant, not an entry
				}
				kept = append(kept, child.Name)
				before := two.Only(t, tc.typ, child.Name)
				if before.JSON() != child.JSON() {
					t.Errorf("%s changed when the first entry was removed:\nbefore %s\nafter  %s", child.Name, before.JSON(), child.JSON())
				}
				var aliases []string
				positional := false
				for _, a := range child.Request.GetAliases() {
					aliases = append(aliases, a.GetSpec().GetName())
					positional = positional || strings.HasSuffix(a.GetSpec().GetName(), "-0")
				}
				if !positional {
					t.Errorf("%s: aliases %v, want its 0.1 name (…-0) so existing stacks keep it", child.Name, aliases)
				}
			}
			if len(kept) != 1 || (tc.wantName != "" && kept[0] != tc.wantName) {
				t.Errorf("children %v, want one named %q", kept, tc.wantName)
			}
		})
	}
}

// A secret entry never reaches a resource name (URNs are plaintext in the state): it
// keeps its positional name.
func TestSecretEntryIsNotNamedByItsValue(t *testing.T) {
	in := harness.Props(awsInputs(nil)).Set("additionalIamPolicies", property.New([]property.Value{
		property.New("arn:aws:iam::123456789012:policy/Secret").WithSecret(true)}))
	c := harness.Construct(t, awsToken, "app", in, false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	if n := len(c.All("aws:iam/rolePolicyAttachment:RolePolicyAttachment")); n != 1 {
		t.Fatalf("%d attachments, want 1", n)
	}
	for _, child := range c.All("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
		if strings.Contains(child.Name, "Secret") || strings.Contains(child.Name, "123456789012") {
			t.Errorf("attachment named %q from a secret ARN", child.Name)
		}
	}
}
