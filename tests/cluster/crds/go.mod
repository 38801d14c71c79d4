// The pins of the CRDs the tier's API server serves, read from these modules' own files
// (tests/cluster/crds.go). No Go code: only the versions and their checksums.
module github.com/k8s-service/pulumi-k8s-service/tests/cluster/crds

go 1.26.6

// gateway-api v1.6 and later declare go 1.27, which this toolchain cannot download as a module.
require (
	github.com/external-secrets/external-secrets v1.3.2
	github.com/prometheus-operator/prometheus-operator v0.85.0
	sigs.k8s.io/gateway-api v1.5.0
)
