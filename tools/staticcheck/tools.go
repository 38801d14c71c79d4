//go:build tools

// Package staticcheck pins staticcheck, the linter `make lint` runs.
package staticcheck

import _ "honnef.co/go/tools/cmd/staticcheck"
