package node

import (
	"context"
	"os"
	"path/filepath"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The node provisions its own volumes, as a local-path provisioner would: a claim the
// scheduler placed on the node (any class of the cluster's disk driver) gets a local
// PersistentVolume on a directory of the node, which the kubelet bind-mounts into the pod,
// so bytes written survive the pod. A larger request is granted after ResizeDelay, as an
// external resizer grants it some time after the claim asks.
const (
	volumesDir         = dataDir + "/volumes"
	provisionedBy      = "realnode.k8s-service.test"
	provisionedByKey   = "pv.kubernetes.io/provisioned-by"
	selectedNodeKey    = "volume.kubernetes.io/selected-node"
	ResizeDelay        = 10 * time.Second
	volumePollInterval = 200 * time.Millisecond
)

func (n *Node) serveVolumes(ctx context.Context) {
	asked := map[string]time.Time{} // claim UID → when it first asked for more
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(volumePollInterval):
		}
		n.provision(ctx, asked)
		n.reclaim(ctx)
	}
}

func (n *Node) provision(ctx context.Context, asked map[string]time.Time) {
	claims, err := n.client.CoreV1().PersistentVolumeClaims("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return
	}
	for i := range claims.Items {
		claim := &claims.Items[i]
		switch {
		case claim.DeletionTimestamp != nil || claim.Annotations[selectedNodeKey] != Name:
		case claim.Spec.VolumeName == "":
			n.createVolume(ctx, claim)
		case claim.Status.Phase == corev1.ClaimBound:
			n.grow(ctx, claim, asked)
		}
	}
}

func (n *Node) createVolume(ctx context.Context, claim *corev1.PersistentVolumeClaim) {
	dir := filepath.Join(volumesDir, string(claim.UID))
	// Anyone may write: the pods run as users of their own choosing.
	if err := os.MkdirAll(dir, 0o777); err != nil || os.Chmod(dir, 0o777) != nil {
		return
	}
	class := ""
	if claim.Spec.StorageClassName != nil {
		class = *claim.Spec.StorageClassName
	}
	pv := &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{Name: "realnode-" + string(claim.UID), Annotations: map[string]string{provisionedByKey: provisionedBy}},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: claim.Spec.Resources.Requests[corev1.ResourceStorage]},
			AccessModes:                   claim.Spec.AccessModes,
			StorageClassName:              class,
			PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimDelete,
			ClaimRef: &corev1.ObjectReference{Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: claim.Namespace, Name: claim.Name, UID: claim.UID},
			PersistentVolumeSource: corev1.PersistentVolumeSource{Local: &corev1.LocalVolumeSource{Path: dir}},
			NodeAffinity: &corev1.VolumeNodeAffinity{Required: &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{{
				MatchExpressions: []corev1.NodeSelectorRequirement{{Key: "kubernetes.io/hostname", Operator: corev1.NodeSelectorOpIn, Values: []string{Name}}},
			}}}},
		},
	}
	_, _ = n.client.CoreV1().PersistentVolumes().Create(ctx, pv, metav1.CreateOptions{})
}

// grow grants a larger request ResizeDelay after it was first seen: the volume, then the
// claim's capacity (a directory has no size to change).
func (n *Node) grow(ctx context.Context, claim *corev1.PersistentVolumeClaim, asked map[string]time.Time) {
	want := claim.Spec.Resources.Requests[corev1.ResourceStorage]
	have := claim.Status.Capacity[corev1.ResourceStorage]
	if want.Cmp(have) <= 0 {
		delete(asked, string(claim.UID))
		return
	}
	first, ok := asked[string(claim.UID)]
	if !ok {
		asked[string(claim.UID)] = time.Now()
		return
	}
	if time.Since(first) < ResizeDelay {
		return
	}
	pv, err := n.client.CoreV1().PersistentVolumes().Get(ctx, claim.Spec.VolumeName, metav1.GetOptions{})
	if err != nil || pv.Annotations[provisionedByKey] != provisionedBy {
		return
	}
	pv.Spec.Capacity[corev1.ResourceStorage] = want.DeepCopy()
	if _, err := n.client.CoreV1().PersistentVolumes().Update(ctx, pv, metav1.UpdateOptions{}); err != nil {
		return
	}
	claim.Status.Capacity = corev1.ResourceList{corev1.ResourceStorage: want.DeepCopy()}
	_, _ = n.client.CoreV1().PersistentVolumeClaims(claim.Namespace).UpdateStatus(ctx, claim, metav1.UpdateOptions{})
}

// reclaim deletes the released volumes of the Delete policy, and their directories.
func (n *Node) reclaim(ctx context.Context) {
	volumes, err := n.client.CoreV1().PersistentVolumes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return
	}
	for _, v := range volumes.Items {
		if v.Annotations[provisionedByKey] == provisionedBy && v.Status.Phase == corev1.VolumeReleased &&
			v.Spec.PersistentVolumeReclaimPolicy == corev1.PersistentVolumeReclaimDelete {
			if err := n.client.CoreV1().PersistentVolumes().Delete(ctx, v.Name, metav1.DeleteOptions{}); err == nil {
				_ = os.RemoveAll(v.Spec.Local.Path)
			}
		}
	}
}
