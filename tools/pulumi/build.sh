# The Pulumi CLI, version stamped as a release build does.
go build -trimpath -o "$out/pulumi" \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.274.1" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
