package tests

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const rdsUserArn = "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ABCDEFGHIJKL/api"

// On EKS a named link hands the pods what its ARN says (a bucket's name, a queue's URL, a
// topic's ARN, a table's name) beside the grant; a database or cache link hands over its
// connection as on the plain variant, the password through the Secret; with iamAuth the
// role gets rds-db:connect on the database user and no password is handed over; an
// unnamed link only grants, as before.
func TestAWSLinksHandOverTheConnection(t *testing.T) {
	c := harness.Construct(t, awsToken, "app", withLinks(awsInputs(nil),
		map[string]any{"type": "s3", "arn": bucketArn, "access": "read", "name": "reports"},
		map[string]any{"type": "sqs", "arn": queueArn, "access": "write", "name": "jobs"},
		map[string]any{"type": "sns", "arn": topicArn, "access": "write", "name": "events"},
		map[string]any{"type": "dynamodb", "arn": tableArn, "access": "read", "name": "orders"},
		map[string]any{"type": "dynamodb", "arn": tableArn, "access": "read"},
		map[string]any{"type": "postgres", "name": "db", "host": "db.abc.us-east-1.rds.amazonaws.com", "database": "shop", "user": "api", "password": linkPassword},
		map[string]any{"type": "mysql", "name": "ledger", "host": "ledger.internal", "user": "api", "iamAuth": true, "arn": rdsUserArn},
		map[string]any{"type": "redis", "name": "cache", "host": "cache.internal", "password": linkPassword + "-redis"},
		map[string]any{"type": "documentdb", "name": "docs", "host": "docs.internal", "user": "api", "password": linkPassword + "-docs"},
	), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	want := map[string]string{
		"reports_bucket_name": "reports", "reports_bucket_arn": bucketArn,
		"jobs_queue_url": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", "jobs_queue_arn": queueArn,
		"events_topic_arn":  topicArn,
		"orders_table_name": "orders", "orders_table_arn": tableArn,
		"db_db_host": "db.abc.us-east-1.rds.amazonaws.com", "db_db_port": "5432", "db_db_name": "shop", "db_db_user": "api",
		"db_db_password": "secret:db_db_password",
		"ledger_db_host": "ledger.internal", "ledger_db_port": "3306", "ledger_db_user": "api",
		"cache_cache_host": "cache.internal", "cache_cache_port": "6379", "cache_cache_auth_token": "secret:cache_cache_auth_token",
		"docs_db_host": "docs.internal", "docs_db_port": "27017", "docs_db_user": "api", "docs_db_password": "secret:docs_db_password",
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
	policy := c.Only(t, "aws:iam/rolePolicy:RolePolicy").Str("policy")
	if !strings.Contains(policy, `{"Sid":"Link5RdsDb0","Effect":"Allow","Action":["rds-db:connect"],"Resource":["`+rdsUserArn+`"]}`) {
		t.Errorf("the role may not connect to the IAM-authenticated database as its user:\n%s", policy)
	}
	if strings.Contains(policy, "db.abc") || strings.Contains(policy, "cache.internal") {
		t.Errorf("a password-authenticated database or cache link put a grant on the role:\n%s", policy)
	}
	assertNoPlainSecret(t, c, linkPassword)
}

// A database link needs no identity: without oidc inputs it hands over the connection and
// no role is created.
func TestAWSDatabaseLinkNeedsNoIdentity(t *testing.T) {
	in := harness.Props(awsInputs(nil)).Delete("oidcProviderArn").Delete("oidcIssuerUrl")
	link := harness.Props(map[string]any{"type": "postgres", "name": "db", "host": "db.internal"}).
		Set("password", property.New(linkPassword).WithSecret(true))
	c := harness.Construct(t, awsToken, "app", in.Set("links", property.New(property.NewArray([]property.Value{property.New(link)}))), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	if roles := c.All("aws:iam/role:Role"); len(roles) != 0 {
		t.Errorf("a database link without iamAuth created %d IAM roles", len(roles))
	}
	if got := env(c.Only(t, "kubernetes:apps/v1:Deployment"), container); got["db_db_host"] != "db.internal" {
		t.Errorf("env %v, want db_db_host", got)
	}
}
