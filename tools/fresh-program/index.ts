// A user's first program outside the repository, run under Pulumi's mocks: the packed SDK,
// installed as from npm, registers the component with its inputs.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as k8sservice from "@k8s-service/pulumi";

const registered: pulumi.runtime.MockResourceArgs[] = [];
// The assertions run in a callback: count them, so a callback that never runs fails too.
let checks = 0;
process.on("exit", (code) => {
    if (code === 0 && checks !== 1) {
        console.error(`the program's checks ran ${checks} times, want 1`);
        process.exitCode = 1;
    }
});
pulumi.runtime.setMocks(
    {
        newResource: (args) => {
            registered.push(args);
            return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
    },
    "fresh",
    "dev",
    false,
);

const hello = new k8sservice.Service("hello", {
    image: "nginxinc/nginx-unprivileged:1.27",
    port: { http: 8080 },
    priorityClassName: pulumi.output("critical"),
});

hello.urn.apply((urn) => {
    const component = registered.find((r) => r.type === "k8s-service:index:Service");
    assert.ok(component, "the component was not registered");
    assert.deepEqual(component.inputs.port, { http: 8080 });
    assert.equal(component.inputs.priorityClassName, "critical");
    checks++;
    console.log(`TypeScript on Node.js ${process.version}, ${process.argv[2]}: ${urn}`);
});
