# The cluster: the control plane (kube-apiserver; kube-controller-manager for GC,
# StatefulSets, the HPA and the PV binder; kube-scheduler), kwok for the simulated nodes, the
# kubelet, kube-proxy and metrics-server of the real node (tests/realnode), and
# the pulumi-kubernetes provider, built in one invocation from one build list: they share one
# Kubernetes release (client-go, the API types and the apiserver libraries, v0.33.3), so those
# compile once, not three times (docs/design.md, "How the tools are built").
#
# pulumi-kubernetes is served only as this pseudo-version. Its go.mod replaces its sdk with
# ../sdk and its main embeds files that `go run generate.go` writes, so everything is built
# in a writable copy of that module, with the go.mod and go.sum of this folder (its own
# requirements with the replace dropped, plus k8s.io/kubernetes, its staging modules pinned to
# the same release, and kwok) and tools.go, which keeps those requirements tidy. The version
# stamped is no lower than the pulumi-kubernetes sdk/v4 the plugin links (root go.mod): the
# version its children ask for. Built without inlining (-gcflags=all=-l): less compile time,
# and at the tiers' scale these tools are never what a test waits for.
module=github.com/pulumi/pulumi-kubernetes/provider/v4@v4.0.0-20260115033456-f47bc2d6f199
version=4.30.0
flags="-trimpath -gcflags=all=-l"
src=$(go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
work=$(mktemp -d)
cp -r "$src"/. "$work" && chmod -R u+w "$work"
cp go.mod go.sum "$work"/
mkdir -p "$work/internal/clustertools" && cp tools.go "$work/internal/clustertools/"
(cd "$work/cmd/pulumi-resource-kubernetes" && VERSION=$version go run $flags generate.go)
(cd "$work" && go build $flags -o "$out/" \
  -ldflags "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$version" \
  ./cmd/pulumi-resource-kubernetes \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubelet \
  k8s.io/kubernetes/cmd/kube-proxy \
  sigs.k8s.io/metrics-server/cmd/metrics-server \
  sigs.k8s.io/kwok/cmd/kwok)
rm -rf "$work"
