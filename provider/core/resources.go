package core

import (
	"fmt"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Quantities are CPU in millicores and memory and ephemeral storage in MiB; zero
// ephemeral storage is left unset.
type Quantities struct {
	CPU, MemoryMiB, EphemeralMiB int
}

// restrictedEphemeralMiB is the ephemeral-storage request of the restricted profile.
const restrictedEphemeralMiB = 256

// resolveResources applies the defaults: requests {100m, 128Mi}; each limit twice its
// request unless resourceLimits sets it. Ephemeral storage is requested and limited
// when given, or by default under the restricted profile.
func resolveResources(args *ServiceArgs, restricted bool) (Quantities, Quantities, field.ErrorList) {
	var errs field.ErrorList
	req, lim := args.ResourceRequest, args.ResourceLimits
	if req == nil {
		req = &Resources{}
	}
	if lim == nil {
		lim = &Resources{}
	}
	ephemeral := 0
	if restricted {
		ephemeral = restrictedEphemeralMiB
	}
	requests := Quantities{CPU: deref(req.Cpu, 100), MemoryMiB: deref(req.Memory, 128), EphemeralMiB: deref(req.EphemeralStorage, ephemeral)}
	limits := Quantities{
		CPU: deref(lim.Cpu, 2*requests.CPU), MemoryMiB: deref(lim.Memory, 2*requests.MemoryMiB),
		EphemeralMiB: deref(lim.EphemeralStorage, 2*requests.EphemeralMiB),
	}
	for _, q := range []struct {
		path  *field.Path
		value int
	}{
		{field.NewPath("resourceRequest", "cpu"), requests.CPU},
		{field.NewPath("resourceRequest", "memory"), requests.MemoryMiB},
		{field.NewPath("resourceLimits", "cpu"), limits.CPU},
		{field.NewPath("resourceLimits", "memory"), limits.MemoryMiB},
	} {
		if q.value <= 0 {
			errs = append(errs, field.Invalid(q.path, q.value, "must be more than 0"))
		}
	}
	if len(errs) == 0 && limits.CPU < requests.CPU {
		errs = append(errs, field.Invalid(field.NewPath("resourceLimits", "cpu"), limits.CPU,
			fmt.Sprintf("must be at least the CPU request (%d)", requests.CPU)))
	}
	for _, q := range []struct {
		path  *field.Path
		value *int
	}{
		{field.NewPath("resourceRequest", "ephemeralStorage"), req.EphemeralStorage},
		{field.NewPath("resourceLimits", "ephemeralStorage"), lim.EphemeralStorage},
	} {
		if q.value != nil && *q.value <= 0 {
			errs = append(errs, field.Invalid(q.path, *q.value, "must be more than 0"))
		}
	}
	if len(errs) == 0 && limits.EphemeralMiB < requests.EphemeralMiB {
		errs = append(errs, field.Invalid(field.NewPath("resourceLimits", "ephemeralStorage"), limits.EphemeralMiB,
			fmt.Sprintf("must be at least the ephemeral storage request (%d)", requests.EphemeralMiB)))
	}
	if len(errs) == 0 && limits.MemoryMiB < requests.MemoryMiB {
		errs = append(errs, field.Invalid(field.NewPath("resourceLimits", "memory"), limits.MemoryMiB,
			fmt.Sprintf("must be at least the memory request (%d)", requests.MemoryMiB)))
	}
	return requests, limits, errs
}

func (q Quantities) resourceList() pulumi.StringMap {
	list := pulumi.StringMap{
		"cpu":    pulumi.String(fmt.Sprintf("%dm", q.CPU)),
		"memory": pulumi.String(fmt.Sprintf("%dMi", q.MemoryMiB)),
	}
	if q.EphemeralMiB > 0 {
		list["ephemeral-storage"] = pulumi.String(fmt.Sprintf("%dMi", q.EphemeralMiB))
	}
	return list
}

func resourceRequirements(cfg *Config) corev1.ResourceRequirementsArgs {
	return corev1.ResourceRequirementsArgs{
		Requests: cfg.Requests.resourceList(),
		Limits:   cfg.Limits.resourceList(),
	}
}
