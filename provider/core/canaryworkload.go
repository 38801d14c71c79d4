package core

import (
	appsv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// canaryDeploymentArgs is the service's Deployment with the canary's image, replicas
// and track; its selector includes the track, so that it never adopts the service's own
// pods (whose Deployment's selector, immutable since 0.1, is SelectorLabel alone: it
// matches the canary's pods too, which Kubernetes keeps apart by their owner).
func (b *builder) canaryDeploymentArgs() *appsv1.DeploymentArgs {
	canary := *b
	canary.image = b.canaryImage
	return canary.deploymentOf(b.trackName(TrackCanary), b.cfg.Canary.Replicas, TrackCanary)
}

// registerTracks registers what the public routes and a canary need: the canary's
// Deployment, and the Services of each version the routes weigh (routesToStable). It
// returns them, for the routes to depend on.
func (b *builder) registerTracks(ctx *pulumi.Context, opts []pulumi.ResourceOption) ([]pulumi.Resource, error) {
	var tracks []string
	var registered []pulumi.Resource
	if b.routesToStable() || (b.cfg.Canary != nil && len(b.cfg.Ports) > 0) {
		tracks = append(tracks, TrackStable)
	}
	if b.cfg.Canary != nil {
		deployment, err := appsv1.NewDeployment(ctx, b.trackName(TrackCanary), b.canaryDeploymentArgs(), opts...)
		if err != nil {
			return nil, err
		}
		registered = append(registered, deployment)
		if len(b.cfg.Ports) > 0 {
			tracks = append(tracks, TrackCanary)
			b.warnUnweighted(ctx)
		}
	}
	for _, track := range tracks {
		svc, err := corev1.NewService(ctx, b.trackName(track), b.trackServiceArgs(track), opts...)
		if err != nil {
			return nil, err
		}
		registered = append(registered, svc)
	}
	return registered, nil
}
