//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/firestore"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/pubsub"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/redis"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/sql"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	sdk "github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice"
	k8saws "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice/aws"
	k8sazure "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice/azure"
	k8sgcp "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice/gcp"
)

// linkedProgram is a Go program (run inline through the Automation API) that creates a
// database, a cache and a queue on a stand-in cloud and a service linked to them, and
// what its pods' env must then hold: a value, "secret" for one read from the service's
// Secret, or "absent"; grants are what its state must show.
type linkedProgram struct {
	cloud   string
	program func(ns string) sdk.RunFunc
	env     map[string]string
	grants  []string
}

// awsLinked: RDS for PostgreSQL (a password for `api`, IAM authentication for `reporter`),
// ElastiCache for Redis with an AUTH token, an SQS queue.
var awsLinked = linkedProgram{cloud: "aws", program: func(ns string) sdk.RunFunc {
	return func(ctx *sdk.Context) error {
		password := config.RequireSecret(ctx, "dbPassword")
		db, err := rds.NewInstance(ctx, "orders", &rds.InstanceArgs{
			Engine: sdk.String("postgres"), InstanceClass: sdk.String("db.t4g.micro"), AllocatedStorage: sdk.Int(20),
			DbName: sdk.String("orders"), Username: sdk.String("api"), Password: password, Port: sdk.Int(5432),
			IamDatabaseAuthenticationEnabled: sdk.Bool(true), SkipFinalSnapshot: sdk.Bool(true),
		})
		if err != nil {
			return err
		}
		cache, err := elasticache.NewReplicationGroup(ctx, "sessions", &elasticache.ReplicationGroupArgs{
			Description: sdk.String("sessions"), NodeType: sdk.String("cache.t4g.micro"), Port: sdk.Int(6379),
			TransitEncryptionEnabled: sdk.Bool(true), AuthToken: sdk.Sprintf("redis-%s", password),
		})
		if err != nil {
			return err
		}
		queue, err := sqs.NewQueue(ctx, "jobs", nil)
		if err != nil {
			return err
		}
		reporter := sdk.Sprintf("arn:aws:rds-db:us-east-1:123456789012:dbuser:%s/reporter", db.ResourceId)
		_, err = k8saws.NewService(ctx, "api", &k8saws.ServiceArgs{
			Image: sdk.String("nginxinc/nginx-unprivileged:1.27"), Port: map[string]int{"http": 8080},
			Namespace:       sdk.String(ns),
			OidcProviderArn: sdk.String(awsConfig["oidcProviderArn"]), OidcIssuerUrl: sdk.String(awsConfig["oidcIssuerUrl"]),
			Links: []k8saws.LinkArgs{
				{Type: k8saws.LinkTypePostgres, Name: ref("orders"), Host: db.Address,
					Database: sdk.String("orders"), User: sdk.String("api"), Password: password},
				{Type: k8saws.LinkTypePostgres, Name: ref("reports"), Host: db.Address,
					Database: sdk.String("orders"), User: sdk.String("reporter"), IamAuth: ref(true), Arn: reporter},
				{Type: k8saws.LinkTypeRedis, Name: ref("sessions"), Host: cache.PrimaryEndpointAddress,
					Password: sdk.Sprintf("redis-%s", password)},
				{Type: k8saws.LinkTypeSqs, Name: ref("jobs"), Arn: queue.Arn, Access: ref(k8sservice.AccessWrite)},
			},
		})
		return err
	}
},
	env: map[string]string{
		"orders_db_host": "orders.c0ffee.us-east-1.rds.amazonaws.com", "orders_db_port": "5432", "orders_db_name": "orders",
		"orders_db_user": "api", "orders_db_password": "secret",
		"reports_db_host": "orders.c0ffee.us-east-1.rds.amazonaws.com", "reports_db_port": "5432", "reports_db_name": "orders",
		"reports_db_user":     "reporter",
		"sessions_cache_host": "master.sessions.c0ffee.use1.cache.amazonaws.com", "sessions_cache_port": "6379",
		"sessions_cache_auth_token": "secret",
		"jobs_queue_url":            "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", "jobs_queue_arn": "arn:aws:sqs:us-east-1:123456789012:jobs",
	},
	grants: []string{`rds-db:connect`, `arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ORDERS/reporter`, `sqs:SendMessage`},
}

