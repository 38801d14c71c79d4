#!/usr/bin/env bash
# Builds the engine tier's tools from the Go module proxy, once per pin, into the user's
# cache directory (so a fresh clone on the same machine finds them), and links them into
# the folder given as $1. Each tool is a folder here: its pins (go.mod, go.sum) and its
# recipe (build.sh, run with $out set). The cache key is the hash of that folder and of the
# settings below, so changing a pin or a recipe rebuilds that tool alone. TOOLS picks some
# of them. A recipe states its own compiler flags: GOFLAGS from the caller is not passed on.
# cgo is off, as in the tools' own releases and in the Makefile's builds, which then share
# the standard library's compiled packages with them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/k8s-service-tools
bin=$1
mkdir -p "$bin"
settings="CGO_ENABLED=0"
# Fewer collections in the compiler and linker (the Makefile says what it saves); it does not
# change what they produce, so it is not part of the key.
export GOGC=${GOGC:-400}

for name in ${TOOLS:-cluster pulumi pulumi-yaml traefik kube-router}; do
  key=$(cat "$here/$name"/* <(echo "$settings") | sha256sum | cut -c1-12)
  out="$cache/$name-$key"
  if [ ! -f "$out/.built" ]; then
    echo "building $name into $out (once per pin)"
    start=$SECONDS
    rm -rf "$out" && mkdir -p "$out"
    (cd "$here/$name" && env -u GOFLAGS $settings out="$out" bash -euo pipefail build.sh)
    touch "$out/.built"
    echo "built $name in $((SECONDS - start)) s"
  fi
  for f in "$out"/*; do ln -sfn "$f" "$bin/$(basename "$f")"; done
done
