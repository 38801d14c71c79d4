# kubectl for the engine benchmarks only (main.go says why); from k8s.io/kubectl v0.37.0,
# the release Helm v3.22.0 (tools/helm) is built with.
go build -trimpath -o "$out/kubectl" .
