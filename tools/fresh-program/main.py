"""A user's first program outside the repository, run under Pulumi's mocks: the packed SDK,
installed as from PyPI, registers the component with its inputs."""

import sys
from importlib.metadata import version

import pulumi

registered = []
# The assertions run in a callback: count them, so a callback that never runs fails too.
checks = []


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        registered.append(args)
        return f"{args.name}-id", args.inputs

    def call(self, args):
        return args.args


pulumi.runtime.set_mocks(Mocks(), preview=False)

import pulumi_k8s_service as k8s_service  # noqa: E402  (after the mocks, as in Pulumi's docs)


@pulumi.runtime.test
def first_program():
    hello = k8s_service.Service("hello", image="nginxinc/nginx-unprivileged:1.27", port={"http": 8080},
                                priority_class_name=pulumi.Output.from_input("critical"))

    def check(urn):
        component = next(r for r in registered if r.typ == "k8s-service:index:Service")
        assert component.inputs["port"] == {"http": 8080}, component.inputs
        assert component.inputs["priorityClassName"] == "critical", component.inputs
        print(f"Python {sys.version.split()[0]}, pulumi {version('pulumi')}: {urn}")
        checks.append(urn)

    return hello.urn.apply(check)


first_program()
if len(checks) != 1:
    sys.exit(f"the program's checks ran {len(checks)} times, want 1")
