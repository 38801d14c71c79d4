// Opta's httpbin example as a k8s-service: two to three replicas probed on /get, exposed
// through ingress, with two persistent volumes per replica (so a StatefulSet),
// tolerations, a secret, and a cron job.
import * as pulumi from "@pulumi/pulumi";
import * as k8sservice from "@k8s-service/pulumi";

const config = new pulumi.Config();

const httpbin = new k8sservice.Service("httpbin", {
    image: "kennethreitz/httpbin",
    port: { http: 80 },
    minContainers: 2,
    maxContainers: 3,
    livenessProbePath: "/get",
    readinessProbePath: "/get",
    initialLivenessDelay: 10,
    initialReadinessDelay: 5,
    publicUri: [config.get("host") ?? "httpbin.example.com"],
    persistentStorage: [
        { path: "/data/one", size: 1 },
        { path: "/data/two", size: 2 },
    ],
    tolerations: [
        { key: "instancetype", value: "memoryoptimized", effect: "NoExecute" },
        { key: "team", value: "booking" },
        { key: "highpriority" },
    ],
    cronJobs: [{ name: "hello", commands: ["/bin/sh", "-c", 'echo "Hello world!"'], schedule: "* * * * *" }],
    envVars: { GREETING: "hello" },
    secrets: { API_TOKEN: config.getSecret("apiToken") ?? "" },
    // The environment's Postgres: orders_db_host, orders_db_port, orders_db_name,
    // orders_db_user and orders_db_password (through the service's Secret).
    links: [{
        name: "orders",
        type: "postgres",
        host: config.get("ordersHost") ?? "orders.db.internal",
        database: "orders",
        user: "httpbin",
        password: config.getSecret("ordersPassword"),
    }],
});

export const internalUrl = httpbin.internalUrl;
export const publicUrls = httpbin.publicUrls;
export const workloadKind = httpbin.workloadKind;
