// Creates the component through the generated Node.js SDK under Pulumi's mocks and
// checks what reaches the engine: the type token and every input, by its schema name.
import * as assert from "node:assert/strict";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import * as k8sservice from "../../sdk/nodejs";

const registered: pulumi.runtime.MockResourceArgs[] = [];
pulumi.runtime.setMocks(
    {
        newResource(args) {
            registered.push(args);
            return { id: `${args.name}-id`, state: { ...args.inputs, serviceName: args.name } };
        },
        call(args) {
            return args.inputs;
        },
    },
    "project",
    "stack",
    false,
);

test("Service registers k8s-service:index:Service with camelCase inputs", async () => {
    const svc = new k8sservice.Service("httpbin", {
        image: "kennethreitz/httpbin",
        port: { http: 80 },
        minContainers: 2,
        maxContainers: 4,
        livenessProbePath: "/get",
        readinessProbePath: "/get",
        publicUri: ["httpbin.example.com"],
        persistentStorage: [{ path: "/data", size: 20 }],
        tolerations: [{ key: "team", value: "booking", effect: "NoExecute" }],
        cronJobs: [{ commands: ["/bin/sh", "-c", "echo hello"], schedule: "* * * * *" }],
        envVars: { MODE: pulumi.output("web") },
        secrets: { TOKEN: "s3cr3t" },
        resourceRequest: { cpu: 200, memory: 256 },
        securityProfile: "restricted",
    });
    const name = await new Promise((resolve) => svc.serviceName.apply(resolve));
    assert.equal(name, "httpbin");

    const reg = registered.find((r) => r.type === "k8s-service:index:Service");
    assert.ok(reg, `registered: ${registered.map((r) => r.type)}`);
    assert.equal(reg.name, "httpbin");
    assert.equal(reg.inputs.image, "kennethreitz/httpbin");
    assert.deepEqual(reg.inputs.port, { http: 80 });
    assert.equal(reg.inputs.minContainers, 2);
    assert.equal(reg.inputs.maxContainers, 4);
    assert.equal(reg.inputs.livenessProbePath, "/get");
    assert.deepEqual(reg.inputs.publicUri, ["httpbin.example.com"]);
    assert.deepEqual(reg.inputs.persistentStorage, [{ path: "/data", size: 20 }]);
    assert.deepEqual(reg.inputs.tolerations, [{ key: "team", value: "booking", effect: "NoExecute" }]);
    assert.deepEqual(reg.inputs.cronJobs, [{ commands: ["/bin/sh", "-c", "echo hello"], schedule: "* * * * *" }]);
    assert.deepEqual(reg.inputs.envVars, { MODE: "web" });
    // The SDK marks `secrets` secret before it leaves the program (Pulumi's secret signature).
    assert.deepEqual(reg.inputs.secrets, {
        [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
        value: { TOKEN: "s3cr3t" },
    });
    assert.deepEqual(reg.inputs.resourceRequest, { cpu: 200, memory: 256 });
    assert.equal(reg.inputs.securityProfile, "restricted");
});

test("cloud variants register their tokens and cloud inputs", async () => {
    const awsSvc = new k8sservice.aws.Service("api", {
        image: "AUTO",
        tag: "v1",
        port: { http: 8080 },
        namespace: "shop",
        oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X",
        oidcIssuerUrl: "https://oidc.eks.us-east-1.amazonaws.com/id/X",
        links: [{ type: "s3", arn: "arn:aws:s3:::reports", access: "read" }],
        cloudSecrets: [{ arn: pulumi.output("arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf"), key: "password", env: "DB_PASSWORD" }],
    });
    const gcpSvc = new k8sservice.gcp.Service("web", {
        image: "nginx:1.27",
        project: "acme",
        namespace: "shop",
        links: [{ bucket: "uploads", access: "write" }],
    });
    const azureSvc = new k8sservice.azure.Service("jobs", {
        image: "AUTO",
        resourceGroupName: "rg",
        kubeletObjectId: "kubelet",
        registrySku: "Standard",
    });
    await Promise.all([awsSvc, gcpSvc, azureSvc].map((s) => new Promise((resolve) => s.urn.apply(resolve))));

    const find = (type: string) => {
        const reg = registered.find((r) => r.type === type);
        assert.ok(reg, `${type} not registered: ${registered.map((r) => r.type)}`);
        return reg.inputs;
    };
    const aws = find("k8s-service:aws:Service");
    assert.equal(aws.oidcIssuerUrl, "https://oidc.eks.us-east-1.amazonaws.com/id/X");
    assert.deepEqual(aws.links, [{ type: "s3", arn: "arn:aws:s3:::reports", access: "read" }]);
    assert.deepEqual(aws.cloudSecrets, [{ arn: "arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf", key: "password", env: "DB_PASSWORD" }]);
    assert.equal(aws.tag, "v1");
    const gcp = find("k8s-service:gcp:Service");
    assert.equal(gcp.project, "acme");
    assert.deepEqual(gcp.links, [{ bucket: "uploads", access: "write" }]);
    const azure = find("k8s-service:azure:Service");
    assert.equal(azure.resourceGroupName, "rg");
    assert.equal(azure.kubeletObjectId, "kubelet");
    assert.equal(azure.registrySku, "Standard");
});

test("workload features reach the engine as typed objects, secretFiles secret", async () => {
    const svc = new k8sservice.Service("features", {
        image: "nginx:1.27",
        port: { http: 8080 },
        startupProbe: { path: "/started", failureThreshold: 30 },
        readinessProbe: { periodSeconds: 5, successThreshold: 2 },
        configFiles: { "/etc/app/config.yaml": pulumi.output("level: info\n") },
        secretFiles: { "/etc/app/token": "s3cr3t" },
        envVarsFrom: { DB_URL: { secret: "db", key: "url", optional: true } },
        envFrom: [{ configMap: "flags", prefix: "FLAG_" }],
        initContainers: [{ name: "migrate", commands: ["/app/migrate"] }],
        sidecars: [{ name: "proxy", image: "envoyproxy/envoy:v1.31.0", shareEnv: false, resourceRequest: { cpu: 20 } }],
        scratchVolumes: [{ path: "/cache", sizeLimit: 256, memory: true }],
        imagePullSecrets: ["regcred"],
        nodeSelector: { pool: "web" },
        nodeAffinity: { required: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["a"] }] },
        priorityClassName: "high",
        publicUri: ["app.example.com", pulumi.output("api.example.com/v1")],
        tls: [{ clusterIssuer: "letsencrypt" }],
        autoscalingMetrics: [{ type: "Pods", name: "rps", averageValue: "100" }],
        autoscalingBehavior: { scaleDownStabilizationSeconds: 600 },
    });
    await new Promise((resolve) => svc.serviceName.apply(resolve));
    const reg = registered.find((r) => r.type === "k8s-service:index:Service" && r.name === "features");
    assert.ok(reg);
    assert.deepEqual(reg.inputs.startupProbe, { path: "/started", failureThreshold: 30 });
    assert.deepEqual(reg.inputs.configFiles, { "/etc/app/config.yaml": "level: info\n" });
    assert.deepEqual(reg.inputs.secretFiles, {
        [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
        value: { "/etc/app/token": "s3cr3t" },
    });
    assert.deepEqual(reg.inputs.envVarsFrom, { DB_URL: { secret: "db", key: "url", optional: true } });
    assert.deepEqual(reg.inputs.sidecars, [
        { name: "proxy", image: "envoyproxy/envoy:v1.31.0", shareEnv: false, resourceRequest: { cpu: 20 } },
    ]);
    assert.deepEqual(reg.inputs.nodeAffinity, { required: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["a"] }] });
    assert.deepEqual(reg.inputs.tls, [{ clusterIssuer: "letsencrypt" }]);
    assert.deepEqual(reg.inputs.autoscalingMetrics, [{ type: "Pods", name: "rps", averageValue: "100" }]);
    assert.equal(reg.inputs.priorityClassName, "high");
    assert.deepEqual(reg.inputs.publicUri, ["app.example.com", "api.example.com/v1"]);
});

