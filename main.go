// The plugin's entry point where PulumiPlugin.yaml is, so that `pulumi package add
// <checkout>` and Pulumi.yaml `packages:` can build and run it from source.
package main

import (
	"fmt"
	"os"

	"github.com/k8s-service/pulumi-k8s-service/provider"
)

func main() {
	if err := provider.Serve(); err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
}