// gcpLinked: Cloud SQL for PostgreSQL (a password for `api`, IAM authentication as the
// Google service account), Memorystore with AUTH, a Pub/Sub topic, a Firestore database.
var gcpLinked = linkedProgram{cloud: "gcp", program: func(ns string) sdk.RunFunc {
	return func(ctx *sdk.Context) error {
		password := config.RequireSecret(ctx, "dbPassword")
		db, err := sql.NewDatabaseInstance(ctx, "orders", &sql.DatabaseInstanceArgs{
			DatabaseVersion: sdk.String("POSTGRES_16"), Region: sdk.String("us-central1"),
			Settings: &sql.DatabaseInstanceSettingsArgs{Tier: sdk.String("db-f1-micro")},
		})
		if err != nil {
			return err
		}
		cache, err := redis.NewInstance(ctx, "sessions", &redis.InstanceArgs{MemorySizeGb: sdk.Int(1), AuthEnabled: sdk.Bool(true)})
		if err != nil {
			return err
		}
		topic, err := pubsub.NewTopic(ctx, "jobs", &pubsub.TopicArgs{Name: sdk.String("jobs")})
		if err != nil {
			return err
		}
		docs, err := firestore.NewDatabase(ctx, "docs", &firestore.DatabaseArgs{
			Name: sdk.String("docs"), LocationId: sdk.String("nam5"), Type: sdk.String("FIRESTORE_NATIVE"),
		})
		if err != nil {
			return err
		}
		_, err = k8sgcp.NewService(ctx, "api", &k8sgcp.ServiceArgs{
			Image: sdk.String("nginxinc/nginx-unprivileged:1.27"), Port: map[string]int{"http": 8080},
			Namespace: sdk.String(ns), Project: sdk.String("engine-project"), Location: sdk.String("us-central1"),
			Links: []k8sgcp.LinkArgs{
				{Type: ref(k8sgcp.LinkTypePostgres), Name: ref("orders"), Host: db.PrivateIpAddress,
					Database: sdk.String("orders"), User: sdk.String("api"), Password: password},
				{Type: ref(k8sgcp.LinkTypePostgres), Name: ref("reports"), Host: db.PrivateIpAddress,
					Database: sdk.String("orders"), IamAuth: ref(true)},
				{Type: ref(k8sgcp.LinkTypeRedis), Name: ref("sessions"), Host: cache.Host,
					Password: cache.AuthString},
				{Type: ref(k8sgcp.LinkTypePubsubTopic), Name: ref("jobs"), Topic: topic.Name},
				{Type: ref(k8sgcp.LinkTypeFirestore), Name: ref("docs"), Database: docs.Name, Access: ref(k8sservice.AccessWrite)},
			},
		})
		return err
	}
},
	env: map[string]string{
		"orders_db_host": "10.20.0.3", "orders_db_port": "5432", "orders_db_name": "orders", "orders_db_user": "api",
		"orders_db_password": "secret",
		"reports_db_host":    "10.20.0.3", "reports_db_port": "5432", "reports_db_name": "orders", "reports_db_user": "api-k8s@engine-project.iam",
		"sessions_cache_host": "10.30.0.4", "sessions_cache_port": "6379", "sessions_cache_auth_token": "secret",
		"jobs_topic_name": "jobs", "docs_database": "docs", "docs_project": "engine-project",
	},
	grants: []string{`roles/cloudsql.client`, `roles/cloudsql.instanceUser`, `roles/pubsub.publisher`, `roles/datastore.user`,
		`projects/engine-project/databases/docs`},
}

// azureResource is an azure-native resource registered by its token: the module of each
// azure-native package is its own, and dbforpostgresql, cache and servicebus are not
// served here. Its outputs are the ones the links read.
type azureResource struct {
	sdk.CustomResourceState
	FullyQualifiedDomainName sdk.StringOutput `pulumi:"fullyQualifiedDomainName"`
	HostName                 sdk.StringOutput `pulumi:"hostName"`
}

func newAzureResource(ctx *sdk.Context, typ, name string, inputs sdk.Map) (*azureResource, error) {
	var r azureResource
	return &r, ctx.RegisterResource(typ, name, inputs, &r, sdk.Version("2.90.0"))
}

