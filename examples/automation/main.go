// A CI job's deploy step: `go run .` in this folder with IMAGE (and TAG, NAMESPACE,
// STACK, ...) in the environment, a Pulumi backend (PULUMI_BACKEND_URL, or a login) and a
// kubeconfig. It previews, updates, prints the outputs and exits non-zero on failure. A
// cancelled job (SIGTERM, or Ctrl-C) cancels the update: the CLI ends its running steps,
// writes the state and unlocks the stack, so the next run starts clean.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/k8s-service/pulumi-k8s-service/examples/automation/deploy"
)

func main() {
	settings, err := deploy.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// The Automation API interrupts the CLI (SIGINT) when the context ends.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	outputs, err := deploy.Run(ctx, settings, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for name, out := range outputs {
		fmt.Printf("%s: %v\n", name, out.Value)
	}
}
