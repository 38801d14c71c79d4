"""Runs each Python example program under Pulumi's mocks: the installed SDK imports,
and every argument the example passes is one the SDK accepts."""

import pathlib
import runpy

import pulumi
import pytest

from conftest import registered

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(
    "example, name",
    [("python", "httpbin"), ("python-minimal", "hello"), ("aws-python", "api"), ("gcp-python", "web"), ("azure-python", "jobs")],
)
@pulumi.runtime.test
def test_example_registers_the_service(example, name):
    program = runpy.run_path(str(EXAMPLES / example / "__main__.py"), run_name="__main__")

    def check(_):
        names = [r.name for r in registered if r.typ.startswith("k8s-service:") and r.typ.endswith(":Service")]
        assert name in names, names

    return program[name].urn.apply(check)
