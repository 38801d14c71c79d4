//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const (
	externalSecrets = "kubernetes:external-secrets.io/v1:ExternalSecret"
	secretStores    = "kubernetes:external-secrets.io/v1:SecretStore"
	engineSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:engine/db-AbCdEf"
	engineParamArn  = "arn:aws:ssm:us-east-1:123456789012:parameter/engine/api-key"
)

// Secrets from the cloud's store through the real engine, the stand-in AWS provider and
// the tier's stand-in External Secrets Operator: `up` waits for the sync, the pods read the
// synced Secret by reference, the role may read exactly the two ARNs, and no value is in
// the state. A new pinned version replaces the ExternalSecret under a new name and rolls
// the pods, keeping the old one for the previous ReplicaSet; no second preview plans a change.
func TestCloudSecretsFromTheStore(t *testing.T) {
	t.Parallel()
	ns := namespace(t, "cloud-secrets")
	s := newYAMLStack(t, "cloud-secrets")
	write := func(version string) {
		t.Helper()
		body, err := yaml.Marshal(map[string]any{"resources": map[string]any{"app": map[string]any{
			"type": "k8s-service:aws:Service",
			"properties": awsService(map[string]any{"namespace": ns, "cloudSecrets": []any{
				map[string]any{"arn": engineSecretArn, "key": "password", "env": "DB_PASSWORD"},
				map[string]any{"arn": engineParamArn, "service": "parameterStore", "version": version, "path": "/etc/app/api-key"},
			}}),
		}}})
		if err != nil {
			t.Fatal(err)
		}
		s.program("cloud-secrets", string(body))
	}
	write("3")
	s.mustUp(false)
	first := syncedSecret(t, ns)
	for _, store := range []string{"app-secretsmanager", "app-parameterstore"} {
		if !objectExists(t, secretStores, ns, store) {
			t.Errorf("SecretStore %s missing", store)
		}
	}
	var policy string
	for _, r := range s.export().Resources {
		if r.Type == "aws:iam/rolePolicy:RolePolicy" && strings.HasSuffix(string(r.URN), "app-secrets") {
			policy, _ = r.Inputs["policy"].(string)
		}
	}
	if !strings.Contains(policy, `"Resource":["`+engineSecretArn+`"]`) || !strings.Contains(policy, `"Resource":["`+engineParamArn+`"]`) ||
		strings.Contains(policy, "*") {
		t.Errorf("the role's secrets policy must read exactly the two ARNs: %s", policy)
	}
	expectNoSecretValueInState(t, s)
	s.expectNoChanges()

	write("4")
	s.mustUp(false)
	second := syncedSecret(t, ns)
	if second == first {
		t.Errorf("a new pinned version kept the ExternalSecret %s: the pods would not roll", first)
	}
	if !objectExists(t, externalSecrets, ns, first) {
		t.Errorf("the previous ExternalSecret %s was deleted; the previous ReplicaSet reads its Secret", first)
	}
	s.expectNoChanges()
}

// The same through the gcp and azure variants: Secret Manager and Key Vault, each read
// through Workload Identity with a grant on each referenced secret alone (a
// SecretIamMember per secret; a Key Vault Secrets User role assignment scoped to each),
// the pods reading the synced Secret, and a new pinned version rolling them.
func TestCloudSecretsFromTheStoreOnGCPAndAzure(t *testing.T) {
	t.Parallel()
	keyVault := "/subscriptions/" + harness.FakeSubscription + "/resourceGroups/engine-rg/providers/Microsoft.KeyVault/vaults/engine-kv"
	for _, tc := range []struct {
		variant, store string
		inputs         func(version string) map[string]any
		grantType      string
		grants         func(grant map[string]any) string // the one secret a grant covers, or ""
	}{
		{"gcp", "app-secretmanager", func(version string) map[string]any {
			return gcpService(map[string]any{"cloudSecrets": []any{
				map[string]any{"secret": "db-password", "env": "DB_PASSWORD", "version": version},
				map[string]any{"secret": "api-key", "path": "/etc/app/api-key"},
			}})
		}, "gcp:secretmanager/secretIamMember:SecretIamMember", func(grant map[string]any) string {
			if grant["role"] != "roles/secretmanager.secretAccessor" || grant["project"] != "engine-project" {
				return ""
			}
			id, _ := grant["secretId"].(string)
			return id
		}},
		{"azure", "app-keyvault", func(version string) map[string]any {
			return azureService(map[string]any{"keyVaultId": keyVault, "cloudSecrets": []any{
				map[string]any{"secret": "db-password", "env": "DB_PASSWORD", "version": strings.Repeat(version, 32)},
				map[string]any{"secret": "api-key", "path": "/etc/app/api-key"},
			}})
		}, "azure-native:authorization:RoleAssignment", func(grant map[string]any) string {
			role, _ := grant["roleDefinitionId"].(string)
			scope, _ := grant["scope"].(string)
			if !strings.HasSuffix(role, "/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6") { // Key Vault Secrets User
				return ""
			}
			secret, _ := strings.CutPrefix(scope, keyVault+"/secrets/")
			return secret
		}},
	} {
		t.Run(tc.variant, func(t *testing.T) {
			t.Parallel()
			ns := namespace(t, "cloud-secrets-"+tc.variant)
			s := newYAMLStack(t, "cloud-secrets-"+tc.variant)
			write := func(version string) {
				t.Helper()
				body, err := yaml.Marshal(map[string]any{"resources": map[string]any{"app": map[string]any{
					"type": "k8s-service:" + tc.variant + ":Service", "properties": merge(tc.inputs(version), map[string]any{"namespace": ns}),
				}}})
				if err != nil {
					t.Fatal(err)
				}
				s.program("cloud-secrets-"+tc.variant, string(body))
			}
			write("3")
			s.mustUp(false)
			first := syncedSecret(t, ns)
			if !objectExists(t, secretStores, ns, tc.store) {
				t.Errorf("SecretStore %s missing", tc.store)
			}
			var granted []string
			for _, r := range s.export().Resources {
				if string(r.Type) == tc.grantType {
					if secret := tc.grants(r.Inputs); secret != "" {
						granted = append(granted, secret)
					} else if tc.variant == "gcp" {
						t.Errorf("a SecretIamMember that grants no single secret: %v", r.Inputs)
					}
				}
			}
			slices.Sort(granted)
			if !slices.Equal(granted, []string{"api-key", "db-password"}) {
				t.Errorf("the service's identity may read %v, want exactly api-key and db-password", granted)
			}
			expectNoSecretValueInState(t, s)
			s.expectNoChanges()

			write("4")
			s.expectNoCreateOfExisting("a new pinned version")
			s.mustUp(false)
			if second := syncedSecret(t, ns); second == first {
				t.Errorf("a new pinned version kept the ExternalSecret %s: the pods would not roll", first)
			}
			if !objectExists(t, externalSecrets, ns, first) {
				t.Errorf("the previous ExternalSecret %s was deleted; the previous ReplicaSet reads its Secret", first)
			}
			s.expectNoChanges()
		})
	}
}

// syncedSecret is the name of the ExternalSecret whose Secret the Deployment app's pods
// read for DB_PASSWORD and mount last (the file), checked against the Secret the
// operator wrote for it.
func syncedSecret(t *testing.T, ns string) string {
	t.Helper()
	d, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), "app", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pod := d.Spec.Template.Spec
	var name string
	for _, e := range pod.Containers[0].Env {
		if e.Name == "DB_PASSWORD" && e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
			name = e.ValueFrom.SecretKeyRef.Name
		}
	}
	if name == "" || len(pod.Volumes) == 0 || pod.Volumes[len(pod.Volumes)-1].Secret == nil ||
		pod.Volumes[len(pod.Volumes)-1].Secret.SecretName != name {
		t.Fatalf("the pods do not read the synced Secret for DB_PASSWORD and the file: %+v", pod)
	}
	secret, err := kube.Client.CoreV1().Secrets(ns).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil || string(secret.Data["DB_PASSWORD"]) != cluster.StandInSecretValue {
		t.Fatalf("the operator's Secret %s (%v): %v", name, err, secret)
	}
	return name
}

// expectNoSecretValueInState fails when a resource's outputs in the state hold the
// synced value.
func expectNoSecretValueInState(t *testing.T, s *yamlStack) {
	t.Helper()
	for _, r := range s.export().Resources {
		state, _ := json.Marshal(r.Outputs)
		if strings.Contains(string(state), cluster.StandInSecretValue) {
			t.Errorf("%s: the state holds a secret value", r.URN)
		}
	}
}
