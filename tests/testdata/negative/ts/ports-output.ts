// A program that must not compile: `ports` is plain, so an output cannot be passed
// (tests/nodejs/service.test.ts runs tsc on it).
import * as pulumi from "@pulumi/pulumi";
import * as k8sservice from "@k8s-service/pulumi";

const ports = pulumi.output([{ name: "web", type: k8sservice.PortType.Http, port: 8080 }]);
new k8sservice.Service("app", { image: "nginx:1.27", ports });
