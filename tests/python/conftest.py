"""Pulumi mocks shared by the Python SDK tests: every registration is recorded."""

import pulumi

registered = []


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        registered.append(args)
        return f"{args.name}-id", {**args.inputs, "serviceName": args.name}

    def call(self, args: pulumi.runtime.MockCallArgs):
        return args.args


pulumi.runtime.set_mocks(Mocks(), preview=False)
