package core

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
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

	// Inputs are the values that may be outputs of other resources, as the builders use them.
	Inputs Inputs
}

// Inputs are the checked values that may be unknown at preview: Resolve passes them on
// so that the builders read nothing but the Config.
type Inputs struct {
	// Image is the composed image the pods run; nil for AUTO (the variant's registry gives it).
	Image       pulumi.StringInput
	Tag, Digest pulumi.StringInput
	Namespace   pulumi.StringInput
	EnvVars     map[string]pulumi.StringInput
	Secrets     map[string]pulumi.StringInput
	ConfigFiles map[string]pulumi.StringInput
	SecretFiles map[string]pulumi.StringInput
	EnvVarsFrom map[string]KeyRef
	EnvFrom     []EnvFromSource
}

// Resolve validates args and fills in defaults. All problems are reported at once, the
// variant's own (variantErrors) with the core's, each naming its field and what is
// allowed; nothing is registered before this succeeds. autoImage allows `image: AUTO`.
func Resolve(name string, args *ServiceArgs, autoImage bool, variantErrors field.ErrorList) (*Config, error) {
	errs := append(field.ErrorList{}, variantErrors...)
	cfg := &Config{
		Name:           name,
		Commands:       args.Commands,
		Args:           args.Args,
		PodAnnotations: args.PodAnnotations,
		PodLabels:      args.PodLabels,
		Inputs: Inputs{
			Tag: args.Tag, Digest: args.Digest, Namespace: args.Namespace,
			EnvVars: args.EnvVars, Secrets: args.Secrets, ConfigFiles: args.ConfigFiles, SecretFiles: args.SecretFiles,
			EnvVarsFrom: args.EnvVarsFrom, EnvFrom: args.EnvFrom,
		},
	}
	errs = append(errs, validateName(name)...)
	errs = append(errs, validateImage(args, autoImage)...)
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
	cfg.RolloutTimeout, e = resolveRolloutTimeout(args, cfg.Scaling, cfg.Probes, len(args.PersistentStorage) > 0)
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
	errs = append(errs, unreported(validateIntRanges(args), errs)...)

	if len(errs) > 0 {
		return nil, errs.ToAggregate()
	}
	if !IsAuto(args) {
		cfg.Inputs.Image = currentImage(args) // image is set and its known parts are valid
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
