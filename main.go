// The plugin's entry point where PulumiPlugin.yaml is, so that `pulumi package add
// <checkout>` and Pulumi.yaml `packages:` can build and run it from source.
package main

import (
	_ "embed"
	"fmt"
	"os"
	"strings"

	"github.com/k8s-service/pulumi-k8s-service/provider"
)

//go:embed VERSION
var version string

func main() {
	provider.Version = strings.TrimSpace(version)
	if err := provider.Serve(); err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
}
