"""A service on GKE: its own Artifact Registry repository (image AUTO), a Google service
account through Workload Identity that may write one bucket, and an SSD volume."""

import pulumi
import pulumi_k8s_service as k8s_service

config = pulumi.Config()
gcp_config = pulumi.Config("gcp")

web = k8s_service.gcp.Service(
    "web",
    image="AUTO",
    tag=config.get("tag"),
    port={"http": 8080},
    healthcheck_path="/healthz",
    namespace="web",
    create_namespace=True,
    project=gcp_config.get("project") or "example-project",
    location=gcp_config.get("region") or "us-central1",
    node_service_account=config.get("nodeServiceAccount"),
    additional_iam_roles=["roles/pubsub.subscriber"],
    links=[k8s_service.gcp.LinkArgs(bucket=config.get("bucket") or "example-uploads", access="write")],
    disk_type="pd-ssd",
    persistent_storage=[k8s_service.PersistentStorageArgs(path="/data", size=20)],
    public_uri=[config.get("host") or "web.example.com"],
)

pulumi.export("dockerRepoUrl", web.docker_repo_url)
pulumi.export("serviceAccountEmail", web.service_account_email)
