//go:build engine

package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The cloud examples' config: identities as an EKS, GKE or AKS cluster would give them.
var (
	awsConfig = map[string]string{
		"oidcProviderArn": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ENGINE",
		"oidcIssuerUrl":   "https://oidc.eks.us-east-1.amazonaws.com/id/ENGINE",
		"bucketArn":       "arn:aws:s3:::engine-reports", "queueArn": "arn:aws:sqs:us-east-1:123456789012:engine-jobs",
		"dbSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:engine/api-db-AbCdEf",
	}
	gcpConfig   = map[string]string{"gcp:project": "engine-project", "bucket": "engine-uploads"}
	azureConfig = map[string]string{
		"resourceGroupName": "engine-rg", "kubeletObjectId": "00000000-0000-0000-0000-0000000000bb",
		"oidcIssuerUrl":    "https://eastus.oic.prod-aks.azure.com/tenant/engine/",
		"roleDefinitionId": "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
		"roleScope":        "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/engine-rg",
	}
)

// cloudExample is a cloud example and where its image registry lives.
type cloudExample struct {
	example
	namespace string // the example creates it
	registry  string // part of dockerRepoUrl
}

var cloudExamples = map[string][]cloudExample{
	"aws": {
		{example{dir: "aws-typescript", service: "api", min: 1, kind: "StatefulSet", claims: 1, config: awsConfig}, "api", ".dkr.ecr."},
		{example{dir: "aws-python", service: "api", min: 1, kind: "StatefulSet", claims: 1, config: awsConfig}, "api", ".dkr.ecr."},
	},
	"gcp": {
		{example{dir: "gcp-typescript", service: "web", min: 1, kind: "StatefulSet", claims: 1, config: gcpConfig}, "web", "-docker.pkg.dev/engine-project/"},
		{example{dir: "gcp-python", service: "web", min: 1, kind: "StatefulSet", claims: 1, config: gcpConfig}, "web", "-docker.pkg.dev/engine-project/"},
	},
	"azure": {
		{example{dir: "azure-typescript", service: "jobs", min: 1, kind: "StatefulSet", claims: 1, config: azureConfig}, "jobs", ".azurecr.io/jobs"},
		{example{dir: "azure-python", service: "jobs", min: 1, kind: "StatefulSet", claims: 1, config: azureConfig}, "jobs", ".azurecr.io/jobs"},
	},
}

// Every cloud example, its own program through its language's Automation API, with the
// stand-in cloud providers (tests/standin-cloud): `image: AUTO` without a tag creates the
// registry and no pods; with a tag the workload runs that image from the registry with
// its volume bound; a second preview plans nothing; destroy leaves nothing, the
// namespace the example created included. The clouds run in parallel; a cloud's two
// languages share a namespace, so they run in turn.
func TestCloudExamples(t *testing.T) {
	t.Parallel()
	for cloud, examples := range cloudExamples {
		t.Run(cloud, func(t *testing.T) {
			t.Parallel()
			for _, ex := range examples {
				t.Run(ex.dir, func(t *testing.T) {
					ex.config = copyConfig(ex.config)
					run := ex.runner(t, "default")
					outputs := run("up")
					repo, _ := outputs["dockerRepoUrl"].(string)
					if !strings.Contains(repo, ex.registry) {
						t.Errorf("dockerRepoUrl = %q, want it to contain %q", repo, ex.registry)
					}
					if kinds := workloadKinds(t, ex.namespace); kinds != "" {
						t.Errorf("AUTO without a tag runs %s; want no workload until an image is pushed", kinds)
					}
					ex.config["tag"] = "v1"
					run("up")
					if got := readyPods(t, ex.namespace, ex.service); got < ex.min {
						t.Errorf("with a tag: %d ready pods, want %d", got, ex.min)
					}
					if image := podImages(t, ex.namespace, ex.service); !strings.HasPrefix(image, repo+":v1") {
						t.Errorf("pods run %q, want %s:v1", image, repo)
					}
					if got := len(claims(t, ex.namespace)); got != ex.claims {
						t.Errorf("%d claims, want %d", got, ex.claims)
					}
					run("preview")
					run("refresh")
					run("preview")
					run("destroy")
					if !eventually(90*time.Second, func() bool {
						_, err := kube.Client.CoreV1().Namespaces().Get(context.Background(), ex.namespace, metav1.GetOptions{})
						return err != nil
					}) {
						t.Errorf("namespace %s still there after destroy: %v", ex.namespace, leftovers(t, ex.namespace))
					}
				})
			}
		})
	}
}

func copyConfig(in map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range in {
		out[k] = v
	}
	return out
}
