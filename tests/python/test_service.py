"""Creates the component through the generated Python SDK under Pulumi's mocks and checks
what reaches the engine: the type token and every input, by its schema (camelCase) name."""

import pulumi

from conftest import registered  # conftest has set the mocks
import pulumi_k8s_service as k8s_service


@pulumi.runtime.test
def test_service_registers_token_and_camel_case_inputs():
    svc = k8s_service.Service(
        "sdk-test",
        image="kennethreitz/httpbin",
        port={"http": 80},
        min_containers=2,
        liveness_probe_path="/get",
        readiness_probe_path="/get",
        public_uri=["httpbin.example.com"],
        persistent_storage=[k8s_service.PersistentStorageArgs(path="/data", size=20)],
        tolerations=[k8s_service.TolerationArgs(key="team", value="booking")],
        cron_jobs=[k8s_service.CronJobArgs(commands=["/bin/sh", "-c", "echo hello"], schedule="* * * * *")],
        env_vars={"MODE": pulumi.Output.from_input("web")},
        secrets={"TOKEN": "s3cr3t"},
        resource_request=k8s_service.ResourcesArgs(cpu=200, memory=256),
        keep_path_prefix=True,
    )

    def check(name):
        assert name == "sdk-test"
        reg = next(r for r in registered if r.typ == "k8s-service:index:Service" and r.name == "sdk-test")
        inputs = reg.inputs
        assert inputs["image"] == "kennethreitz/httpbin"
        assert inputs["port"] == {"http": 80}
        assert inputs["minContainers"] == 2
        assert inputs["livenessProbePath"] == "/get"
        assert inputs["readinessProbePath"] == "/get"
        assert inputs["publicUri"] == ["httpbin.example.com"]
        assert inputs["persistentStorage"] == [{"path": "/data", "size": 20}]
        # The schema's default (effect NoSchedule) is applied by the SDK itself.
        assert inputs["tolerations"] == [{"key": "team", "value": "booking", "effect": "NoSchedule"}]
        assert inputs["cronJobs"] == [{"commands": ["/bin/sh", "-c", "echo hello"], "schedule": "* * * * *"}]
        assert inputs["envVars"] == {"MODE": "web"}
        # The SDK marks `secrets` secret before it leaves the program (Pulumi's secret signature).
        assert inputs["secrets"] == {
            pulumi.runtime.rpc._special_sig_key: pulumi.runtime.rpc._special_secret_sig,
            "value": {"TOKEN": "s3cr3t"},
        }
        assert inputs["resourceRequest"] == {"cpu": 200, "memory": 256}
        assert inputs["keepPathPrefix"] is True

    return svc.service_name.apply(check)


