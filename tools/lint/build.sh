# The linters of `make lint`: staticcheck (configuration: staticcheck.conf at the root) and
# goimports, which checks the import grouping (standard library, then the rest, then this
# module).
go build -trimpath -o "$out/staticcheck" honnef.co/go/tools/cmd/staticcheck
go build -trimpath -o "$out/goimports" golang.org/x/tools/cmd/goimports
