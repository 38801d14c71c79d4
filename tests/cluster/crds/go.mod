// The pins of the CRDs the tier's API server serves, read from these modules' own files
// (tests/cluster/crds.go). No Go code: only the versions and their checksums.
module github.com/k8s-service/pulumi-k8s-service/tests/cluster/crds

go 1.26.6

// v1.6 and later declare go 1.27, which this toolchain cannot download as a module.
require sigs.k8s.io/gateway-api v1.5.0
