# staticcheck: the linter of `make lint` (configuration: staticcheck.conf at the root).
go build -trimpath -o "$out/staticcheck" honnef.co/go/tools/cmd/staticcheck
