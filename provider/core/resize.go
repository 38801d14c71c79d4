package core

import (
	"fmt"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/api/resource"
)

// warnWhileResizing says so when `up` leaves a bound claim asking for more than it has: a
// storage driver grows the volume some time after the claim asks (its resizer, then the
// node's filesystem), and `up` does not wait for it, since the claim is applied without an
// await (a new claim of a WaitForFirstConsumer class binds only once its pod is scheduled).
func warnWhileResizing(ctx *pulumi.Context, claim *corev1.PersistentVolumeClaimPatch, name string, v Volume) {
	want := resource.MustParse(fmt.Sprintf("%dGi", v.SizeGiB))
	pulumi.All(claim.Status.Phase(), claim.Status.Capacity()).ApplyT(func(status []any) error {
		phase, _ := status[0].(*string)
		capacity, _ := status[1].(map[string]string)
		have, err := resource.ParseQuantity(capacity["storage"])
		if phase == nil || *phase != "Bound" || err != nil || have.Cmp(want) >= 0 {
			return nil
		}
		return ctx.Log.Warn(fmt.Sprintf("volume %s asks for %s and has %s: the storage driver is still growing it, "+
			"and `pulumi up` does not wait for that (`kubectl describe pvc %s` shows its progress)",
			name, want.String(), have.String(), name), &pulumi.LogArgs{Resource: claim})
	})
}
