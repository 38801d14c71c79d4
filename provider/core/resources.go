package core

import (
	"fmt"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// restrictedEphemeralMiB is the ephemeral-storage request of the restricted profile.
const restrictedEphemeralMiB = 256

// resolveResources applies the defaults: requests {100m, 128Mi}; each limit twice its
// request unless resourceLimits sets it. Ephemeral storage is requested and limited
// when given, or by default under the restricted profile.
func resolveResources(request, limits *Resources, restricted bool, fldPath *field.Path) (Quantities, Quantities, field.ErrorList) {
	defaults := Quantities{CPU: 100, MemoryMiB: 128}
	if restricted {
		defaults.EphemeralMiB = restrictedEphemeralMiB
	}
	return resolveQuantities(request, limits, defaults, fldPath)
}

// resolveQuantities resolves one container's requests and limits; fldPath is where its
// resourceRequest and resourceLimits fields are (nil: the service's own).
func resolveQuantities(req, lim *Resources, defaults Quantities, fldPath *field.Path) (Quantities, Quantities, field.ErrorList) {
	var errs field.ErrorList
	if req == nil {
		req = &Resources{}
	}
	if lim == nil {
		lim = &Resources{}
	}
	requests := Quantities{CPU: deref(req.Cpu, defaults.CPU), MemoryMiB: deref(req.Memory, defaults.MemoryMiB),
		EphemeralMiB: deref(req.EphemeralStorage, defaults.EphemeralMiB)}
	limits := Quantities{
		CPU: deref(lim.Cpu, 2*requests.CPU), MemoryMiB: deref(lim.Memory, 2*requests.MemoryMiB),
		EphemeralMiB: deref(lim.EphemeralStorage, 2*requests.EphemeralMiB),
	}
	reqPath, limPath := fldPath.Child("resourceRequest"), fldPath.Child("resourceLimits")
	for _, q := range []struct {
		path  *field.Path
		value int
	}{
		{reqPath.Child("cpu"), requests.CPU},
		{reqPath.Child("memory"), requests.MemoryMiB},
		{limPath.Child("cpu"), limits.CPU},
		{limPath.Child("memory"), limits.MemoryMiB},
	} {
		if q.value <= 0 {
			errs = append(errs, field.Invalid(q.path, q.value, "must be more than 0"))
		}
	}
	if len(errs) == 0 && limits.CPU < requests.CPU {
		errs = append(errs, field.Invalid(limPath.Child("cpu"), limits.CPU,
			fmt.Sprintf("must be at least the CPU request (%d)", requests.CPU)))
	}
	for _, q := range []struct {
		path  *field.Path
		value *int
	}{
		{reqPath.Child("ephemeralStorage"), req.EphemeralStorage},
		{limPath.Child("ephemeralStorage"), lim.EphemeralStorage},
	} {
		if q.value != nil && *q.value <= 0 {
			errs = append(errs, field.Invalid(q.path, *q.value, "must be more than 0"))
		}
	}
	if len(errs) == 0 && limits.EphemeralMiB < requests.EphemeralMiB {
		errs = append(errs, field.Invalid(limPath.Child("ephemeralStorage"), limits.EphemeralMiB,
			fmt.Sprintf("must be at least the ephemeral storage request (%d)", requests.EphemeralMiB)))
	}
	if len(errs) == 0 && limits.MemoryMiB < requests.MemoryMiB {
		errs = append(errs, field.Invalid(limPath.Child("memory"), limits.MemoryMiB,
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

func resourceRequirements(requests, limits Quantities) corev1.ResourceRequirementsArgs {
	return corev1.ResourceRequirementsArgs{
		Requests: requests.resourceList(),
		Limits:   limits.resourceList(),
	}
}
