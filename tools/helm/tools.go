//go:build tools

// Package tools pins Helm, the baseline the engine benchmarks compare `pulumi up` with.
package tools

import _ "helm.sh/helm/v3/cmd/helm"
