"""The smallest k8s-service: an image and a port."""

import pulumi
import pulumi_k8s_service as k8s_service

hello = k8s_service.Service(
    "hello",
    image="nginxinc/nginx-unprivileged:1.27",
    port={"http": 8080},
)

pulumi.export("internalUrl", hello.internal_url)
pulumi.export("currentImage", hello.current_image)
