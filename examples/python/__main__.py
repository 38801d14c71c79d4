"""Opta's httpbin example as a k8s-service: two to three replicas probed on /get, exposed
through ingress, with two persistent volumes per replica (so a StatefulSet),
tolerations, a secret, and a cron job."""

import pulumi
import pulumi_k8s_service as k8s_service

config = pulumi.Config()

httpbin = k8s_service.Service(
    "httpbin",
    image="kennethreitz/httpbin",
    port={"http": 80},
    min_containers=2,
    max_containers=3,
    liveness_probe_path="/get",
    readiness_probe_path="/get",
    initial_liveness_delay=10,
    initial_readiness_delay=5,
    public_uri=[config.get("host") or "httpbin.example.com"],
    persistent_storage=[
        k8s_service.PersistentStorageArgs(path="/data/one", size=1),
        k8s_service.PersistentStorageArgs(path="/data/two", size=2),
    ],
    tolerations=[
        k8s_service.TolerationArgs(key="instancetype", value="memoryoptimized", effect="NoExecute"),
        k8s_service.TolerationArgs(key="team", value="booking"),
        k8s_service.TolerationArgs(key="highpriority"),
    ],
    cron_jobs=[
        k8s_service.CronJobArgs(name="hello", commands=["/bin/sh", "-c", 'echo "Hello world!"'], schedule="* * * * *"),
    ],
    env_vars={"GREETING": "hello"},
    secrets={"API_TOKEN": config.get_secret("apiToken") or ""},
    # The environment's Postgres: orders_db_host, orders_db_port, orders_db_name,
    # orders_db_user and orders_db_password (through the service's Secret).
    links=[
        k8s_service.LinkArgs(
            name="orders",
            type="postgres",
            host=config.get("ordersHost") or "orders.db.internal",
            database="orders",
            user="httpbin",
            password=config.get_secret("ordersPassword"),
        ),
    ],
)

pulumi.export("internalUrl", httpbin.internal_url)
pulumi.export("publicUrls", httpbin.public_urls)
pulumi.export("workloadKind", httpbin.workload_kind)
