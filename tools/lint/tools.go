//go:build tools

// Package lint pins the linters `make lint` runs: staticcheck, goimports (import grouping),
// misspell (comments and strings) and gosec (security checks).
package lint

import (
	_ "github.com/golangci/misspell/cmd/misspell"
	_ "github.com/securego/gosec/v2/cmd/gosec"
	_ "golang.org/x/tools/cmd/goimports"
	_ "honnef.co/go/tools/cmd/staticcheck"
)
