// A service on GKE: its own Artifact Registry repository (image AUTO), a Google service
// account through Workload Identity that may write one bucket, and an SSD volume.
import * as pulumi from "@pulumi/pulumi";
import * as k8sservice from "@k8s-service/pulumi";

const config = new pulumi.Config();
const gcpConfig = new pulumi.Config("gcp");

const web = new k8sservice.gcp.Service("web", {
    image: "AUTO",
    tag: config.get("tag"),
    port: { http: 8080 },
    healthcheckPath: "/healthz",
    namespace: "web",
    createNamespace: true,
    project: gcpConfig.require("project"),
    location: gcpConfig.get("region") ?? "us-central1",
    nodeServiceAccount: config.get("nodeServiceAccount"),
    additionalIamRoles: ["roles/pubsub.subscriber"],
    links: [{ bucket: config.require("bucket"), access: "write" }],
    diskType: "pd-ssd",
    persistentStorage: [{ path: "/data", size: 20 }],
    publicUri: [config.get("host") ?? "web.example.com"],
});

export const dockerRepoUrl = web.dockerRepoUrl;
export const serviceAccountEmail = web.serviceAccountEmail;
