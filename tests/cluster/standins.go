package cluster

import (
	"context"
	"fmt"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
)

// The stand-ins play what a real cluster adds and this control plane lacks: a CSI disk
// driver (provisioning, expansion, deletion) for the classes below, and an ingress
// controller that publishes an address. They poll: a test cluster holds few objects.
const (
	// Provisioner is the stand-in disk driver's name.
	Provisioner = "disk.k8s-service.test"
	// DefaultClass is the cluster's default StorageClass: WaitForFirstConsumer, expandable.
	DefaultClass = "standard"
	// FixedClass is a class whose volumes cannot grow.
	FixedClass = "fixed"
)

// cloudDiskDrivers are the CSI drivers of the cloud variants' StorageClasses, which the
// stand-in disk driver serves too, so that the variants' storage binds here.
var cloudDiskDrivers = []string{"ebs.csi.aws.com", "pd.csi.storage.gke.io", "disk.csi.azure.com"}

func startStandIns(ctx context.Context, client kubernetes.Interface, dyn dynamic.Interface) error {
	expand := func(b bool) *bool { return &b }
	wait := storagev1.VolumeBindingWaitForFirstConsumer
	classes := []storagev1.StorageClass{
		{ObjectMeta: metav1.ObjectMeta{Name: DefaultClass, Annotations: map[string]string{"storageclass.kubernetes.io/is-default-class": "true"}},
			Provisioner: Provisioner, VolumeBindingMode: &wait, AllowVolumeExpansion: expand(true)},
		{ObjectMeta: metav1.ObjectMeta{Name: FixedClass}, Provisioner: Provisioner, VolumeBindingMode: &wait, AllowVolumeExpansion: expand(false)},
	}
	for i := range classes {
		if _, err := client.StorageV1().StorageClasses().Create(ctx, &classes[i], metav1.CreateOptions{}); err != nil {
			return err
		}
	}
	go poll(ctx, func() { provisionAndExpand(ctx, client) })
	go poll(ctx, func() { publishIngresses(ctx, client) })
	go poll(ctx, func() { publishLoadBalancers(ctx, client) })
	go poll(ctx, func() { acceptRoutes(ctx, client, dyn) })
	go poll(ctx, func() { syncExternalSecrets(ctx, client, dyn) })
	return nil
}

func poll(ctx context.Context, step func()) {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			step()
		}
	}
}

// provisionAndExpand creates a volume for each claim the scheduler placed (or any claim
// of an Immediate class), grows volumes whose claim asks for more, and deletes released
// volumes, as an external provisioner and resizer do.
func provisionAndExpand(ctx context.Context, client kubernetes.Interface) {
	claims, err := client.CoreV1().PersistentVolumeClaims("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return
	}
	for i := range claims.Items {
		claim := &claims.Items[i]
		switch {
		case claim.DeletionTimestamp != nil:
		case claim.Spec.VolumeName == "" && wantsVolume(ctx, client, claim):
			_, _ = client.CoreV1().PersistentVolumes().Create(ctx, volumeFor(claim), metav1.CreateOptions{})
		case claim.Status.Phase == corev1.ClaimBound:
			expand(ctx, client, claim)
		}
	}
	volumes, err := client.CoreV1().PersistentVolumes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return
	}
	for _, v := range volumes.Items {
		if v.Status.Phase == corev1.VolumeReleased && v.Spec.PersistentVolumeReclaimPolicy == corev1.PersistentVolumeReclaimDelete {
			_ = client.CoreV1().PersistentVolumes().Delete(ctx, v.Name, metav1.DeleteOptions{})
		}
	}
}

func wantsVolume(ctx context.Context, client kubernetes.Interface, claim *corev1.PersistentVolumeClaim) bool {
	if claim.Spec.StorageClassName == nil {
		return false
	}
	class, err := client.StorageV1().StorageClasses().Get(ctx, *claim.Spec.StorageClassName, metav1.GetOptions{})
	if err != nil || (class.Provisioner != Provisioner && !slices.Contains(cloudDiskDrivers, class.Provisioner)) {
		return false
	}
	node, placed := claim.Annotations["volume.kubernetes.io/selected-node"]
	if placed {
		// A real node provisions its own (tests/realnode/node).
		n, err := client.CoreV1().Nodes().Get(ctx, node, metav1.GetOptions{})
		return err == nil && n.Annotations[kwokNodeAnnotation] != ""
	}
	return class.VolumeBindingMode == nil || *class.VolumeBindingMode == storagev1.VolumeBindingImmediate
}

