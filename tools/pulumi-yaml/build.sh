# The Pulumi YAML language host, found by the CLI on PATH.
go build -trimpath -o "$out/pulumi-language-yaml" \
  -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v1.25.0" \
  github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
