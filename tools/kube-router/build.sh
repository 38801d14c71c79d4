# kube-router v2.1.0's network policy controller alone (--run-firewall), the real node's
# NetworkPolicy engine (tests/realnode/node): iptables and ipset, which this kernel has
# (it lacks the NFQUEUE and IPVS that other engines need). v2.1.0 is the one version the
# module proxy serves; it runs only on the test tier's own node. Built in a copy of its own
# module, with its go.mod and go.sum.
module=github.com/cloudnativelabs/kube-router/v2@v2.1.0
src=$(go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
work=$(mktemp -d)
cp -r "$src"/. "$work" && chmod -R u+w "$work"
(cd "$work" && go build -trimpath -gcflags=all=-l -o "$out/" ./cmd/kube-router)
rm -rf "$work"
