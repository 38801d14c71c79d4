// The smallest k8s-service: an image and a port.
import * as k8sservice from "@k8s-service/pulumi";

const hello = new k8sservice.Service("hello", {
    image: "nginxinc/nginx-unprivileged:1.27",
    port: { http: 8080 },
});

export const internalUrl = hello.internalUrl;
export const currentImage = hello.currentImage;
