package tests

import (
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// On GKE a named bucket link hands over the bucket's name beside its role; a Cloud SQL or
// Memorystore link hands over its connection as on the plain variant; with iamAuth the
// Google service account may log in to Cloud SQL (client and instance user on the project)
// and is the database user handed over, with no password. The bucket's binding keeps its
// name (its bucket and access) when database links sit before it.
func TestGCPLinksHandOverTheConnection(t *testing.T) {
	c := harness.Construct(t, gcpToken, "app", withLinks(gcpInputs(nil),
		map[string]any{"type": "postgres", "name": "orders", "host": "10.1.0.3", "database": "orders", "iamAuth": true},
		map[string]any{"bucket": "uploads", "access": "write", "name": "uploads"},
		map[string]any{"type": "mysql", "name": "ledger", "host": "10.1.0.4", "iamAuth": true},
		map[string]any{"type": "redis", "name": "cache", "host": "10.1.0.5", "password": linkPassword},
	), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	want := map[string]string{
		"uploads_bucket_name": "uploads",
		"orders_db_host":      "10.1.0.3", "orders_db_port": "5432", "orders_db_name": "orders", "orders_db_user": "app-k8s@acme-prod.iam",
		"ledger_db_host": "10.1.0.4", "ledger_db_port": "3306", "ledger_db_user": "app-k8s",
		"cache_cache_host": "10.1.0.5", "cache_cache_port": "6379", "cache_cache_auth_token": "secret:cache_cache_auth_token",
	}
	got := env(c.Only(t, "kubernetes:apps/v1:Deployment"), container)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("env %s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("env %v, want exactly %v", got, want)
	}
	roles := map[string]string{}
	for _, m := range c.All("gcp:projects/iAMMember:IAMMember") {
		roles[m.Str("role")] = m.Str("member")
	}
	for _, role := range []string{"roles/cloudsql.client", "roles/cloudsql.instanceUser"} {
		if roles[role] != "serviceAccount:app-k8s@acme-prod.iam.gserviceaccount.com" {
			t.Errorf("the Google service account lacks %s for Cloud SQL IAM login: %v", role, roles)
		}
	}
	bucket := c.Only(t, "gcp:storage/bucketIAMMember:BucketIAMMember")
	if bucket.Name != "app-bucket-uploads-write" {
		t.Errorf("the bucket's binding is named %s, want app-bucket-uploads-write (named by its bucket and access, as before)", bucket.Name)
	}
	expect(t, "bucket binding", bucket, map[string]string{"bucket": "uploads", "role": "roles/storage.objectUser"})
	assertNoPlainSecret(t, c, linkPassword)
}

// A Pub/Sub topic link lets the Google service account publish to exactly that topic, a
// subscription link pull from exactly that subscription (in the service's project when
// named without one); a named link hands over the name.
func TestGCPPubSubLinks(t *testing.T) {
	c := harness.Construct(t, gcpToken, "app", withLinks(gcpInputs(nil),
		map[string]any{"type": "pubsubTopic", "topic": "orders", "name": "orders"},
		map[string]any{"type": "pubsubSubscription", "subscription": "projects/acme-prod/subscriptions/orders-worker", "name": "work"},
	), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	got := env(c.Only(t, "kubernetes:apps/v1:Deployment"), container)
	if got["orders_topic_name"] != "orders" || got["work_subscription_name"] != "projects/acme-prod/subscriptions/orders-worker" {
		t.Errorf("env %v: want orders_topic_name and work_subscription_name", got)
	}
	member := "serviceAccount:app-k8s@acme-prod.iam.gserviceaccount.com"
	expect(t, "topic binding", c.Only(t, "gcp:pubsub/topicIAMMember:TopicIAMMember"), map[string]string{
		"topic": "orders", "role": "roles/pubsub.publisher", "member": member, "project": "acme-prod"})
	expect(t, "subscription binding", c.Only(t, "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember"), map[string]string{
		"subscription": "projects/acme-prod/subscriptions/orders-worker", "role": "roles/pubsub.subscriber", "member": member})
	if n := len(c.All("gcp:storage/bucketIAMMember:BucketIAMMember")); n != 0 {
		t.Errorf("%d bucket bindings for Pub/Sub links", n)
	}
}

// A firestore link grants its role on the project held to its one database by an IAM
// condition, and hands over the database and project.
func TestGCPFirestoreLinkIsHeldToItsDatabase(t *testing.T) {
	c := harness.Construct(t, gcpToken, "app", withLinks(gcpInputs(nil),
		map[string]any{"type": "firestore", "database": "orders", "access": "read", "name": "docs"},
	), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	got := env(c.Only(t, "kubernetes:apps/v1:Deployment"), container)
	if got["docs_database"] != "orders" || got["docs_project"] != "acme-prod" {
		t.Errorf("env %v: want docs_database and docs_project", got)
	}
	var firestore []string
	for _, m := range c.All("gcp:projects/iAMMember:IAMMember") {
		if m.Str("role") == "roles/datastore.viewer" {
			firestore = append(firestore, m.Str("condition.expression"))
		}
	}
	if len(firestore) != 1 || firestore[0] != `resource.name == "projects/acme-prod/databases/orders"` {
		t.Errorf("the Firestore bindings' conditions are %q, want one held to projects/acme-prod/databases/orders", firestore)
	}
}
