# Helm, for the engine benchmarks only (docs/benchmarks.md): `helm install --wait` of the
# same objects the component creates.
go build -trimpath -ldflags "-X helm.sh/helm/v3/internal/version.version=v3.22.0" -o "$out/helm" helm.sh/helm/v3/cmd/helm
