package core

import (
	"fmt"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Quantities are CPU in millicores and memory in MiB.
type Quantities struct {
	CPU, MemoryMiB int
}

// resolveResources applies the defaults: requests {100m, 128Mi}; each limit twice its
// request unless resourceLimits sets it.
func resolveResources(args *ServiceArgs) (Quantities, Quantities, field.ErrorList) {
	var errs field.ErrorList
	req, lim := args.ResourceRequest, args.ResourceLimits
	if req == nil {
		req = &Resources{}
	}
	if lim == nil {
		lim = &Resources{}
	}
	requests := Quantities{CPU: deref(req.Cpu, 100), MemoryMiB: deref(req.Memory, 128)}
	limits := Quantities{CPU: deref(lim.Cpu, 2*requests.CPU), MemoryMiB: deref(lim.Memory, 2*requests.MemoryMiB)}
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
	if len(errs) == 0 && limits.MemoryMiB < requests.MemoryMiB {
		errs = append(errs, field.Invalid(field.NewPath("resourceLimits", "memory"), limits.MemoryMiB,
			fmt.Sprintf("must be at least the memory request (%d)", requests.MemoryMiB)))
	}
	return requests, limits, errs
}

func (q Quantities) resourceList() pulumi.StringMap {
	return pulumi.StringMap{
		"cpu":    pulumi.String(fmt.Sprintf("%dm", q.CPU)),
		"memory": pulumi.String(fmt.Sprintf("%dMi", q.MemoryMiB)),
	}
}

func resourceRequirements(cfg *Config) corev1.ResourceRequirementsArgs {
	return corev1.ResourceRequirementsArgs{
		Requests: cfg.Requests.resourceList(),
		Limits:   cfg.Limits.resourceList(),
	}
}
