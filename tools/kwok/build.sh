# kwok simulates the nodes and their pods. Without inlining, as tools/kube explains.
go build -trimpath -gcflags=all=-l -o "$out/kwok" sigs.k8s.io/kwok/cmd/kwok
