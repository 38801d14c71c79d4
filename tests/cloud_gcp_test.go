package tests

import (
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const gcpToken = catalogue.GCPToken

var gcpInputs = catalogue.GCPInputs

func TestGCPRegistryIdentityRolesAndBuckets(t *testing.T) {
	c := constructVariant(t, gcpToken, gcpInputs(map[string]any{
		"nodeServiceAccount": "gke-nodes@acme-prod.iam.gserviceaccount.com",
		"additionalIamRoles": []any{"roles/pubsub.subscriber"},
		"links": []any{
			map[string]any{"bucket": "reports", "access": "read"},
			map[string]any{"bucket": "uploads", "access": "write"},
		},
		"diskType":          "pd-ssd",
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 10}},
	}))
	repo := c.Only(t, "gcp:artifactregistry/repository:Repository")
	expect(t, "Artifact Registry repository", repo, map[string]string{
		"format": "DOCKER", "repositoryId": "app", "location": "us-central1", "project": "acme-prod",
		"cleanupPolicies[0].id": "delete-untagged", "cleanupPolicies[0].condition.tagState": "UNTAGGED",
		"cleanupPolicies[1].condition.tagPrefixes[0]": "dev", "cleanupPolicies[2].mostRecentVersions.keepCount": "10",
		"cleanupPolicies[3].action": "KEEP", "cleanupPolicies[3].condition.tagPrefixes[0]": "prod",
	})
	expect(t, "registry reader", c.Only(t, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember"), map[string]string{
		"role": "roles/artifactregistry.reader", "member": "serviceAccount:gke-nodes@acme-prod.iam.gserviceaccount.com",
	})
	expect(t, "Google service account", c.Only(t, "gcp:serviceaccount/account:Account"), map[string]string{
		"accountId": "app-k8s", "project": "acme-prod",
	})
	expect(t, "Workload Identity binding", c.Only(t, "gcp:serviceaccount/iAMMember:IAMMember"), map[string]string{
		"role":             "roles/iam.workloadIdentityUser",
		"member":           "serviceAccount:acme-prod.svc.id.goog[shop/app]",
		"serviceAccountId": "projects/acme-prod/serviceAccounts/app-id",
	})
	email := "app-k8s@acme-prod.iam.gserviceaccount.com"
	expect(t, "project role", c.Only(t, "gcp:projects/iAMMember:IAMMember"), map[string]string{
		"role": "roles/pubsub.subscriber", "member": "serviceAccount:" + email, "project": "acme-prod",
	})
	buckets := map[string]string{}
	for _, b := range c.All("gcp:storage/bucketIAMMember:BucketIAMMember") {
		if b.Str("member") != "serviceAccount:"+email {
			t.Errorf("bucket grant to %s", b.Str("member"))
		}
		buckets[b.Str("bucket")] = b.Str("role")
	}
	if buckets["reports"] != "roles/storage.objectViewer" || buckets["uploads"] != "roles/storage.objectUser" || len(buckets) != 2 {
		t.Errorf("bucket roles = %v", buckets)
	}
	sa := c.Only(t, "kubernetes:core/v1:ServiceAccount")
	if got := sa.Get("metadata.annotations").(map[string]any)["iam.gke.io/gcp-service-account"]; got != email {
		t.Errorf("service account annotation = %v", got)
	}
	// LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE: the image is named in its repository.
	image := "us-central1-docker.pkg.dev/acme-prod/app/app@sha256:" + strings.Repeat("ab", 32)
	expect(t, "StatefulSet", c.Only(t, "kubernetes:apps/v1:StatefulSet"), map[string]string{container + "image": image})
	expect(t, "StorageClass", c.Only(t, "kubernetes:storage.k8s.io/v1:StorageClass"), map[string]string{
		"provisioner": "pd.csi.storage.gke.io", "parameters.type": "pd-ssd",
	})
	if got := c.Output(t, "serviceAccountEmail"); got != email {
		t.Errorf("serviceAccountEmail = %v", got)
	}
}

// The component picks the account id of a short service name itself, so it must be
// valid (6-30 characters): "g" → "g-k8s-sa".
func TestGCPShortNameGetsAValidAccountID(t *testing.T) {
	c := harness.Construct(t, gcpToken, "g", harness.Props(gcpInputs(nil)), false)
	if c.Err != nil {
		t.Fatalf("a one-letter service name is refused: %v", c.Err)
	}
	if got := c.Only(t, "gcp:serviceaccount/account:Account").Str("accountId"); got != "g-k8s-sa" {
		t.Errorf("accountId = %q, want g-k8s-sa", got)
	}
}
