//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
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
	ctx := context.Background()
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
	// synced is the ExternalSecret's name that the Deployment's pods read, checked against
	// the Secret the operator wrote for it.
	synced := func() string {
		t.Helper()
		d, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, "app", metav1.GetOptions{})
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
			t.Fatalf("the pods do not read the synced Secret for DB_PASSWORD and /etc/app/api-key: %+v", pod)
		}
		secret, err := kube.Client.CoreV1().Secrets(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil || string(secret.Data["DB_PASSWORD"]) != cluster.StandInSecretValue {
			t.Fatalf("the operator's Secret %s (%v): %v", name, err, secret)
		}
		return name
	}

	write("3")
	s.mustUp(false)
	first := synced()
	for _, store := range []string{"app-secretsmanager", "app-parameterstore"} {
		if !objectExists(t, secretStores, ns, store) {
			t.Errorf("SecretStore %s missing", store)
		}
	}
	var policy string
	for _, r := range s.export().Resources {
		state, _ := json.Marshal(r.Outputs)
		if strings.Contains(string(state), cluster.StandInSecretValue) {
			t.Errorf("%s: the state holds a secret value", r.URN)
		}
		if r.Type == "aws:iam/rolePolicy:RolePolicy" && strings.HasSuffix(string(r.URN), "app-secrets") {
			policy, _ = r.Inputs["policy"].(string)
		}
	}
	if !strings.Contains(policy, `"Resource":["`+engineSecretArn+`"]`) || !strings.Contains(policy, `"Resource":["`+engineParamArn+`"]`) ||
		strings.Contains(policy, "*") {
		t.Errorf("the role's secrets policy must read exactly the two ARNs: %s", policy)
	}
	s.expectNoChanges()

	write("4")
	s.mustUp(false)
	second := synced()
	if second == first {
		t.Errorf("a new pinned version kept the ExternalSecret %s: the pods would not roll", first)
	}
	if !objectExists(t, externalSecrets, ns, first) {
		t.Errorf("the previous ExternalSecret %s was deleted; the previous ReplicaSet reads its Secret", first)
	}
	s.expectNoChanges()
}
