//go:build tools

// Package lint pins the linters `make lint` runs: staticcheck and goimports (import grouping).
package lint

import (
	_ "golang.org/x/tools/cmd/goimports"
	_ "honnef.co/go/tools/cmd/staticcheck"
)
