package core

import "k8s.io/apimachinery/pkg/util/validation/field"

// Resolve validates args and fills in defaults. All problems are reported at once, the
// variant's own (variant, given the core's Config; nil for none) with the core's, each
// naming its field and what is allowed; nothing is registered before this succeeds.
// autoImage allows `image: AUTO`.
func Resolve(name string, args *ServiceArgs, autoImage bool, variant func(name string, cfg *Config) field.ErrorList) (*Config, error) {
	var errs field.ErrorList
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
	// Each check takes its slice of the args and the path they sit at (the top level,
	// nil); the later ones also read what the earlier resolved (ports, scaling, profile).
	var root *field.Path
	errs = append(errs, validateName(name)...)
	errs = append(errs, validateImage(args.ImageArgs, autoImage, root)...)
	errs = append(errs, validateEnv(args.EnvArgs, root)...)
	errs = append(errs, validateEnvFrom(args.EnvArgs, root)...)
	errs = append(errs, validatePodMetadata(args.PodLabels, args.PodAnnotations, root)...)
	cfg.CreateNamespace = deref(args.CreateNamespace, false)
	errs = append(errs, validateNamespace(args.Namespace, cfg.CreateNamespace, root.Child("namespace"))...)
	cfg.StorageClassName = args.StorageClassName
	cfg.RetainVolumes = deref(args.RetainVolumes, false)
	cfg.PinDigest = deref(args.PinDigest, false)

	var e field.ErrorList
	cfg.Ports, e = resolvePorts(args.PortArgs, root)
	errs = append(errs, e...)
	cfg.Scaling, e = resolveScaling(args.ScalingArgs, root)
	errs = append(errs, e...)
	cfg.Probes, e = resolveProbes(args.ProbeArgs, cfg.Ports, root)
	errs = append(errs, e...)
	cfg.RolloutTimeout, e = resolveRolloutTimeout(args.RolloutTimeoutSeconds, cfg.Scaling, cfg.Probes, len(args.PersistentStorage) > 0, root.Child("rolloutTimeoutSeconds"))
	errs = append(errs, e...)
	if p := args.ImagePullPolicy; p != nil {
		errs = append(errs, CheckEnum(*p, root.Child("imagePullPolicy"))...)
		cfg.ImagePullPolicy = *p
	}
	cfg.Restricted, e = resolveSecurityProfile(args.SecurityProfile, root.Child("securityProfile"))
	errs = append(errs, e...)
	cfg.Requests, cfg.Limits, e = resolveResources(args.ResourceRequest, args.ResourceLimits, cfg.Restricted, root)
	errs = append(errs, e...)
	cfg.Ingress, e = resolveIngress(args.IngressArgs, cfg.Ports, cfg.Scaling, root)
	errs = append(errs, e...)
	cfg.Exposure, e = resolveExposure(args.ExposureArgs, cfg.Ports, cfg.Scaling, root)
	errs = append(errs, e...)
	cfg.PreDeploy, e = resolvePreDeploy(args.PreDeploy, cfg.Scaling, root.Child("preDeploy"))
	errs = append(errs, e...)
	cfg.Scrape, e = resolveScrape(args.Metrics, cfg.Ports, cfg.Scaling, root)
	errs = append(errs, e...)
	cfg.NetworkPolicy, e = resolveNetworkPolicy(args.NetworkPolicy, cfg.Scaling, root.Child("networkPolicy"))
	errs = append(errs, e...)
	cfg.Storage, e = resolveStorage(name, args.StorageArgs, cfg.Scaling, cfg.Restricted, root)
	errs = append(errs, e...)
	cfg.Canary, e = resolveCanary(args.Canary, args.ImageArgs, cfg, root.Child("canary"))
	errs = append(errs, e...)
	cfg.Tolerate, e = resolveTolerations(args.Tolerations, root.Child("tolerations"))
	errs = append(errs, e...)
	cfg.CronJobs, e = resolveCronJobs(name, args.CronJobs, root.Child("cronJobs"))
	errs = append(errs, e...)
	cfg.Files, e = resolveFiles(args.FileArgs, root)
	errs = append(errs, e...)
	cfg.Scratch, e = resolveScratch(args.ScratchVolumes, root.Child("scratchVolumes"))
	errs = append(errs, e...)
	errs = append(errs, validateMountPaths(args.FileArgs, args.PersistentStorage, cfg, root)...)
	cfg.Extra, e = resolveExtraContainers(name, args.Sidecars, args.InitContainers, cfg.Restricted, root)
	errs = append(errs, e...)
	cfg.Scheduling, e = resolveScheduling(args.SchedulingArgs, root)
	errs = append(errs, e...)
	errs = append(errs, unreported(validateIntRanges(args), errs)...)
	if variant != nil {
		errs = append(variant(name, cfg), errs...)
	}

	if len(errs) > 0 {
		return nil, errs.ToAggregate()
	}
	if !IsAuto(args.ImageArgs) {
		cfg.Inputs.Image = currentImage(args.ImageArgs) // image is set and its known parts are valid
		if cfg.Canary != nil {
			cfg.Canary.Image = composeCanaryImage(cfg.Inputs.Image, cfg.Canary)
		}
	}
	return cfg, nil
}
