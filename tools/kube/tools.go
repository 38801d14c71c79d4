//go:build tools

// Package kube pins the control plane the API-server and engine test tiers run:
// kube-apiserver, kube-controller-manager and kube-scheduler of one release.
// k8s.io/kubernetes replaces its staging modules with local paths, so this module
// replaces each of them with the published module of the same release (v0.32.5).
package kube

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
