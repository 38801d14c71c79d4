//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A database and a cache linked by the program reach the process. The database's host is
// an output of a resource created in the same program (unknown at the first preview; a
// ConfigMap's generated name stands for a database's address), the passwords are secrets
// (`fn::secret`). The process reads every value from its env; no password is in the pod
// spec or in plain text in the stack's state; a changed password rolls the pods without a
// failed request, and the new one is what the process reads.
func TestRealNodeLinksHandOverTheConnection(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-links")
	s := newRealStack(t, ns)
	program := func(password string) string {
		return realWebProgram(ns, "v1", `      links:
        - name: orders
          type: postgres
          host: ${database.metadata.name}
          database: orders
          user: api
          password:
            fn::secret: `+password+`
        - name: sessions
          type: redis
          host: sessions.internal
          password:
            fn::secret: redis-`+password+`
          envNames: {cache_host: REDIS_HOST}
`) + `
  database:
    type: kubernetes:core/v1:ConfigMap
    properties:
      metadata: {namespace: ` + ns + `}
      data: {engine: postgres}
`
	}
	s.program(ns, program("first-p4ss"))
	s.mustUp(false)
	base := serviceURL(t, ns, "web")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)

	maps, err := kube.Client.CoreV1().ConfigMaps(ns).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	host := ""
	for _, m := range maps.Items {
		if strings.HasPrefix(m.Name, "database-") {
			host = m.Name
		}
	}
	expectEnv := func(password string) {
		t.Helper()
		expectLinkedEnv(t, s, ns, base, password, map[string]string{
			"orders_db_host": host, "orders_db_port": "5432", "orders_db_name": "orders", "orders_db_user": "api",
			"orders_db_password": password,
			"REDIS_HOST":         "sessions.internal", "sessions_cache_port": "6379", "sessions_cache_auth_token": "redis-" + password,
		})
	}
	if host == "" {
		t.Fatal("the program's database stand-in (a ConfigMap database-…) is missing")
	}
	expectEnv("first-p4ss")

	before := servingPods(t, ns, "web")
	s.program(ns, program("rotated-p4ss"))
	loop := startTraffic(base+"/", "v1")
	s.mustUp(false)
	loop.finish().expectNoneFailed(t, "link password rotation")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)
	for _, p := range servingPods(t, ns, "web") {
		for _, old := range before {
			if p == old {
				t.Errorf("pod %s still serves after the password changed: the pods did not roll", p)
			}
		}
	}
	expectEnv("rotated-p4ss")
}

// expectLinkedEnv: every answer of the service's process reads want from its env, and the
// password is neither in the Deployment's spec nor in plain text in the stack's state.
func expectLinkedEnv(t *testing.T, s *yamlStack, ns, base, password string, want map[string]string) {
	t.Helper()
	for i := 0; i < 5; i++ {
		body, err := get(base + "/env")
		var env map[string]string
		if err != nil || json.Unmarshal([]byte(body), &env) != nil {
			t.Fatalf("/env: %v %q", err, body)
		}
		for k, v := range want {
			if env[k] != v {
				t.Errorf("answer %d: the container's %s is %q, want %q", i, k, env[k], v)
			}
		}
	}
	d, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if spec, _ := json.Marshal(d.Spec); strings.Contains(string(spec), password) {
		t.Errorf("the Deployment's spec carries the password")
	}
	state, err := s.pulumi("stack", "export")
	if err != nil {
		t.Fatalf("stack export: %v\n%s", err, state)
	}
	if strings.Contains(state, password) {
		t.Errorf("the stack's state holds the password in plain text")
	}
}

// On EKS (the stand-in cloud), links hand over what a queue's ARN says and a database's
// connection, and a database with IAM authentication gets its grant on the role instead
// of a password: the process reads the queue's URL and the database's address from its
// env, and the role's policy allows rds-db:connect on the database user.
func TestRealNodeAWSLinksHandOverTheConnection(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-aws-links")
	s := newRealStack(t, ns)
	const queue, dbUser = "arn:aws:sqs:us-east-1:123456789012:jobs", "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ENGINE/api"
	program := strings.Replace(realWebProgram(ns, "v1", `      oidcProviderArn: `+awsConfig["oidcProviderArn"]+`
      oidcIssuerUrl: `+awsConfig["oidcIssuerUrl"]+`
      links:
        - {type: sqs, arn: "`+queue+`", access: write, name: jobs}
        - name: orders
          type: postgres
          host: orders.abc.us-east-1.rds.amazonaws.com
          user: api
          password:
            fn::secret: aws-p4ss
        - {type: mysql, name: ledger, host: ledger.internal, user: api, iamAuth: true, arn: "`+dbUser+`"}
`), "k8s-service:index:Service", "k8s-service:aws:Service", 1)
	s.program(ns, program)
	s.mustUp(false)
	base := serviceURL(t, ns, "web")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)
	expectLinkedEnv(t, s, ns, base, "aws-p4ss", map[string]string{
		"jobs_queue_url": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", "jobs_queue_arn": queue,
		"orders_db_host": "orders.abc.us-east-1.rds.amazonaws.com", "orders_db_port": "5432", "orders_db_user": "api",
		"orders_db_password": "aws-p4ss",
		"ledger_db_host":     "ledger.internal", "ledger_db_port": "3306", "ledger_db_user": "api",
	})
	state, err := s.pulumi("stack", "export")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(state, `\"Action\":[\"rds-db:connect\"],\"Resource\":[\"`+dbUser+`\"]`) {
		t.Errorf("the role's policy in the state does not allow rds-db:connect on %s", dbUser)
	}
}

