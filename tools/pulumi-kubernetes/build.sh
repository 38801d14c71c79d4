# pulumi-kubernetes is served only as this pseudo-version. Its go.mod replaces its sdk with
# ../sdk and its main embeds files that `go run generate.go` writes, so it is built in a
# writable copy of the module with the go.mod and go.sum of this folder (the replace
# dropped, sdk/v4 required from the proxy). The version stamped is no lower than the
# pulumi-kubernetes sdk/v4 the plugin links (root go.mod): the version its children ask for.
# Built without inlining, as tools/kube explains; generate.go runs with the same flags so the
# packages it compiles are the build's own, compiled once.
module=github.com/pulumi/pulumi-kubernetes/provider/v4@v4.0.0-20260115033456-f47bc2d6f199
version=4.30.0
src=$(go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
work=$(mktemp -d)
cp -r "$src"/. "$work" && chmod -R u+w "$work"
cp go.mod go.sum "$work"/
flags="-trimpath -gcflags=all=-l"
(cd "$work/cmd/pulumi-resource-kubernetes" && VERSION=$version go run $flags generate.go)
(cd "$work" && go build $flags -o "$out/pulumi-resource-kubernetes" \
  -ldflags "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$version" \
  ./cmd/pulumi-resource-kubernetes)
rm -rf "$work"
