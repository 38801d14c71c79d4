//go:build tools

// Package kubeapiserver pins the kube-apiserver that the API-server test tier runs.
// k8s.io/kubernetes replaces its staging modules with local paths, so this module
// replaces each of them with the published module of the same release (v0.32.5).
// Build with: go build -o <dir>/kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver
package kubeapiserver

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
