# The Pulumi YAML language host, found by the CLI on PATH. Without inlining, as tools/cluster
# explains: it only translates the program into registrations.
go build -trimpath -gcflags=all=-l -o "$out/pulumi-language-yaml" \
  -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v1.25.0" \
  github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
