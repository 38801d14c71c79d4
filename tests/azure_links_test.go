package tests

import (
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const (
	azureRG      = "/subscriptions/" + harness.FakeSubscription + "/resourceGroups/rg/providers/"
	storageID    = azureRG + "Microsoft.Storage/storageAccounts/shopdata"
	queueID      = azureRG + "Microsoft.ServiceBus/namespaces/shop-bus/queues/jobs"
	vaultID      = azureRG + "Microsoft.KeyVault/vaults/shop-kv"
	roleDefinits = "/subscriptions/" + harness.FakeSubscription + "/providers/Microsoft.Authorization/roleDefinitions/"
)

// On AKS a resource link gives the managed identity one data role on exactly that
// resource (reader or contributor, receiver or sender, secrets user) and, named, hands
// the pods its address; a database or cache link hands over its connection, on the port
// Azure's service listens on (Azure Cache's TLS port 6380).
func TestAzureLinksGrantDataRolesAndHandOverTheConnection(t *testing.T) {
	c := harness.Construct(t, azureToken, "app", withLinks(azureInputs(nil),
		map[string]any{"type": "storageAccount", "id": storageID, "access": "read", "name": "data"},
		map[string]any{"type": "serviceBusQueue", "id": queueID, "access": "write", "name": "jobs"},
		map[string]any{"type": "keyVault", "id": vaultID, "access": "read"},
		map[string]any{"type": "postgres", "name": "orders", "host": "orders.postgres.database.azure.com", "user": "api", "password": linkPassword},
		map[string]any{"type": "redis", "name": "cache", "host": "shop.redis.cache.windows.net", "password": linkPassword + "-redis"},
	), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	want := map[string]string{
		"data_account_name": "shopdata", "data_blob_endpoint": "https://shopdata.blob.core.windows.net/",
		"jobs_namespace": "shop-bus.servicebus.windows.net", "jobs_queue_name": "jobs",
		"orders_db_host": "orders.postgres.database.azure.com", "orders_db_port": "5432", "orders_db_user": "api",
		"orders_db_password": "secret:orders_db_password",
		"cache_cache_host":   "shop.redis.cache.windows.net", "cache_cache_port": "6380", "cache_cache_auth_token": "secret:cache_cache_auth_token",
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
	roles := map[string]string{} // scope → role definition
	for _, a := range c.All("azure-native:authorization:RoleAssignment") {
		roles[a.Str("scope")] = a.Str("roleDefinitionId")
	}
	for scope, role := range map[string]string{
		storageID: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", // Storage Blob Data Reader
		queueID:   "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", // Azure Service Bus Data Sender
		vaultID:   "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
	} {
		if roles[scope] != roleDefinits+role {
			t.Errorf("the role on %s is %q, want %s", scope, roles[scope], roleDefinits+role)
		}
	}
	assertNoPlainSecret(t, c, linkPassword)
}

// With entraAuth a flexible server link hands over the database role the identity logs in
// as and no password, and the component gives the identity's object id for the SQL that
// creates that role.
func TestAzureEntraAuthHandsOverTheRoleAndNoPassword(t *testing.T) {
	c := harness.Construct(t, azureToken, "app", withLinks(azureInputs(nil),
		map[string]any{"type": "postgres", "name": "orders", "host": "orders.postgres.database.azure.com", "database": "orders",
			"user": "app-identity", "entraAuth": true},
	), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	got := env(c.Only(t, "kubernetes:apps/v1:Deployment"), container)
	want := map[string]string{"orders_db_host": "orders.postgres.database.azure.com", "orders_db_port": "5432",
		"orders_db_name": "orders", "orders_db_user": "app-identity"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("env %s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("env %v, want exactly %v (no password)", got, want)
	}
	if id := c.Output(t, "principalId"); id != "principal-app" {
		t.Errorf("principalId = %v, want the managed identity's", id)
	}
	noIdentity := azureInputs(nil)
	delete(noIdentity, "oidcIssuerUrl")
	plain := harness.Construct(t, azureToken, "app", harness.Props(noIdentity), false)
	if plain.Err != nil {
		t.Fatal(plain.Err)
	}
	if id := plain.Output(t, "principalId"); id != "" {
		t.Errorf("principalId = %v without a managed identity", id)
	}
}

// A Cosmos DB for NoSQL link assigns the account's own built-in data role (Cosmos DB's SQL
// role assignment, not Azure RBAC) to the managed identity on that account, and hands over
// its endpoint.
func TestAzureCosmosSQLLinkAssignsItsDataRole(t *testing.T) {
	const account = "/subscriptions/" + harness.FakeSubscription + "/resourceGroups/data-rg/providers/Microsoft.DocumentDB/databaseAccounts/orders-db"
	c := harness.Construct(t, azureToken, "app", withLinks(azureInputs(nil),
		map[string]any{"type": "cosmosSql", "id": account, "access": "write", "name": "orders"},
	), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	got := env(c.Only(t, "kubernetes:apps/v1:Deployment"), container)
	if got["orders_endpoint"] != "https://orders-db.documents.azure.com:443/" || got["orders_account_name"] != "orders-db" {
		t.Errorf("env %v: want the account's endpoint and name", got)
	}
	expect(t, "Cosmos DB role assignment", c.Only(t, "azure-native:documentdb:SqlResourceSqlRoleAssignment"), map[string]string{
		"accountName": "orders-db", "resourceGroupName": "data-rg", "principalId": "principal-app", "scope": account,
		"roleDefinitionId": account + "/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002",
	})
	for _, a := range c.All("azure-native:authorization:RoleAssignment") {
		if a.Str("scope") == account {
			t.Errorf("an Azure RBAC assignment on the account for a Cosmos DB data role: %s", a.JSON())
		}
	}
}
