#!/usr/bin/env bash
# Installs the packed SDKs (make release-check builds them) into fresh programs outside the
# repository, as a user installs them from npm and PyPI, and runs each under Pulumi's mocks:
# TypeScript on the Node.js first on PATH (24 under make) with the @pulumi/pulumi that
# tests/nodejs pins, Python on the newest Python the Makefile tests (PYTHON, 3.13 under make)
# with the pulumi that tests/python pins.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pin() { sed -n "s|.*\"$1\": \"\\([^\"]*\\)\".*|\\1|p" "$root/tests/nodejs/package.json"; }

mkdir "$dir/ts" && cd "$dir/ts"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "$root/sdk/nodejs/k8s-service-pulumi.tgz" \
  "@pulumi/pulumi@$(pin @pulumi/pulumi)" "typescript@$(pin typescript)" "@types/node@$(pin @types/node)"
cp "$here/index.ts" .
npx tsc --strict --module commonjs --target es2020 --types node index.ts
node index.js "@pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version')"

"${PYTHON:-python3}" -m venv "$dir/py"
"$dir/py/bin/python" --version
"$dir/py/bin/pip" install -q "$root"/dist/python/*.whl "$(grep '^pulumi==' "$root/tests/python/requirements.txt")"
"$dir/py/bin/python" "$here/main.py"
