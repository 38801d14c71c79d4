//go:build tools

// Package pulumicli pins the Pulumi CLI that the engine test tier runs.
// pkg/v3 replaces ../sdk in its own go.mod, so it cannot be `go install`ed;
// this module requires it and repeats the one replace it needs.
package pulumicli

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
