package tests

import (
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

var (
	withoutOIDC = func(extra map[string]any) map[string]any {
		in := awsInputs(extra)
		delete(in, "oidcProviderArn")
		delete(in, "oidcIssuerUrl")
		return in
	}
	without = func(in map[string]any, keys ...string) map[string]any {
		for _, k := range keys {
			delete(in, k)
		}
		return in
	}
	s3Link = map[string]any{"type": "s3", "arn": bucketArn, "access": "read"}
)

// cloudBadInputs: one case per rule of the cloud variants. docs/validation.md lists them.
var cloudBadInputs = []struct {
	name, token string
	in          map[string]any
	field       string
	allowed     string
}{
	{"links without OIDC inputs", awsToken, withoutOIDC(map[string]any{"links": []any{s3Link}}), "links", "needs oidcProviderArn and oidcIssuerUrl"},
	{"policies without OIDC inputs", awsToken, withoutOIDC(map[string]any{"additionalIamPolicies": []any{extraPolicy}}), "additionalIamPolicies", "needs oidcProviderArn"},
	{"OIDC provider without issuer", awsToken, without(awsInputs(nil), "oidcIssuerUrl"), "oidcIssuerUrl", "needed with oidcProviderArn"},
	{"OIDC issuer without provider", awsToken, without(awsInputs(nil), "oidcProviderArn"), "oidcProviderArn", "needed with oidcIssuerUrl"},
	{"OIDC issuer not https", awsToken, awsInputs(map[string]any{"oidcIssuerUrl": "oidc.eks.amazonaws.com/id/X"}), "oidcIssuerUrl", "https:// URL"},
	{"OIDC provider not an OIDC provider ARN", awsToken, awsInputs(map[string]any{"oidcProviderArn": "arn:aws:iam::123456789012:role/x"}), "oidcProviderArn", "IAM OIDC provider ARN"},
	{"IRSA without namespace", awsToken, without(awsInputs(nil), "namespace"), "namespace", "system:serviceaccount:<namespace>:<name>"},
	{"unknown link type", awsToken, awsInputs(map[string]any{"links": []any{map[string]any{"type": "kinesis", "arn": bucketArn, "access": "read"}}}), "links[0].type", `"s3", "sqs", "sns", "dynamodb"`},
	{"unknown access level", awsToken, awsInputs(map[string]any{"links": []any{map[string]any{"type": "s3", "arn": bucketArn, "access": "admin"}}}), "links[0].access", `"read", "write"`},
	{"link ARN of another service", awsToken, awsInputs(map[string]any{"links": []any{map[string]any{"type": "s3", "arn": queueArn, "access": "read"}}}), "links[0].arn", "one s3 resource"},
	{"link ARN with a wildcard", awsToken, awsInputs(map[string]any{"links": []any{map[string]any{"type": "s3", "arn": "arn:aws:s3:::*", "access": "read"}}}), "links[0].arn", "without wildcards"},
	{"link without an ARN", awsToken, awsInputs(map[string]any{"links": []any{map[string]any{"type": "sqs", "access": "read"}}}), "links[0].arn", "the ARN of the sqs resource"},
	{"additional policy not a policy ARN", awsToken, awsInputs(map[string]any{"additionalIamPolicies": []any{"AdministratorAccess"}}), "additionalIamPolicies[0]", "IAM policy ARN"},
	{"AUTO with tag and digest", awsToken, awsInputs(map[string]any{"digest": "sha256:" + strings.Repeat("a", 64)}), "digest", "a tag or a digest, not both"},
	{"AWS storage class not a name", awsToken, awsInputs(map[string]any{"storageClassName": "Fast SSD"}), "storageClassName", "RFC 1123"},
	{"GKE without project", gcpToken, without(gcpInputs(nil), "project"), "project", "the Google Cloud project"},
	{"GKE AUTO without location", gcpToken, without(gcpInputs(nil), "location"), "location", "Artifact Registry location"},
	{"GKE without namespace", gcpToken, without(gcpInputs(nil), "namespace"), "namespace", "svc.id.goog[<namespace>/<name>]"},
	{"unknown disk type", gcpToken, gcpInputs(map[string]any{"diskType": "pd-extreme"}), "diskType", `"pd-balanced", "pd-ssd"`},
	{"invalid Google service account id", gcpToken, gcpInputs(map[string]any{"serviceAccountId": "Svc"}), "serviceAccountId", "6-30 lowercase letters"},
	{"IAM role not a role name", gcpToken, gcpInputs(map[string]any{"additionalIamRoles": []any{"pubsub.subscriber"}}), "additionalIamRoles[0]", "roles/pubsub.subscriber"},
	{"basic IAM role", gcpToken, gcpInputs(map[string]any{"additionalIamRoles": []any{"roles/editor"}}), "additionalIamRoles[0]", "basic roles"},
	{"bucket link with unknown access", gcpToken, gcpInputs(map[string]any{"links": []any{map[string]any{"bucket": "b", "access": "owner"}}}), "links[0].access", `"read", "write"`},
	{"bucket link without bucket", gcpToken, gcpInputs(map[string]any{"links": []any{map[string]any{"access": "read"}}}), "links[0].bucket", "the bucket's name"},
	{"AKS without resource group", azureToken, without(azureInputs(nil), "resourceGroupName"), "resourceGroupName", "the resource group"},
	{"AKS AUTO without kubelet identity", azureToken, without(azureInputs(nil), "kubeletObjectId"), "kubeletObjectId", "AcrPull"},
	{"role assignments without OIDC issuer", azureToken, without(azureInputs(map[string]any{"roleAssignments": []any{
		map[string]any{"roleDefinitionId": storageContributor, "scope": "/subscriptions/x"}}}), "oidcIssuerUrl"), "roleAssignments", "needs oidcIssuerUrl"},
	{"workload identity without namespace", azureToken, without(azureInputs(nil), "namespace"), "namespace", "system:serviceaccount:<namespace>:<name>"},
	{"AKS OIDC issuer not https", azureToken, azureInputs(map[string]any{"oidcIssuerUrl": "http://issuer"}), "oidcIssuerUrl", "https:// URL"},
	{"unknown registry SKU", azureToken, azureInputs(map[string]any{"registrySku": "Free"}), "registrySku", `"Basic", "Standard", "Premium"`},
	{"role definition not an id", azureToken, azureInputs(map[string]any{"roleAssignments": []any{map[string]any{"roleDefinitionId": "Contributor", "scope": "/subscriptions/x"}}}), "roleAssignments[0].roleDefinitionId", "roleDefinitions/<guid>"},
	{"role assignment without scope", azureToken, azureInputs(map[string]any{"roleAssignments": []any{map[string]any{"roleDefinitionId": storageContributor}}}), "roleAssignments[0].scope", "the resource id"},
	{"core rules apply to cloud variants", azureToken, azureInputs(map[string]any{"minContainers": 4, "maxContainers": 2}), "minContainers", "must not exceed maxContainers"},
}

func TestCloudBadInputIsRejectedBeforeAnythingIsRegistered(t *testing.T) {
	for _, tc := range cloudBadInputs {
		t.Run(tc.name, func(t *testing.T) {
			assertRejected(t, harness.Construct(t, tc.token, "app", harness.Props(tc.in), false), tc.field, tc.allowed)
		})
	}
}
