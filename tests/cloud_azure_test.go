package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const (
	azureToken         = catalogue.AzureToken
	storageContributor = catalogue.StorageContributor
)

var azureInputs = catalogue.AzureInputs

// Services `my-api` and `myapi` in one stack get registries of different logical names
// (0.1 dropped the dash: "Duplicate resource URN"), each aliasing 0.1's name.
func TestAzureRegistryNamesCannotCollide(t *testing.T) {
	names := map[string]bool{}
	for _, service := range []string{"my-api", "myapi"} {
		c := harness.Construct(t, azureToken, service, harness.Props(azureInputs(nil)), false)
		if c.Err != nil {
			t.Fatal(c.Err)
		}
		registry := c.Only(t, "azure-native:containerregistry:Registry")
		names[registry.Name] = true
		var aliases []string
		for _, a := range registry.Request.GetAliases() {
			aliases = append(aliases, a.GetSpec().GetName())
		}
		if !slices.Contains(aliases, "myapi") {
			t.Errorf("%s: registry aliases %v, want 0.1's name myapi", service, aliases)
		}
	}
	if len(names) != 2 {
		t.Errorf("registries of my-api and myapi share a logical name: %v", names)
	}
}

func TestAzureRegistryIdentityAndRoles(t *testing.T) {
	c := constructVariant(t, azureToken, azureInputs(map[string]any{
		"roleAssignments": []any{map[string]any{"roleDefinitionId": storageContributor,
			"scope": "/subscriptions/" + harness.FakeSubscription + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data"}},
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 10}},
	}))
	// azure-native autonames the registry from its logical name: `app` + a hash of the name.
	registryName := c.Only(t, "azure-native:containerregistry:Registry").Name
	if !strings.HasPrefix(registryName, "app") || len(registryName) != len("app")+8 {
		t.Errorf("registry logical name %q, want app<8 hex>", registryName)
	}
	registryID := "/subscriptions/" + harness.FakeSubscription + "/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/" + registryName
	expect(t, "registry", c.Only(t, "azure-native:containerregistry:Registry"), map[string]string{
		"adminUserEnabled": "false", "sku.name": "Basic", "resourceGroupName": "rg",
	})
	grants := map[string]harness.Object{}
	for _, ra := range c.All("azure-native:authorization:RoleAssignment") {
		grants[ra.Str("principalId")] = ra
	}
	expect(t, "AcrPull for the kubelet", grants["kubelet-object-id"], map[string]string{
		"roleDefinitionId": "/subscriptions/" + harness.FakeSubscription +
			"/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d",
		"scope": registryID, "principalType": "ServicePrincipal",
	})
	expect(t, "role for the identity", grants["principal-app"], map[string]string{
		"roleDefinitionId": storageContributor, "principalType": "ServicePrincipal",
	})
	if len(grants) != 2 {
		t.Errorf("role assignments: %d, want AcrPull and the listed one", len(grants))
	}
	expect(t, "federated credential", c.Only(t, "azure-native:managedidentity:FederatedIdentityCredential"), map[string]string{
		"issuer":       "https://eastus.oic.prod-aks.azure.com/tenant/cluster/",
		"subject":      "system:serviceaccount:shop:app",
		"audiences[0]": "api://AzureADTokenExchange",
		"resourceName": "app",
	})
	sa := c.Only(t, "kubernetes:core/v1:ServiceAccount")
	if got := sa.Get("metadata.annotations").(map[string]any)["azure.workload.identity/client-id"]; got != "client-app" {
		t.Errorf("client-id annotation = %v", got)
	}
	expect(t, "StatefulSet", c.Only(t, "kubernetes:apps/v1:StatefulSet"), map[string]string{
		container + "image": registryName + ".azurecr.io/app:2024.1",
	})
	labels := c.Only(t, "kubernetes:apps/v1:StatefulSet").Get("spec.template.metadata.labels").(map[string]any)
	if labels["azure.workload.identity/use"] != "true" {
		t.Errorf("pods must be labelled for Azure Workload Identity: %v", labels)
	}
	expect(t, "StorageClass", c.Only(t, "kubernetes:storage.k8s.io/v1:StorageClass"), map[string]string{
		"provisioner": "disk.csi.azure.com", "parameters.skuName": "StandardSSD_LRS",
	})
	if got := c.Output(t, "clientId"); got != "client-app" {
		t.Errorf("clientId = %v", got)
	}
	// One azure-native plugin: every azure-native child asks for the same version.
	versions := map[string][]string{}
	for _, typ := range []string{"azure-native:containerregistry:Registry", "azure-native:authorization:RoleAssignment",
		"azure-native:managedidentity:UserAssignedIdentity", "azure-native:managedidentity:FederatedIdentityCredential"} {
		for _, child := range c.All(typ) {
			v := child.Request.GetVersion()
			versions[v] = append(versions[v], typ)
		}
	}
	if len(versions) != 1 || versions[""] != nil {
		t.Errorf("azure-native children request plugin versions %v, want one", versions)
	}
}
