# Traefik v3.6.12, the real node's Ingress controller and Gateway API implementation
# (tests/realnode/node): built in a copy of its own module, so that its go.mod, go.sum and
# replace directives are the ones its release is built with.
module=github.com/traefik/traefik/v3@v3.6.12
src=$(go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
work=$(mktemp -d)
cp -r "$src"/. "$work" && chmod -R u+w "$work"
(cd "$work" && go build -trimpath -gcflags=all=-l -o "$out/" ./cmd/traefik)
rm -rf "$work"