// On GKE (the stand-in cloud), a bucket link hands over the bucket's name, a Memorystore
// link its connection, and a Cloud SQL link with IAM database authentication the Google
// service account's IAM user instead of a password, with the roles to log in granted: the
// process reads them from its env, and the state holds the two Cloud SQL roles.
func TestRealNodeGCPLinksHandOverTheConnection(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-gcp-links")
	s := newRealStack(t, ns)
	program := strings.Replace(realWebProgram(ns, "v1", `      project: `+gcpConfig["gcp:project"]+`
      links:
        - {bucket: uploads, access: write, name: uploads}
        - {type: postgres, name: orders, host: 10.1.0.3, database: orders, iamAuth: true}
        - name: cache
          type: redis
          host: 10.1.0.5
          password:
            fn::secret: gcp-p4ss
`), "k8s-service:index:Service", "k8s-service:gcp:Service", 1)
	s.program(ns, program)
	s.mustUp(false)
	base := serviceURL(t, ns, "web")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)
	expectLinkedEnv(t, s, ns, base, "gcp-p4ss", map[string]string{
		"uploads_bucket_name": "uploads",
		"orders_db_host":      "10.1.0.3", "orders_db_port": "5432", "orders_db_name": "orders",
		"orders_db_user":   "web-k8s@" + gcpConfig["gcp:project"] + ".iam",
		"cache_cache_host": "10.1.0.5", "cache_cache_port": "6379", "cache_cache_auth_token": "gcp-p4ss",
	})
	state, err := s.pulumi("stack", "export")
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{"roles/cloudsql.client", "roles/cloudsql.instanceUser"} {
		if !strings.Contains(state, `"role": "`+role+`"`) {
			t.Errorf("the state holds no %s binding for the Google service account", role)
		}
	}
}

// On AKS (the stand-in cloud), resource links give the managed identity a data role on
// exactly the linked resource and hand over its address, and a database link its
// connection: the process reads them from its env, and the state holds the two role
// assignments, each scoped to its resource.
func TestRealNodeAzureLinksHandOverTheConnection(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-azure-links")
	s := newRealStack(t, ns)
	const rg = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/engine-rg/providers/"
	const storage, queue = rg + "Microsoft.Storage/storageAccounts/enginedata", rg + "Microsoft.ServiceBus/namespaces/engine-bus/queues/jobs"
	program := strings.Replace(realWebProgram(ns, "v1", `      resourceGroupName: engine-rg
      oidcIssuerUrl: `+azureConfig["oidcIssuerUrl"]+`
      links:
        - {type: storageAccount, id: "`+storage+`", access: write, name: data}
        - {type: serviceBusQueue, id: "`+queue+`", access: read, name: jobs}
        - name: orders
          type: postgres
          host: orders.postgres.database.azure.com
          user: api
          password:
            fn::secret: azure-p4ss
`), "k8s-service:index:Service", "k8s-service:azure:Service", 1)
	s.program(ns, program)
	s.mustUp(false)
	base := serviceURL(t, ns, "web")
	awaitServedBy(t, base+"/", servingPods(t, ns, "web")...)
	expectLinkedEnv(t, s, ns, base, "azure-p4ss", map[string]string{
		"data_account_name": "enginedata", "data_blob_endpoint": "https://enginedata.blob.core.windows.net/",
		"jobs_namespace": "engine-bus.servicebus.windows.net", "jobs_queue_name": "jobs",
		"orders_db_host": "orders.postgres.database.azure.com", "orders_db_port": "5432", "orders_db_user": "api",
		"orders_db_password": "azure-p4ss",
	})
	assigned := map[string]string{} // scope → role definition
	for _, r := range s.export().Resources {
		if string(r.Type) == "azure-native:authorization:RoleAssignment" {
			scope, _ := r.Inputs["scope"].(string)
			role, _ := r.Inputs["roleDefinitionId"].(string)
			assigned[scope] = role
		}
	}
	for scope, role := range map[string]string{
		storage: "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor
		queue:   "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", // Azure Service Bus Data Receiver
	} {
		if want := "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/" + role; assigned[scope] != want {
			t.Errorf("the role assigned on %s is %q, want %s", scope, assigned[scope], want)
		}
	}
}