func volumeFor(claim *corev1.PersistentVolumeClaim) *corev1.PersistentVolume {
	return &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{
			Name:        fmt.Sprintf("pv-%s", claim.UID),
			Annotations: map[string]string{"pv.kubernetes.io/provisioned-by": Provisioner},
		},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: claim.Spec.Resources.Requests[corev1.ResourceStorage]},
			AccessModes:                   claim.Spec.AccessModes,
			StorageClassName:              *claim.Spec.StorageClassName,
			PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimDelete,
			ClaimRef: &corev1.ObjectReference{Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: claim.Namespace, Name: claim.Name, UID: claim.UID},
			PersistentVolumeSource: corev1.PersistentVolumeSource{
				CSI: &corev1.CSIPersistentVolumeSource{Driver: Provisioner, VolumeHandle: string(claim.UID)},
			},
		},
	}
}

// expand grows the volume, then the claim's reported capacity (controller and node
// expansion in one step: the simulated nodes have no filesystem to resize).
func expand(ctx context.Context, client kubernetes.Interface, claim *corev1.PersistentVolumeClaim) {
	want := claim.Spec.Resources.Requests[corev1.ResourceStorage]
	have := claim.Status.Capacity[corev1.ResourceStorage]
	if want.Cmp(have) <= 0 {
		return
	}
	pv, err := client.CoreV1().PersistentVolumes().Get(ctx, claim.Spec.VolumeName, metav1.GetOptions{})
	if err != nil || pv.Spec.CSI == nil { // the stand-in's own volumes only
		return
	}
	pv.Spec.Capacity[corev1.ResourceStorage] = want.DeepCopy()
	if _, err := client.CoreV1().PersistentVolumes().Update(ctx, pv, metav1.UpdateOptions{}); err != nil {
		return
	}
	claim.Status.Capacity = corev1.ResourceList{corev1.ResourceStorage: want.DeepCopy()}
	_, _ = client.CoreV1().PersistentVolumeClaims(claim.Namespace).UpdateStatus(ctx, claim, metav1.UpdateOptions{})
}

// RealIngressClass is the class a real controller serves (Traefik on the real node): the
// stand-ins leave its Ingresses, Gateways and routes to it.
const RealIngressClass = "traefik"

// publishIngresses gives every Ingress the loopback address, as a controller admitting it would.
func publishIngresses(ctx context.Context, client kubernetes.Interface) {
	ingresses, err := client.NetworkingV1().Ingresses("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return
	}
	for i := range ingresses.Items {
		ing := &ingresses.Items[i]
		if len(ing.Status.LoadBalancer.Ingress) > 0 || (ing.Spec.IngressClassName != nil && *ing.Spec.IngressClassName == RealIngressClass) {
			continue
		}
		ing.Status.LoadBalancer.Ingress = []networkingv1.IngressLoadBalancerIngress{{IP: "127.0.0.1"}}
		_, _ = client.NetworkingV1().Ingresses(ing.Namespace).UpdateStatus(ctx, ing, metav1.UpdateOptions{})
	}
}

// LoadBalancerIP is the address the stand-in cloud gives every LoadBalancer Service.
const LoadBalancerIP = "192.0.2.10"

// publishLoadBalancers gives every LoadBalancer Service an address, as a cloud's
// controller would once its load balancer exists, and takes it away from a Service that
// is no longer one (Kubernetes leaves the status to the controller).
func publishLoadBalancers(ctx context.Context, client kubernetes.Interface) {
	services, err := client.CoreV1().Services("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return
	}
	for i := range services.Items {
		svc := &services.Items[i]
		isLB, published := svc.Spec.Type == corev1.ServiceTypeLoadBalancer, len(svc.Status.LoadBalancer.Ingress) > 0
		if isLB == published {
			continue
		}
		svc.Status.LoadBalancer.Ingress = nil
		if isLB {
			svc.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{{IP: LoadBalancerIP}}
		}
		_, _ = client.CoreV1().Services(svc.Namespace).UpdateStatus(ctx, svc, metav1.UpdateOptions{})
	}
}

// Size is a claim's requested size, for assertions.
func Size(claim corev1.PersistentVolumeClaim) resource.Quantity {
	return claim.Spec.Resources.Requests[corev1.ResourceStorage]
}
