package core

import (
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Config is the validated, defaulted form of ServiceArgs: every plain input resolved,
// so that building objects never has to check or default anything again.
type Config struct {
	Name   string
	Ports  []ResolvedPort
	Probes Probes
	// RolloutTimeout bounds, in seconds, how long `pulumi up` waits for a rollout.
	RolloutTimeout int
	Scaling        Scaling
	Requests       Quantities
	Limits         Quantities
	Ingress        Ingress
	Storage        []Volume
	// StorageClassName is the user's class for Storage, or "".
	StorageClassName string
	// RetainVolumes keeps the claims when the service is destroyed.
	RetainVolumes bool
	Tolerate      []ResolvedToleration
	CronJobs      []ResolvedCronJob

	Commands        []string
	Args            []string
	PodAnnotations  map[string]string
	PodLabels       map[string]string
	Restricted      bool
	CreateNamespace bool

	Files      Files
	Scratch    []Scratch
	Extra      []ResolvedContainer // sidecars, then init containers
	Scheduling Scheduling
}

// Variant says what a variant allows beyond the plain Kubernetes core.
type Variant struct {
	// AutoImage is true when `image: AUTO` creates a registry (cloud variants).
	AutoImage bool
	// Errors are the variant's own validation errors, reported with the core's.
	Errors field.ErrorList
}

// Resolve validates args and fills in defaults. All problems are reported at once, each
// naming its field and what is allowed; nothing is registered before this succeeds.
func Resolve(name string, args *ServiceArgs, variant Variant) (*Config, error) {
	errs := append(field.ErrorList{}, variant.Errors...)
	cfg := &Config{
		Name:           name,
		Commands:       args.Commands,
		Args:           args.Args,
		PodAnnotations: args.PodAnnotations,
		PodLabels:      args.PodLabels,
	}
	errs = append(errs, validateName(name)...)
	errs = append(errs, validateImage(args, variant)...)
	errs = append(errs, validateEnv(args)...)
	errs = append(errs, validatePodMetadata(args)...)
	errs = append(errs, validateNamespace(args)...)
	cfg.CreateNamespace = deref(args.CreateNamespace, false)
	cfg.StorageClassName = deref(args.StorageClassName, "")
	cfg.RetainVolumes = deref(args.RetainVolumes, false)

	var e field.ErrorList
	cfg.Ports, e = resolvePorts(args)
	errs = append(errs, e...)
	cfg.Scaling, e = resolveScaling(args)
	errs = append(errs, e...)
	cfg.Probes, e = resolveProbes(args, cfg.Ports)
	errs = append(errs, e...)
	cfg.RolloutTimeout, e = resolveRolloutTimeout(args)
	errs = append(errs, e...)
	cfg.Restricted, e = resolveSecurityProfile(args)
	errs = append(errs, e...)
	cfg.Requests, cfg.Limits, e = resolveResources(args, cfg.Restricted)
	errs = append(errs, e...)
	cfg.Ingress, e = resolveIngress(args, cfg.Ports, cfg.Scaling)
	errs = append(errs, e...)
	cfg.Storage, e = resolveStorage(name, args, cfg.Scaling, cfg.Restricted)
	errs = append(errs, e...)
	cfg.Tolerate, e = resolveTolerations(args)
	errs = append(errs, e...)
	cfg.CronJobs, e = resolveCronJobs(name, args)
	errs = append(errs, e...)
	errs = append(errs, validateEnvFrom(args)...)
	cfg.Files, e = resolveFiles(args)
	errs = append(errs, e...)
	cfg.Scratch, e = resolveScratch(args)
	errs = append(errs, e...)
	errs = append(errs, validateMountPaths(args, cfg)...)
	cfg.Extra, e = resolveExtraContainers(name, args, cfg.Restricted)
	errs = append(errs, e...)
	cfg.Scheduling, e = resolveScheduling(args)
	errs = append(errs, e...)

	if len(errs) > 0 {
		return nil, errs.ToAggregate()
	}
	return cfg, nil
}

// HasWorkload is false for a cron-only service (maxContainers: 0).
func (c *Config) HasWorkload() bool { return c.Scaling.Max > 0 }

// IsStateful is true when the workload is a StatefulSet.
func (c *Config) IsStateful() bool { return len(c.Storage) > 0 }

// WorkloadKind names the workload's Kubernetes kind, or "" when there is none.
func (c *Config) WorkloadKind() string {
	switch {
	case !c.HasWorkload():
		return ""
	case c.IsStateful():
		return "StatefulSet"
	default:
		return "Deployment"
	}
}

func deref[T any](p *T, fallback T) T {
	if p == nil {
		return fallback
	}
	return *p
}