// Structural inputs are plain in the schema: passing an output to `ports` is a compile
// error in TypeScript (tests/testdata/negative/ts/ports-output.ts), not a preview failure.
test("an output passed to ports does not compile", () => {
    const tsc = require("node:child_process").spawnSync("npx", ["tsc", "-p", "tsconfig.negative.json"], {
        cwd: `${__dirname}/../../../`,
        encoding: "utf8",
    });
    assert.notEqual(tsc.status, 0, "tsc accepted an output for ports");
    assert.match(tsc.stdout, /ports-output\.ts.*error TS2322/s, tsc.stdout);
    assert.match(tsc.stdout, /Type 'Output<.*' is not assignable to type 'PortArgs\[\] \| undefined'/, tsc.stdout);
});

test("traffic and release-day inputs: enums, the gateway, the network policy, the pre-deploy Job and metrics reach the engine typed", async () => {
    const svc = new k8sservice.Service("traffic", {
        image: "nginx:1.27",
        port: { http: 8080 },
        serviceType: k8sservice.ServiceType.LoadBalancer,
        externalTrafficPolicy: k8sservice.ExternalTrafficPolicy.Local,
        loadBalancerSourceRanges: ["10.0.0.0/8"],
        serviceAnnotations: { "example.com/cert": pulumi.output("arn:aws:acm:eu-west-1:1:certificate/x") },
        gateway: { name: "public", namespace: "infra", sectionName: "https", https: true },
        publicUri: ["shop.example.com"],
        networkPolicy: {
            allowFrom: [{ namespace: "infra" }, { service: "web" }],
            allowEgressTo: [{ service: "db", ports: [5432] }, { cidr: "10.20.0.0/16" }],
        },
        preDeploy: { commands: ["/app/migrate"], timeoutSeconds: 300 },
        metrics: { port: "http", via: k8sservice.ScrapeVia.PodMonitor, monitorLabels: { release: "prom" } },
    });
    const aws = new k8sservice.aws.Service("traffic-aws", {
        image: "nginx:1.27",
        port: { http: 8080 },
        serviceType: "LoadBalancer",
        loadBalancerScheme: k8sservice.LoadBalancerScheme.External,
        ingressController: k8sservice.IngressController.Alb,
    });
    await Promise.all([svc, aws].map((s) => new Promise((resolve) => s.urn.apply(resolve))));
    const reg = registered.find((r) => r.type === "k8s-service:index:Service" && r.name === "traffic");
    assert.ok(reg);
    assert.equal(reg.inputs.serviceType, "LoadBalancer");
    assert.equal(reg.inputs.externalTrafficPolicy, "Local");
    assert.deepEqual(reg.inputs.serviceAnnotations, { "example.com/cert": "arn:aws:acm:eu-west-1:1:certificate/x" });
    assert.deepEqual(reg.inputs.gateway, { name: "public", namespace: "infra", sectionName: "https", https: true });
    assert.deepEqual(reg.inputs.networkPolicy, {
        allowFrom: [{ namespace: "infra" }, { service: "web" }],
        allowEgressTo: [{ service: "db", ports: [5432] }, { cidr: "10.20.0.0/16" }],
    });
    assert.deepEqual(reg.inputs.preDeploy, { commands: ["/app/migrate"], timeoutSeconds: 300 });
    assert.deepEqual(reg.inputs.metrics, { port: "http", via: "podMonitor", monitorLabels: { release: "prom" } });
    const awsReg = registered.find((r) => r.type === "k8s-service:aws:Service" && r.name === "traffic-aws");
    assert.ok(awsReg);
    assert.equal(awsReg.inputs.loadBalancerScheme, "external");
    assert.equal(awsReg.inputs.ingressController, "alb");
});
