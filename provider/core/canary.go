package core

import (
	"fmt"

	"github.com/distribution/reference"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// resolveCanary checks a canary against what the service already resolved: it needs a
// Deployment beside which to run, a new version, and a way to weigh the public traffic.
func resolveCanary(in *Canary, image ImageArgs, cfg *Config, fldPath *field.Path) (*ResolvedCanary, field.ErrorList) {
	if in == nil {
		return nil, nil
	}
	c := &ResolvedCanary{Tag: in.Tag, Digest: in.Digest, Weight: in.Weight, Replicas: deref(in.Replicas, 1)}
	var errs field.ErrorList
	switch {
	case !cfg.HasWorkload():
		errs = append(errs, field.Forbidden(fldPath, "a cron-only service (maxContainers: 0) has no pods for a canary to run beside"))
	case cfg.IsStateful():
		errs = append(errs, field.Forbidden(fldPath, "a stateful service (persistentStorage) cannot run a canary: each pod "+
			"owns its disks by ordinal, and a canary pod would have none; roll the new version with `tag`"))
	case IsAuto(image) && image.Tag == nil && image.Digest == nil:
		errs = append(errs, field.Forbidden(fldPath, "the service runs no pods until `tag` or `digest` is given: "+
			"deploy the first version with them, then a canary beside it"))
	}
	if in.Weight < 0 || in.Weight > 100 {
		errs = append(errs, field.Invalid(fldPath.Child("weight"), in.Weight, "must be a percentage, 0 to 100"))
	}
	if c.Replicas < 1 {
		errs = append(errs, field.Invalid(fldPath.Child("replicas"), c.Replicas, "must be at least 1: a canary without pods takes no traffic"))
	}
	if in.Tag == nil && in.Digest == nil {
		return c, append(errs, field.Required(fldPath.Child("tag"), "the new version's `tag` or `digest`"))
	}
	errs = append(errs, validateCanaryVersion(in, image, fldPath)...)
	if ing := cfg.Ingress; len(ing.URIs) > 0 && ing.Gateway == nil && controllers[ing.Controller].canary == nil {
		errs = append(errs, field.Forbidden(fldPath.Child("weight"), fmt.Sprintf("ingress class %q (ingressController %s) "+
			"cannot weigh traffic between two versions through an Ingress: route through a Gateway (gateway), whose "+
			"routes' backendRefs carry weights; or, if the class's controller reads ingress-nginx's canary annotations "+
			"(Traefik's kubernetesIngressNGINX provider does), set ingressController: nginx (docs/traffic.md)",
			ing.ClassName, ing.Controller)))
	}
	return c, errs
}

// validateCanaryVersion checks that the canary's reference is valid and not the one the
// service runs already, as far as the preview knows them.
func validateCanaryVersion(in *Canary, image ImageArgs, fldPath *field.Path) field.ErrorList {
	tag, tagKnown := KnownString(in.Tag)
	dig, digestKnown := KnownString(in.Digest)
	ref, known := KnownString(image.Image)
	if !known || (in.Tag != nil && !tagKnown) || (in.Digest != nil && !digestKnown) {
		return nil
	}
	if ref == AutoImageValue {
		ref = "registry.invalid/auto"
	}
	stable, err := ComposeImage(ref, orNone(image.Tag), orNone(image.Digest))
	if err != nil {
		return nil // reported with the image
	}
	canary, err := canaryReference(stable, tag, dig)
	if err != nil {
		err.Field = fldPath.Child(err.Field).String()
		return field.ErrorList{err}
	}
	if canary == stable {
		return field.ErrorList{field.Invalid(fldPath.Child("tag"), canary,
			"is the version the service runs already: a canary runs a new one (to roll the service itself, change `tag`)")}
	}
	return nil
}

// orNone is a known input's value, "" for one not given or unknown.
func orNone(in pulumi.StringInput) string {
	v, _ := KnownString(in)
	return v
}

// canaryReference is the service's image reference with the canary's tag and digest
// instead of its own.
func canaryReference(stable, tag, dig string) (string, *field.Error) {
	named, err := reference.ParseNormalizedNamed(stable)
	if err != nil {
		return "", field.Invalid(field.NewPath("image"), stable, "must be an image reference: "+err.Error())
	}
	return ComposeImage(reference.FamiliarName(reference.TrimNamed(named)), tag, dig)
}

// composeCanaryImage is the reference the canary runs, composed once the service's is known.
func composeCanaryImage(stable pulumi.StringInput, c *ResolvedCanary) pulumi.StringInput {
	ref, refKnown := KnownString(stable)
	tag, tagKnown := KnownString(c.Tag)
	dig, digestKnown := KnownString(c.Digest)
	if refKnown && (c.Tag == nil || tagKnown) && (c.Digest == nil || digestKnown) {
		if canary, err := canaryReference(ref, tag, dig); err == nil {
			return pulumi.String(canary)
		}
	}
	return pulumi.All(stable, orEmpty(c.Tag), orEmpty(c.Digest)).ApplyT(func(v []any) (string, error) {
		canary, err := canaryReference(v[0].(string), v[1].(string), v[2].(string))
		if err != nil {
			return "", err
		}
		return canary, nil
	}).(pulumi.StringOutput)
}

func (b *builder) trackName(track string) string { return trackName(b.cfg.Name, track) }

// split is what the canary asks of the routes, nil without one.
func (b *builder) split() *trafficSplit {
	if b.cfg.Canary == nil || b.cfg.Ingress.Port == nil {
		return nil
	}
	return &trafficSplit{service: b.cfg.Name, port: *b.cfg.Ingress.Port, weight: b.cfg.Canary.Weight}
}

// routesToStable says whether the public routes go to the stable Service rather than the
// service's own: always through a Gateway or a controller that weighs traffic, so that
// adding and removing a canary only changes the routes' weights, and removing one moves
// every public request to the stable pods before the canary's are deleted. (The
// service's own Service selects the canary's pods too, for callers in the cluster.)
func (b *builder) routesToStable() bool {
	ing := b.cfg.Ingress
	return len(ing.URIs) > 0 && !b.cfg.IsStateful() && (ing.Gateway != nil || controllers[ing.Controller].canary != nil)
}

// routeTarget is the Service the public routes go to, weighted or not.
func (b *builder) routeTarget() string {
	if b.routesToStable() {
		return b.trackName(TrackStable)
	}
	return b.cfg.Name
}

// trackSelector selects one version's pods.
func (b *builder) trackSelector(track string) map[string]string {
	return merge(b.selector(), map[string]string{TrackLabel: track})
}

// trackServiceArgs is a ClusterIP Service over one version's pods, the backends the
// weighted routes split between.
func (b *builder) trackServiceArgs(track string) *corev1.ServiceArgs {
	meta := b.meta(b.trackName(track), map[string]string{SkipAwait: "true"})
	annotations := meta.Annotations.(pulumi.StringMap)
	for k, v := range b.cfg.Ingress.ServiceAnnotations {
		annotations[k] = pulumi.String(v)
	}
	return &corev1.ServiceArgs{Metadata: meta, Spec: corev1.ServiceSpecArgs{
		Type:     pulumi.String(string(ServiceClusterIP)),
		Selector: pulumi.ToStringMap(b.trackSelector(track)),
		Ports:    servicePorts(b.cfg.Ports),
	}}
}

// warnUnweighted says when some of the traffic reaches the canary by its share of the
// pods rather than by weight: through a load balancer or node port Service, and for
// every caller when there are no public routes.
func (b *builder) warnUnweighted(ctx *pulumi.Context) {
	var via string
	switch {
	case b.cfg.Exposure.Type != ServiceClusterIP:
		via = fmt.Sprintf("the %s Service", b.cfg.Exposure.Type)
	case len(b.cfg.Ingress.URIs) == 0:
		via = "the Service (the service has no publicUri)"
	default:
		return
	}
	_ = ctx.Log.Warn(fmt.Sprintf("canary.weight (%d %%) applies to publicUri routes; callers through %s reach the canary "+
		"by its share of the ready pods (%d canary pods beside the service's own)", b.cfg.Canary.Weight, via, b.cfg.Canary.Replicas), nil)
}
