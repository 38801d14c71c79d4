# The control plane: API server, controllers (GC, StatefulSet, HPA, PV binder) and scheduler,
# in one invocation so the two cores link them side by side. Built without inlining
# (-gcflags=all=-l): a quarter less compile time, and at the tiers' scale the control plane
# is never what a test waits for (docs/design.md, "How the tools are built").
go build -trimpath -gcflags=all=-l -o "$out/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler
