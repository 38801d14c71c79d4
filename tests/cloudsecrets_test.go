package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const (
	externalSecretType = "kubernetes:external-secrets.io/v1:ExternalSecret"
	secretStoreType    = "kubernetes:external-secrets.io/v1:SecretStore"
)

// A service with secrets from the cloud's store gets one ExternalSecret (awaited, named
// per version, kept for older ReplicaSets), whose Secret every container reads by
// reference: env vars by key, files mounted one by one.
func TestCloudSecretsReachEveryContainerByReference(t *testing.T) {
	c := constructVariant(t, awsToken, awsInputs(map[string]any{
		"cloudSecrets": []any{
			map[string]any{"arn": catalogue.SecretArn, "env": "DB_PASSWORD", "key": "password", "version": "AWSCURRENT"},
			map[string]any{"arn": catalogue.ParameterArn, "service": "parameterStore", "path": "/etc/app/api-key", "version": "3"},
		},
		"cronJobs":  []any{map[string]any{"commands": []any{"/app/report"}, "schedule": "@daily"}},
		"preDeploy": map[string]any{"commands": []any{"/app/migrate"}},
	}))
	external := c.Only(t, externalSecretType)
	if external.Get("metadata.name") != nil {
		t.Errorf("the ExternalSecret's name must be generated, so that a changed reference replaces it and rolls the pods")
	}
	expect(t, "ExternalSecret", external, map[string]string{
		"metadata.ownerReferences[0].kind":     "ServiceAccount",
		"spec.target.creationPolicy":           "Owner",
		"spec.data[0].secretKey":               "DB_PASSWORD",
		"spec.data[0].remoteRef.key":           catalogue.SecretArn,
		"spec.data[0].remoteRef.property":      "password",
		"spec.data[0].remoteRef.version":       "AWSCURRENT",
		"spec.data[0].sourceRef.storeRef.name": "app-secretsmanager",
		"spec.data[1].secretKey":               "etc_app_api-key",
		"spec.data[1].remoteRef.key":           catalogue.ParameterArn,
		"spec.data[1].remoteRef.version":       "3",
		"spec.data[1].sourceRef.storeRef.name": "app-parameterstore",
	})
	annotations, _ := external.Get("metadata.annotations").(map[string]any)
	if annotations["pulumi.com/waitFor"] != "condition=Ready" || annotations["pulumi.com/timeoutSeconds"] != "300" {
		t.Errorf("up must wait (at most 300 s) for the operator's first sync: annotations %v", annotations)
	}
	if !external.Request.GetRetainOnDelete() || !slices.Contains(external.Request.GetReplaceOnChanges(), "spec") {
		t.Errorf("the ExternalSecret must be replaced when its spec changes and kept for older ReplicaSets: %v", external.Request)
	}
	generated := "app-cloud-secrets-id" // the mock's generated name
	for _, tc := range []struct{ typ, prefix string }{
		{"kubernetes:apps/v1:Deployment", "spec.template.spec."},
		{"kubernetes:batch/v1:CronJob", "spec.jobTemplate.spec.template.spec."},
		{"kubernetes:batch/v1:Job", "spec.template.spec."},
	} {
		obj := c.Only(t, tc.typ)
		env := envNamed(t, obj, tc.prefix+"containers[0].env", "DB_PASSWORD")
		if env == nil {
			t.Fatalf("%s: no env DB_PASSWORD", tc.typ)
		}
		ref, _ := env["valueFrom"].(map[string]any)["secretKeyRef"].(map[string]any)
		if ref["name"] != generated || ref["key"] != "DB_PASSWORD" {
			t.Errorf("%s: DB_PASSWORD must read the ExternalSecret's Secret by key, got %v", tc.typ, env)
		}
		expect(t, tc.typ, obj, map[string]string{
			tc.prefix + "volumes[0].name":              "cloud-secret-files",
			tc.prefix + "volumes[0].secret.secretName": generated,
		})
		mount := mountAt(obj, tc.prefix+"containers[0].volumeMounts", "/etc/app/api-key")
		if mount == nil || mount["subPath"] != "etc_app_api-key" || mount["readOnly"] != true {
			t.Errorf("%s: /etc/app/api-key must be mounted read-only from its key, got %v", tc.typ, mount)
		}
	}
}

func envNamed(t *testing.T, o harness.Object, path, name string) map[string]any {
	t.Helper()
	list, _ := o.Get(path).([]any)
	for _, e := range list {
		if m, ok := e.(map[string]any); ok && m["name"] == name {
			return m
		}
	}
	return nil
}

func mountAt(o harness.Object, path, mountPath string) map[string]any {
	list, _ := o.Get(path).([]any)
	for _, e := range list {
		if m, ok := e.(map[string]any); ok && m["mountPath"] == mountPath {
			return m
		}
	}
	return nil
}

// On AWS: a SecretStore per service in the ARNs' region, authenticating as the service
// account (IRSA), and a role policy that reads exactly the referenced ARNs.
func TestAWSCloudSecretsReadExactlyTheirARNs(t *testing.T) {
	other := strings.Replace(catalogue.SecretArn, "shop/db", "shop/smtp", 1)
	c := constructVariant(t, awsToken, awsInputs(map[string]any{
		"cloudSecrets": []any{
			map[string]any{"arn": catalogue.SecretArn, "env": "DB_PASSWORD"},
			map[string]any{"arn": other, "env": "SMTP_PASSWORD"},
			map[string]any{"arn": catalogue.ParameterArn, "service": "parameterStore", "env": "API_KEY"},
		},
	}))
	for name, service := range map[string]string{"app-secretsmanager": "SecretsManager", "app-parameterstore": "ParameterStore"} {
		expect(t, name, c.Named(t, secretStoreType, name), map[string]string{
			"spec.provider.aws.service":                         service,
			"spec.provider.aws.region":                          "us-east-1",
			"spec.provider.aws.auth.jwt.serviceAccountRef.name": "app",
			"metadata.namespace":                                "shop",
		})
	}
	assertJSON(t, "secrets policy", c.Only(t, "aws:iam/rolePolicy:RolePolicy", "app-secrets").Str("policy"), `{"Version":"2012-10-17","Statement":[
		{"Sid":"ReadSecretsManager","Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":["`+catalogue.SecretArn+`","`+other+`"]},
		{"Sid":"ReadParameterStore","Effect":"Allow","Action":["ssm:GetParameter"],"Resource":["`+catalogue.ParameterArn+`"]}]}`)
	if len(c.All(secretStoreType)) != 2 {
		t.Errorf("want one SecretStore per service, got %d", len(c.All(secretStoreType)))
	}
}

// On GKE: one SecretStore for the project's Secret Manager through Workload Identity, and
// roles/secretmanager.secretAccessor on each referenced secret alone.
func TestGCPCloudSecretsReadExactlyTheirSecrets(t *testing.T) {
	c := constructVariant(t, catalogue.GCPToken, catalogue.GCPInputs(map[string]any{
		"cloudSecrets": []any{
			map[string]any{"secret": "db-password", "env": "DB_PASSWORD", "version": "4"},
			map[string]any{"secret": "tls-key", "path": "/etc/tls/key.pem"},
		},
	}))
	expect(t, "SecretStore", c.Only(t, secretStoreType), map[string]string{
		"metadata.name":                 "app-secretmanager",
		"spec.provider.gcpsm.projectID": "acme-prod",
		"spec.provider.gcpsm.auth.workloadIdentity.serviceAccountRef.name": "app",
	})
	expect(t, "ExternalSecret", c.Only(t, externalSecretType), map[string]string{
		"spec.data[0].remoteRef.key": "db-password", "spec.data[0].remoteRef.version": "4",
		"spec.data[1].remoteRef.key": "tls-key", "spec.data[1].remoteRef.version": "latest",
	})
	const memberType = "gcp:secretmanager/secretIamMember:SecretIamMember"
	if members := c.All(memberType); len(members) != 2 {
		t.Fatalf("want one SecretIamMember per secret, got %d", len(members))
	}
	// Registrations arrive concurrently: by name, never by position.
	for _, secret := range []string{"db-password", "tls-key"} {
		expect(t, "SecretIamMember", c.Only(t, memberType, "app-secret-"+secret), map[string]string{
			"secretId": secret, "project": "acme-prod", "role": "roles/secretmanager.secretAccessor",
			"member": "serviceAccount:app-k8s@acme-prod.iam.gserviceaccount.com",
		})
	}
}

// On AKS: one SecretStore for the vault through Workload Identity in the identity's
// tenant, and Key Vault Secrets User scoped to each referenced secret.
func TestAzureCloudSecretsReadExactlyTheirSecrets(t *testing.T) {
	c := constructVariant(t, catalogue.AzureToken, catalogue.AzureInputs(map[string]any{
		"keyVaultId":   catalogue.KeyVaultID,
		"cloudSecrets": []any{map[string]any{"secret": "db-password", "env": "DB_PASSWORD"}},
	}))
	expect(t, "SecretStore", c.Only(t, secretStoreType), map[string]string{
		"metadata.name":                                "app-keyvault",
		"spec.provider.azurekv.authType":               "WorkloadIdentity",
		"spec.provider.azurekv.vaultUrl":               "https://shop-kv.vault.azure.net",
		"spec.provider.azurekv.tenantId":               "tenant-" + harness.FakeSubscription,
		"spec.provider.azurekv.serviceAccountRef.name": "app",
	})
	var assignment harness.Object
	for _, a := range c.All("azure-native:authorization:RoleAssignment") {
		if strings.HasSuffix(a.Str("scope"), "/secrets/db-password") {
			assignment = a
		}
	}
	expect(t, "RoleAssignment", assignment, map[string]string{
		"scope":            catalogue.KeyVaultID + "/secrets/db-password",
		"roleDefinitionId": "/subscriptions/" + harness.FakeSubscription + "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
		"principalId":      "principal-app",
		"principalType":    "ServicePrincipal",
	})
}
