// kubectl, for the engine benchmarks only (docs/benchmarks.md): `helm template | kubectl
// diff`, Helm's counterpart of a `pulumi preview`. The same main as kubectl's own
// (k8s.io/kubernetes/cmd/kubectl), built from the kubectl module that Helm's release uses.
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"
)

func main() {
	command := cmd.NewDefaultKubectlCommand()
	if err := cli.RunNoErrOutput(command); err != nil {
		util.CheckErr(err)
	}
}
