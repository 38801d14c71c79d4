//go:build tools

// Package pulumiyaml pins the Pulumi YAML language host that the engine test tier runs.
package pulumiyaml

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
