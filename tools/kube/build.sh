# The control plane: API server, controllers (GC, StatefulSet, HPA, PV binder) and scheduler.
for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
  go build -trimpath -o "$out/$cmd" "k8s.io/kubernetes/cmd/$cmd"
done