// azureLinked: Azure Database for PostgreSQL (a password for `api`, Microsoft Entra for the
// managed identity's role), Azure Cache for Redis, a Service Bus queue (the service
// receives from it: Azure Service Bus Data Receiver on exactly that queue), a Cosmos DB for
// NoSQL account (its own Data Contributor role).
var azureLinked = linkedProgram{cloud: "azure", program: func(ns string) sdk.RunFunc {
	return func(ctx *sdk.Context) error {
		password := config.RequireSecret(ctx, "dbPassword")
		rg := sdk.String("engine-rg")
		db, err := newAzureResource(ctx, "azure-native:dbforpostgresql:Server", "orders", sdk.Map{
			"resourceGroupName": rg, "administratorLogin": sdk.String("api"), "administratorLoginPassword": password,
		})
		if err != nil {
			return err
		}
		cache, err := newAzureResource(ctx, "azure-native:cache:Redis", "sessions", sdk.Map{
			"resourceGroupName": rg, "sku": sdk.Map{"name": sdk.String("Basic"), "family": sdk.String("C"), "capacity": sdk.Int(0)},
		})
		if err != nil {
			return err
		}
		documents, err := newAzureResource(ctx, "azure-native:documentdb:DatabaseAccount", "documents", sdk.Map{
			"resourceGroupName": rg, "databaseAccountOfferType": sdk.String("Standard"),
		})
		if err != nil {
			return err
		}
		queue, err := newAzureResource(ctx, "azure-native:servicebus:Queue", "jobs", sdk.Map{
			"resourceGroupName": rg, "namespaceName": sdk.String("engine-bus"),
		})
		if err != nil {
			return err
		}
		_, err = k8sazure.NewService(ctx, "api", &k8sazure.ServiceArgs{
			Image: sdk.String("nginxinc/nginx-unprivileged:1.27"), Port: map[string]int{"http": 8080},
			Namespace: sdk.String(ns), ResourceGroupName: rg, OidcIssuerUrl: sdk.String(azureConfig["oidcIssuerUrl"]),
			Links: []k8sazure.LinkArgs{
				{Type: k8sazure.LinkTypePostgres, Name: ref("orders"), Host: db.FullyQualifiedDomainName,
					Database: sdk.String("orders"), User: sdk.String("api"), Password: password},
				{Type: k8sazure.LinkTypePostgres, Name: ref("reports"), Host: db.FullyQualifiedDomainName,
					Database: sdk.String("orders"), User: sdk.String("api-identity"), EntraAuth: ref(true)},
				{Type: k8sazure.LinkTypeRedis, Name: ref("sessions"), Host: cache.HostName, Password: sdk.Sprintf("redis-%s", password)},
				{Type: k8sazure.LinkTypeServiceBusQueue, Name: ref("jobs"), Id: queue.ID().ToStringOutput(), Access: ref(k8sservice.AccessRead)},
				{Type: k8sazure.LinkTypeCosmosSql, Name: ref("documents"), Id: documents.ID().ToStringOutput(), Access: ref(k8sservice.AccessWrite)},
			},
		})
		return err
	}
},
	env: map[string]string{
		"orders_db_host": "orders.postgres.database.azure.com", "orders_db_port": "5432", "orders_db_name": "orders",
		"orders_db_user": "api", "orders_db_password": "secret",
		"reports_db_host": "orders.postgres.database.azure.com", "reports_db_user": "api-identity", "reports_db_password": "absent",
		"sessions_cache_host": "sessions.redis.cache.windows.net", "sessions_cache_port": "6380", "sessions_cache_auth_token": "secret",
		"jobs_namespace": "engine-bus.servicebus.windows.net", "jobs_queue_name": "jobs",
		"documents_endpoint": "https://documents.documents.azure.com:443/", "documents_account_name": "documents",
	},
	// Azure Service Bus Data Receiver, on the queue the program created; Cosmos DB Built-in
	// Data Contributor on the account.
	grants: []string{"4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Microsoft.ServiceBus/namespaces/engine-bus/queues/jobs",
		"Microsoft.DocumentDB/databaseAccounts/documents/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"},
}

