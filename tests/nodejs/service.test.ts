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
