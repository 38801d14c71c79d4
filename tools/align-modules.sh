#!/usr/bin/env bash
# The Go examples are modules of their own, but every dependency they compile should be at
# the root module's version: then its compiled packages are the root's, found in the build
# cache, instead of a second compile of the Pulumi SDK's closure (18 MB of source; not timed
# on its own: docs/design.md, "How the tools are built"). The Go SDK is not raised: its
# go.mod keeps the lowest Go and Pulumi SDK it builds with (make check-go-sdk-floor), and the
# modules that require it compile it at theirs. Usage:
#   tools/align-modules.sh --check  lists what differs and fails (make lint)
#   tools/align-modules.sh          raises those modules to the root's versions, then tidies
set -euo pipefail
cd "$(dirname "$0")/.."
modules="$(ls -d examples/*/go.mod | xargs -n1 dirname)"
root_versions=$(go list -m -f '{{.Path}} {{.Version}}' all)

# "path own-version root-version" for each module m's packages come from at another version.
differing() {
  (cd "$1" && go list -deps -tags engine -f '{{with .Module}}{{if and .Version (not .Replace)}}{{.Path}} {{.Version}}{{end}}{{end}}' ./... | sort -u) |
    awk 'NR == FNR { root[$1] = $2; next } ($1 in root) && root[$1] != $2 { print $1, $2, root[$1] }' \
      <(echo "$root_versions") -
}

status=0
for m in $modules; do
  # An example's go.mod follows the SDK's raised requirements only once tidied.
  if [ "${1:-}" != --check ]; then (cd "$m" && go mod tidy); fi
  diff=$(differing "$m")
  [ -z "$diff" ] && continue
  if [ "${1:-}" = --check ]; then
    echo "$m compiles these modules at other versions than the root module (path, $m's, root's):"
    echo "$diff" | sed 's/^/  /'
    status=1
  else
    (cd "$m" && go get $(echo "$diff" | awk '{print $1 "@" $3}') && go mod tidy)
  fi
done
if [ $status -ne 0 ]; then echo "run tools/align-modules.sh (then commit the go.mod and go.sum files)"; fi
exit $status
