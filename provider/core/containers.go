package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// extraDefaults are an extra container's requests: helpers are smaller than the service.
var extraDefaults = Quantities{CPU: 50, MemoryMiB: 64}

// resolveExtraContainers validates initContainers and sidecars together: their names
// share the pod with each other and with the service's container.
func resolveExtraContainers(service string, sidecars, initContainers []ExtraContainer, restricted bool, fldPath *field.Path) ([]ResolvedContainer, field.ErrorList) {
	var out []ResolvedContainer
	var errs field.ErrorList
	names := map[string]bool{service: true}
	defaults := extraDefaults
	if restricted {
		defaults.EphemeralMiB = restrictedEphemeralMiB / 4
	}
	for _, set := range []struct {
		field   string
		list    []ExtraContainer
		sidecar bool
	}{{"sidecars", sidecars, true}, {"initContainers", initContainers, false}} {
		for i, c := range set.list {
			p := fldPath.Child(set.field).Index(i)
			errs = append(errs, invalid(c.Name, validation.IsDNS1123Label(c.Name), p.Child("name"))...)
			if names[c.Name] {
				errs = append(errs, field.Duplicate(p.Child("name"), c.Name+" (container names are unique in the pod, the service's own included)"))
			}
			names[c.Name] = true
			image := deref(c.Image, "")
			switch {
			case c.Image != nil:
				if _, err := ComposeImage(image, "", ""); err != nil {
					errs = append(errs, field.Invalid(p.Child("image"), image, err.Detail))
				}
			case len(c.Commands) == 0:
				errs = append(errs, field.Required(p.Child("commands"),
					"a container running the service's image needs its own command, or it would run the service"))
			}
			for _, k := range sortedKeys(c.EnvVars) {
				errs = append(errs, invalid(k, validation.IsEnvVarName(k), p.Child("envVars").Key(k))...)
			}
			requests, limits, e := resolveQuantities(c.ResourceRequest, c.ResourceLimits, defaults, p)
			errs = append(errs, e...)
			out = append(out, ResolvedContainer{
				Name: c.Name, Image: image, Commands: c.Commands, Args: c.Args, EnvVars: c.EnvVars,
				ShareEnv: deref(c.ShareEnv, true), Requests: requests, Limits: limits, Sidecar: set.sidecar,
			})
		}
	}
	return out, errs
}

// initContainers are the sidecars first, so that init steps can use them (a database
// proxy for a migration), then the init steps in order.
func (b *builder) initContainers() corev1.ContainerArray {
	var containers corev1.ContainerArray
	for _, c := range b.cfg.Extra {
		containers = append(containers, b.extraContainer(c))
	}
	return containers
}

func (b *builder) extraContainer(c ResolvedContainer) corev1.ContainerArgs {
	args := b.container(c.Commands, c.Args)
	args.Name = pulumi.String(c.Name)
	if c.Image != "" {
		args.Image = pulumi.String(c.Image)
	}
	args.Resources = resourceRequirements(c.Requests, c.Limits)
	var env corev1.EnvVarArray
	if c.ShareEnv {
		env = append(env, b.pod.env...)
	} else {
		args.EnvFrom = nil
	}
	for _, k := range sortedKeys(c.EnvVars) {
		env = append(env, corev1.EnvVarArgs{Name: pulumi.String(k), Value: pulumi.String(c.EnvVars[k])})
	}
	args.Env = env
	if c.Sidecar {
		args.RestartPolicy = pulumi.String("Always")
	}
	return args
}
