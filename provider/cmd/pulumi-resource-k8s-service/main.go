// The k8s-service resource plugin.
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
