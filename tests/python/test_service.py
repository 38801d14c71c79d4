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
        assert inputs["tolerations"] == [{"key": "team", "value": "booking"}]
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
