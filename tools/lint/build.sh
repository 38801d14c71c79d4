# The linters of `make lint`: staticcheck (configuration: staticcheck.conf at the root),
# goimports, which checks the import grouping (standard library, then the rest, then this
# module), misspell and gosec.
go build -trimpath -o "$out/staticcheck" honnef.co/go/tools/cmd/staticcheck
go build -trimpath -o "$out/goimports" golang.org/x/tools/cmd/goimports
go build -trimpath -o "$out/misspell" github.com/golangci/misspell/cmd/misspell
go build -trimpath -o "$out/gosec" github.com/securego/gosec/v2/cmd/gosec
