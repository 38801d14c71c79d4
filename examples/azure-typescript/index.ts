// A service on AKS: its own Azure Container Registry (image AUTO) pulled by the kubelet
// identity, a managed identity through Azure Workload Identity with one role, and a disk.
import * as pulumi from "@pulumi/pulumi";
import * as k8sservice from "@k8s-service/pulumi";

const config = new pulumi.Config();

const jobs = new k8sservice.azure.Service("jobs", {
    image: "AUTO",
    tag: config.get("tag"),
    port: { http: 8080 },
    namespace: "jobs",
    createNamespace: true,
    resourceGroupName: config.require("resourceGroupName"),
    kubeletObjectId: config.require("kubeletObjectId"),
    oidcIssuerUrl: config.require("oidcIssuerUrl"),
    roleAssignments: [{ roleDefinitionId: config.require("roleDefinitionId"), scope: config.require("roleScope") }],
    persistentStorage: [{ path: "/data", size: 8 }],
    cronJobs: [{ name: "nightly", commands: ["/app/report"], schedule: "0 2 * * *" }],
});

export const dockerRepoUrl = jobs.dockerRepoUrl;
export const clientId = jobs.clientId;
