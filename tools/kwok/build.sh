# kwok simulates the nodes and their pods.
go build -trimpath -o "$out/kwok" sigs.k8s.io/kwok/cmd/kwok
