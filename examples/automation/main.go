// A CI job's deploy step: `go run .` in this folder with IMAGE (and TAG, NAMESPACE,
// STACK, ...) in the environment, a Pulumi backend (PULUMI_BACKEND_URL, or a login) and a
// kubeconfig. It previews, updates, prints the outputs and exits non-zero on failure.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/k8s-service/pulumi-k8s-service/examples/automation/deploy"
)

func main() {
	settings, err := deploy.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	outputs, err := deploy.Run(context.Background(), settings, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for name, out := range outputs {
		fmt.Printf("%s: %v\n", name, out.Value)
	}
}
