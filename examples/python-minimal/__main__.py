"""The smallest k8s-service: an image and a port. With the stack's `canaryTag` set, a
canary of that tag runs beside it (docs/traffic.md, "Canary releases")."""

import pulumi
import pulumi_k8s_service as k8s_service

canary_tag = pulumi.Config().get("canaryTag")

hello = k8s_service.Service(
    "hello",
    image="nginxinc/nginx-unprivileged:1.27",
    port={"http": 8080},
    canary={"tag": canary_tag, "weight": 10} if canary_tag else None,
)

pulumi.export("internalUrl", hello.internal_url)
pulumi.export("currentImage", hello.current_image)
pulumi.export("canaryImage", hello.canary_image)
