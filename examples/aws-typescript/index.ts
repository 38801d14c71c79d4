// A service on EKS: its own ECR registry (image AUTO), an IAM role for its service
// account (IRSA) that may read one bucket and send to one queue, the database password
// from Secrets Manager (synced by the External Secrets Operator), and an EBS volume.
import * as pulumi from "@pulumi/pulumi";
import * as k8sservice from "@k8s-service/pulumi";

const config = new pulumi.Config();

const api = new k8sservice.aws.Service("api", {
    image: "AUTO",
    tag: config.get("tag"), // unset on the first deploy: the registry is created, no pods run yet
    port: { http: 8080 },
    healthcheckPath: "/healthz",
    namespace: "api",
    createNamespace: true,
    oidcProviderArn: config.require("oidcProviderArn"),
    oidcIssuerUrl: config.require("oidcIssuerUrl"),
    links: [
        { type: "s3", arn: config.require("bucketArn"), access: "read" },
        { type: "sqs", arn: config.require("queueArn"), access: "write" },
    ],
    // The role may read exactly this secret; its value never passes through Pulumi.
    cloudSecrets: [{ arn: config.require("dbSecretArn"), key: "password", env: "DB_PASSWORD" }],
    persistentStorage: [{ path: "/var/cache/api", size: 10 }],
});

export const dockerRepoUrl = api.dockerRepoUrl;
export const roleArn = api.roleArn;
