"""A service on EKS: its own ECR registry (image AUTO), an IAM role for its service
account (IRSA) that may read one bucket and send to one queue, the database password
from Secrets Manager (synced by the External Secrets Operator), and an EBS volume."""

import pulumi
import pulumi_k8s_service as k8s_service

config = pulumi.Config()

api = k8s_service.aws.Service(
    "api",
    image="AUTO",
    tag=config.get("tag"),  # unset on the first deploy: the registry is created, no pods run yet
    port={"http": 8080},
    healthcheck_path="/healthz",
    namespace="api",
    create_namespace=True,
    oidc_provider_arn=config.get("oidcProviderArn") or "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE",
    oidc_issuer_url=config.get("oidcIssuerUrl") or "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE",
    links=[
        k8s_service.aws.LinkArgs(type="s3", arn=config.get("bucketArn") or "arn:aws:s3:::example-reports", access="read"),
        k8s_service.aws.LinkArgs(type="sqs", arn=config.get("queueArn") or "arn:aws:sqs:us-east-1:123456789012:jobs", access="write"),
    ],
    # The role may read exactly this secret; its value never passes through Pulumi.
    cloud_secrets=[k8s_service.aws.CloudSecretArgs(
        arn=config.get("dbSecretArn") or "arn:aws:secretsmanager:us-east-1:123456789012:secret:api/db-AbCdEf",
        key="password", env="DB_PASSWORD")],
    persistent_storage=[k8s_service.PersistentStorageArgs(path="/var/cache/api", size=10)],
)

pulumi.export("dockerRepoUrl", api.docker_repo_url)
pulumi.export("roleArn", api.role_arn)
