"""A service on AKS: its own Azure Container Registry (image AUTO) pulled by the kubelet
identity, a managed identity through Azure Workload Identity with one role, and a disk."""

import pulumi
import pulumi_k8s_service as k8s_service

config = pulumi.Config()
subscription = "00000000-0000-0000-0000-000000000000"

jobs = k8s_service.azure.Service(
    "jobs",
    image="AUTO",
    tag=config.get("tag"),
    port={"http": 8080},
    namespace="jobs",
    create_namespace=True,
    resource_group_name=config.get("resourceGroupName") or "example-rg",
    kubelet_object_id=config.get("kubeletObjectId") or "00000000-0000-0000-0000-0000000000aa",
    oidc_issuer_url=config.get("oidcIssuerUrl") or "https://eastus.oic.prod-aks.azure.com/tenant/cluster/",
    role_assignments=[
        k8s_service.azure.RoleAssignmentArgs(
            # Storage Blob Data Reader
            role_definition_id=config.get("roleDefinitionId")
            or f"/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
            scope=config.get("roleScope") or f"/subscriptions/{subscription}/resourceGroups/example-rg",
        )
    ],
    persistent_storage=[k8s_service.PersistentStorageArgs(path="/data", size=8)],
    cron_jobs=[k8s_service.CronJobArgs(name="nightly", commands=["/app/report"], schedule="0 2 * * *")],
)

pulumi.export("dockerRepoUrl", jobs.docker_repo_url)
pulumi.export("clientId", jobs.client_id)
