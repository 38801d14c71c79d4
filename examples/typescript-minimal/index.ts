// The smallest k8s-service: an image and a port. With the stack's `canaryTag` set, a
// canary of that tag runs beside it (docs/traffic.md, "Canary releases").
import * as pulumi from "@pulumi/pulumi";
import * as k8sservice from "@k8s-service/pulumi";

const canaryTag = new pulumi.Config().get("canaryTag");

const hello = new k8sservice.Service("hello", {
    image: "nginxinc/nginx-unprivileged:1.27",
    port: { http: 8080 },
    canary: canaryTag ? { tag: canaryTag, weight: 10 } : undefined,
});

export const internalUrl = hello.internalUrl;
export const currentImage = hello.currentImage;
export const canaryImage = hello.canaryImage;
