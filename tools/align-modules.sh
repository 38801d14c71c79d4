#!/usr/bin/env bash
# The Go examples are modules of their own, but every dependency they compile should be at
# the root module's version: then its compiled packages are the root's, found in the build
# cache, instead of a second compile of the Pulumi SDK's closure (18 MB of source; not timed
# on its own: docs/design.md, "How the tools are built"). The Go SDK is not raised: its
# go.mod keeps the lowest Go and Pulumi SDK it builds with (make check-go-sdk-floor), and the
# modules that require it compile it at theirs.
#
# The examples require the SDK at its release version, as a program copied out of this
# repository does; examples/go.work puts this checkout's SDK in its place for every go
# command run there. `go mod tidy` ignores a workspace, so tidy() runs it on a copy of the
# go.mod with the same replace, which is dropped again. Usage:
#   tools/align-modules.sh --check  lists what differs or is not tidy, and fails (make lint)
#   tools/align-modules.sh          raises those modules to the root's versions, then tidies
set -euo pipefail
cd "$(dirname "$0")/.."
sdk=github.com/k8s-service/pulumi-k8s-service/sdk
modules="$(ls -d examples/*/go.mod | xargs -n1 dirname)"
root_versions=$(go list -m -f '{{.Path}} {{.Version}}' all)

# "path own-version root-version" for each module m's packages come from at another version.
differing() {
  (cd "$1" && go list -deps -tags engine -f '{{with .Module}}{{if and .Version (not .Replace)}}{{.Path}} {{.Version}}{{end}}{{end}}' ./... | sort -u) |
    awk 'NR == FNR { root[$1] = $2; next } ($1 in root) && root[$1] != $2 { print $1, $2, root[$1] }' \
      <(echo "$root_versions") -
}

# tidy m [--check]: go mod tidy of m with this checkout's SDK; --check only compares.
tidy() {
  local m=$1 tmp
  tmp=$(mktemp -d)
  cp "$m/go.mod" "$tmp/go.mod" && cp "$m/go.sum" "$tmp/go.sum"
  (cd "$m" && export GOWORK=off GOFLAGS= &&
    go mod edit -modfile="$tmp/go.mod" -replace="$sdk=$(cd ../../sdk && pwd)" &&
    go mod tidy -modfile="$tmp/go.mod" &&
    go mod edit -modfile="$tmp/go.mod" -dropreplace="$sdk")
  if [ "${2:-}" = --check ]; then
    local ok=0
    diff -u "$m/go.mod" "$tmp/go.mod" && diff -u "$m/go.sum" "$tmp/go.sum" || ok=1
    rm -rf "$tmp"
    [ $ok -eq 0 ] || echo "go.mod of $m is not tidy: run tools/align-modules.sh"
    return $ok
  fi
  cp "$tmp/go.mod" "$tmp/go.sum" "$m/" && rm -rf "$tmp"
}

status=0
for m in $modules; do
  if [ "${1:-}" = --check ]; then
    tidy "$m" --check || status=1
  else
    tidy "$m"
  fi
  diff=$(differing "$m")
  [ -z "$diff" ] && continue
  if [ "${1:-}" = --check ]; then
    echo "$m compiles these modules at other versions than the root module (path, $m's, root's):"
    echo "$diff" | sed 's/^/  /'
    status=1
  else
    # Outside the workspace, with this checkout's SDK put in place for the go get alone
    # (the released SDK version is not on the proxy until it is published).
    (cd "$m" && export GOWORK=off GOFLAGS= &&
      go mod edit -replace="$sdk=$(cd ../../sdk && pwd)" &&
      go get $(echo "$diff" | awk '{print $1 "@" $3}'); status=$?
      go mod edit -dropreplace="$sdk"; exit $status) && tidy "$m"
  fi
done
if [ $status -ne 0 ]; then echo "run tools/align-modules.sh (then commit the go.mod and go.sum files)"; fi
exit $status
