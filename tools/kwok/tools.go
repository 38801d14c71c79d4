//go:build tools

// Package kwok pins kwok, which simulates the engine tier's nodes and their pods.
package kwok

import _ "sigs.k8s.io/kwok/cmd/kwok"