// A service linked to a database, a cache and a queue its own program creates, on each
// stand-in cloud, through the real engine: the preview (their addresses unknown) and `up`
// succeed; the pods' env holds each connection, the credentials only as references to the
// service's Secret, which holds them; the password is in no pod spec and nowhere in plain
// text in the state; IAM database authentication writes the grant instead of a password;
// a changed password makes a new Secret and a new pod template (the pods roll).
func TestCloudLinksToResourcesOfTheSameProgram(t *testing.T) {
	t.Parallel()
	for _, tc := range []linkedProgram{awsLinked, gcpLinked, azureLinked} {
		t.Run(tc.cloud, func(t *testing.T) {
			t.Parallel()
			ns := namespace(t, "links-"+tc.cloud)
			project := "k8s-service-links-" + tc.cloud
			stack := inlineStack(t, ns, project, tc.program(ns))
			qualified := "organization/" + project + "/ci"
			ctx := context.Background()
			setPassword := func(password string) {
				if err := stack.SetConfig(ctx, "dbPassword", auto.ConfigValue{Value: password, Secret: true}); err != nil {
					t.Fatal(err)
				}
			}
			setPassword("first-p4ss")
			if _, err := stack.Preview(ctx, optpreview.Diff()); err != nil {
				t.Fatalf("preview: %v", err)
			}
			if _, err := stack.Up(ctx); err != nil {
				t.Fatalf("up: %v", err)
			}
			first := expectLinkedObjects(t, ns, tc.env, "first-p4ss")
			expectStateHolds(t, qualified, tc.grants, "first-p4ss")

			setPassword("rotated-p4ss")
			if _, err := stack.Up(ctx, optup.Diff()); err != nil {
				t.Fatalf("up of a new password: %v", err)
			}
			if second := expectLinkedObjects(t, ns, tc.env, "rotated-p4ss"); second == first {
				t.Errorf("the password changed but the pods still read Secret %s: they would not roll", first)
			}
			expectStateHolds(t, qualified, tc.grants, "rotated-p4ss")
		})
	}
}

// inlineStack is a stack of an inline Go program, on the tier's backend and plugins, whose
// Kubernetes provider deploys to ns; destroyed after the test.
func inlineStack(t *testing.T, ns, project string, program sdk.RunFunc) auto.Stack {
	t.Helper()
	kubeconfig, err := kube.KubeconfigFor(ns)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "ci", project, program,
		auto.EnvVars(map[string]string{"KUBECONFIG": kubeconfig}), auto.WorkDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := stack.Destroy(ctx); err != nil {
			t.Errorf("destroy: %v", err)
		}
		_ = stack.Workspace().RemoveStack(ctx, "ci")
	})
	return stack
}

// expectLinkedObjects checks the service's Deployment's env against want ("secret": read
// from the service's Secret) and the Secret's values against the password, and returns the
// Secret's name.
func expectLinkedObjects(t *testing.T, ns string, want map[string]string, password string) string {
	t.Helper()
	ctx := context.Background()
	d, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, "api", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if spec, _ := json.Marshal(d.Spec); strings.Contains(string(spec), password) {
		t.Errorf("the Deployment's spec carries the password")
	}
	got := map[string]corev1.EnvVar{}
	for _, e := range d.Spec.Template.Spec.Containers[0].Env {
		got[e.Name] = e
	}
	secretName := ""
	for name, value := range want {
		e, ok := got[name]
		switch {
		case value == "absent" && ok:
			t.Errorf("env %s is set: the link logs in without a password", name)
		case value == "absent":
		case !ok:
			t.Errorf("env %s missing", name)
		case value == "secret" && (e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil):
			t.Errorf("env %s = %q: want a reference to the service's Secret", name, e.Value)
		case value == "secret":
			secretName = e.ValueFrom.SecretKeyRef.Name
		case e.Value != value:
			t.Errorf("env %s = %q, want %q", name, e.Value, value)
		}
	}
	if secretName == "" {
		t.Fatal("no env var reads the service's Secret")
	}
	secret, err := kube.Client.CoreV1().Secrets(ns).Get(ctx, secretName, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range secret.Data {
		found = found || strings.HasSuffix(string(v), password)
	}
	if !found || secret.Immutable == nil || !*secret.Immutable {
		t.Errorf("Secret %s (immutable %v) holds no value of the password", secretName, secret.Immutable)
	}
	return secretName
}

// expectStateHolds: the state (`pulumi stack export`, secrets encrypted) names every grant
// and holds the password only encrypted.
func expectStateHolds(t *testing.T, stack string, grants []string, password string) {
	t.Helper()
	raw, err := pulumi(t.TempDir(), "stack", "export", "--stack", stack)
	if err != nil {
		t.Fatalf("stack export: %v\n%s", err, raw)
	}
	if strings.Contains(raw, password) {
		t.Errorf("the stack's state holds the password in plain text")
	}
	for _, grant := range grants {
		if !strings.Contains(raw, grant) {
			t.Errorf("the state holds no %s", grant)
		}
	}
}

func ref[T any](v T) *T { return &v }