@pulumi.runtime.test
def test_cloud_variants_register_their_tokens_and_cloud_inputs():
    aws = k8s_service.aws.Service(
        "py-aws",
        image="AUTO",
        digest="sha256:" + "ab" * 32,
        namespace="shop",
        oidc_provider_arn="arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X",
        oidc_issuer_url="https://oidc.eks.us-east-1.amazonaws.com/id/X",
        additional_iam_policies=["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"],
        links=[k8s_service.aws.LinkArgs(type="dynamodb", arn="arn:aws:dynamodb:us-east-1:1:table/t", access="write")],
        cloud_secrets=[k8s_service.aws.CloudSecretArgs(
            arn="arn:aws:ssm:us-east-1:1:parameter/k", service=k8s_service.aws.SecretService.PARAMETER_STORE, path="/etc/k")],
    )
    gcp = k8s_service.gcp.Service(
        "py-gcp", image="nginx", project="acme", namespace="shop", disk_type="pd-ssd",
        additional_iam_roles=["roles/pubsub.subscriber"],
        cloud_secrets=[{"secret": "db", "env": "DB_PASSWORD", "version": "2"}],
    )
    azure = k8s_service.azure.Service(
        "py-azure", image="nginx", resource_group_name="rg", namespace="shop",
        oidc_issuer_url="https://eastus.oic.prod-aks.azure.com/t/c/",
        role_assignments=[k8s_service.azure.RoleAssignmentArgs(role_definition_id="/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/g", scope="/subscriptions/s")],
    )

    def check(_):
        def inputs(typ, name):
            return next(r for r in registered if r.typ == typ and r.name == name).inputs

        a = inputs("k8s-service:aws:Service", "py-aws")
        assert a["oidcProviderArn"].endswith("/id/X")
        assert a["additionalIamPolicies"] == ["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"]
        assert a["links"] == [{"type": "dynamodb", "arn": "arn:aws:dynamodb:us-east-1:1:table/t", "access": "write"}]
        assert a["cloudSecrets"] == [{"arn": "arn:aws:ssm:us-east-1:1:parameter/k", "service": "parameterStore", "path": "/etc/k"}]
        g = inputs("k8s-service:gcp:Service", "py-gcp")
        assert g["project"] == "acme" and g["diskType"] == "pd-ssd"
        assert g["additionalIamRoles"] == ["roles/pubsub.subscriber"]
        assert g["cloudSecrets"] == [{"secret": "db", "env": "DB_PASSWORD", "version": "2"}]
        z = inputs("k8s-service:azure:Service", "py-azure")
        assert z["resourceGroupName"] == "rg"
        assert z["roleAssignments"] == [{"roleDefinitionId": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/g", "scope": "/subscriptions/s"}]

    return pulumi.Output.all(aws.urn, gcp.urn, azure.urn).apply(check)


@pulumi.runtime.test
def test_workload_features_reach_the_engine_with_secret_files_secret():
    svc = k8s_service.Service(
        "py-features",
        image="nginx:1.27",
        port={"http": 8080},
        startup_probe=k8s_service.ProbeOptionsArgs(path="/started", failure_threshold=30),
        config_files={"/etc/app/config.yaml": "level: info\n"},
        secret_files={"/etc/app/token": "s3cr3t"},
        env_vars_from={"DB_URL": k8s_service.KeyRefArgs(secret="db", key="url")},
        env_from=[k8s_service.EnvFromSourceArgs(config_map="flags", prefix="FLAG_")],
        init_containers=[k8s_service.ExtraContainerArgs(name="migrate", commands=["/app/migrate"])],
        sidecars=[k8s_service.ExtraContainerArgs(name="proxy", image="envoyproxy/envoy:v1.31.0", share_env=False)],
        scratch_volumes=[k8s_service.ScratchVolumeArgs(path="/cache", size_limit=256)],
        image_pull_secrets=["regcred"],
        node_selector={"pool": "web"},
        node_affinity=k8s_service.NodeAffinityArgs(
            preferred=[k8s_service.NodePreferenceArgs(weight=50, key="pool", operator="In", values=["web"])]
        ),
        public_uri=["app.example.com", pulumi.Output.from_input("api.example.com/v1")],
        tls=[k8s_service.TlsArgs(hosts=["app.example.com"], secret_name="app-tls")],
        autoscaling_metrics=[k8s_service.AutoscalingMetricArgs(type="External", name="queue", value="30")],
        autoscaling_behavior=k8s_service.AutoscalingBehaviorArgs(scale_down_stabilization_seconds=600),
    )

    def check(name):
        reg = next(r for r in registered if r.typ == "k8s-service:index:Service" and r.name == "py-features")
        inputs = reg.inputs
        assert inputs["startupProbe"] == {"path": "/started", "failureThreshold": 30}
        assert inputs["configFiles"] == {"/etc/app/config.yaml": "level: info\n"}
        assert inputs["secretFiles"] == {
            pulumi.runtime.rpc._special_sig_key: pulumi.runtime.rpc._special_secret_sig,
            "value": {"/etc/app/token": "s3cr3t"},
        }
        assert inputs["envVarsFrom"] == {"DB_URL": {"secret": "db", "key": "url"}}
        assert inputs["envFrom"] == [{"configMap": "flags", "prefix": "FLAG_"}]
        assert inputs["sidecars"] == [{"name": "proxy", "image": "envoyproxy/envoy:v1.31.0", "shareEnv": False}]
        assert inputs["scratchVolumes"] == [{"path": "/cache", "sizeLimit": 256, "memory": False}]
        assert inputs["nodeAffinity"] == {"preferred": [{"weight": 50, "key": "pool", "operator": "In", "values": ["web"]}]}
        assert inputs["tls"] == [{"hosts": ["app.example.com"], "secretName": "app-tls"}]
        assert inputs["autoscalingMetrics"] == [{"type": "External", "name": "queue", "value": "30"}]
        assert inputs["autoscalingBehavior"] == {"scaleDownStabilizationSeconds": 600}
        assert inputs["publicUri"] == ["app.example.com", "api.example.com/v1"]

    return svc.service_name.apply(check)


@pulumi.runtime.test
def test_traffic_inputs_reach_the_engine_typed():
    svc = k8s_service.Service(
        "py-traffic",
        image="nginx:1.27",
        port={"http": 8080},
        service_type=k8s_service.ServiceType.NODE_PORT,
        external_traffic_policy=k8s_service.ExternalTrafficPolicy.LOCAL,
        gateway=k8s_service.GatewayRefArgs(name="public", https=True),
        public_uri=["shop.example.com/api"],
        keep_path_prefix=True,
        network_policy=k8s_service.NetworkPolicyArgs(
            allow_from=[k8s_service.TrafficPeerArgs(namespace="infra"), k8s_service.TrafficPeerArgs(service="web")],
            allow_egress_to=[k8s_service.EgressPeerArgs(cidr="10.20.0.0/16", ports=[5432])],
        ),
        pre_deploy=k8s_service.PreDeployArgs(commands=["/app/migrate"]),
        metrics=k8s_service.MetricsArgs(via=k8s_service.ScrapeVia.ANNOTATIONS, path="/stats"),
    )
    gcp = k8s_service.gcp.Service(
        "py-traffic-gcp",
        image="nginx:1.27",
        project="acme",
        namespace="shop",
        port={"http": 8080},
        service_type="LoadBalancer",
        load_balancer_scheme=k8s_service.LoadBalancerScheme.INTERNAL,
    )

    def check(_):
        inputs = next(r for r in registered if r.name == "py-traffic").inputs
        assert inputs["serviceType"] == "NodePort"
        assert inputs["externalTrafficPolicy"] == "Local"
        assert inputs["gateway"] == {"name": "public", "https": True}
        assert inputs["networkPolicy"] == {
            "allowFrom": [{"namespace": "infra"}, {"service": "web"}],
            "allowEgressTo": [{"cidr": "10.20.0.0/16", "ports": [5432]}],
        }
        assert inputs["preDeploy"] == {"commands": ["/app/migrate"]}
        assert inputs["metrics"] == {"via": "annotations", "path": "/stats"}
        assert next(r for r in registered if r.name == "py-traffic-gcp").inputs["loadBalancerScheme"] == "internal"

    return pulumi.Output.all(svc.urn, gcp.urn).apply(check)
