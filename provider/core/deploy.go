package core

import (
	appsv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"
	autoscalingv2 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/autoscaling/v2"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	policyv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/policy/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Deploy registers the service's Kubernetes objects as children of parent. cfg comes
// from Resolve, so no input is checked here.
func Deploy(ctx *pulumi.Context, parent pulumi.Resource, cfg *Config, ext Extensions) (ServiceOutputs, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(parent)}
	image, canary, err := images(cfg, ext)
	if err != nil {
		return ServiceOutputs{}, err
	}
	b := newBuilder(cfg, ext, image, canary)
	// The stages, each referring to what the one before registered: the namespace and
	// service account, then what the pods read (the Secret, env, files), then the objects
	// whose pod templates refer to both.
	id, namespace, err := b.registerIdentity(ctx, opts)
	if err != nil {
		return ServiceOutputs{}, err
	}
	b = b.withIdentity(id)
	pod, err := b.registerPodInputs(ctx, opts)
	if err != nil {
		return ServiceOutputs{}, err
	}
	b = b.withPodInputs(pod)

	current := stringOr(b.image)
	out := ServiceOutputs{
		DockerRepoUrl: stringOr(ext.DockerRepoUrl),
		CurrentImage:  current,
		CurrentTag:    current.ApplyT(func(ref string) string { tag, _ := imageParts(ref); return tag }).(pulumi.StringOutput),
		CurrentDigest: current.ApplyT(func(ref string) string { _, dig := imageParts(ref); return dig }).(pulumi.StringOutput),
		ServiceName:   pulumi.String(cfg.Name).ToStringOutput(),
		Namespace:     namespace,
		InternalUrl:   pulumi.String("").ToStringOutput(),
		PublicUrls:    pulumi.StringArray{}.ToStringArrayOutput(),
		WorkloadKind:  pulumi.String("").ToStringOutput(),
		CanaryImage:   pulumi.String("").ToStringOutput(),

		LoadBalancerAddress: pulumi.String("").ToStringOutput(),
	}
	if ext.NoPods { // AUTO before the first push: nothing to run yet
		out.CurrentImage = pulumi.String("").ToStringOutput()
		out.CurrentTag, out.CurrentDigest = out.CurrentImage, out.CurrentImage
		return out, nil
	}
	if err := b.registerNetworkPolicies(ctx, opts); err != nil {
		return ServiceOutputs{}, err
	}
	if err := b.registerJobs(ctx, opts); err != nil || !cfg.HasWorkload() {
		return out, err
	}
	// The workload (and what is created with it) changes only once the pre-deploy Job,
	// when there is one, has completed.
	workloadOpts := opts
	job, err := b.registerPreDeploy(ctx, opts)
	if err != nil {
		return ServiceOutputs{}, err
	}
	if job != nil {
		workloadOpts = append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{job}))
	}
	svc, workload, err := b.registerWorkload(ctx, workloadOpts)
	if err != nil {
		return ServiceOutputs{}, err
	}
	// The routes change once what they route to is Ready: the workload's rollout, and a
	// canary's, which fails `up` before any route changes if it never is.
	routedTo, err := b.registerTracks(ctx, workloadOpts)
	if err != nil {
		return ServiceOutputs{}, err
	}
	routeOpts := append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn(append(routedTo, workload)))
	if cfg.Canary != nil {
		out.CanaryImage = stringOr(b.canaryImage)
	}
	if err := b.registerScrape(ctx, opts); err != nil {
		return ServiceOutputs{}, err
	}
	if svc != nil && cfg.Exposure.Type == ServiceLoadBalancer {
		out.LoadBalancerAddress = loadBalancerAddress(svc)
	}
	out.WorkloadKind = pulumi.String(cfg.WorkloadKind()).ToStringOutput()
	if len(cfg.Ports) > 0 {
		out.InternalUrl = internalURL(cfg, namespace)
	}
	register := b.registerIngresses
	if cfg.Ingress.Gateway != nil {
		register = b.registerRoutes
	}
	urls, err := register(ctx, routeOpts)
	if len(urls) > 0 {
		out.PublicUrls = urls.ToStringArrayOutput()
	}
	return out, err
}

// images are what the service's pods and its canary's run: the Config's, or the
// registry's AUTO created, whose references pinDigest looks up once they are known.
func images(cfg *Config, ext Extensions) (image, canary pulumi.StringInput, err error) {
	if cfg.Canary != nil {
		canary = cfg.Canary.Image
	}
	if ext.Image == nil { // not AUTO: Construct pinned them
		return cfg.Inputs.Image, canary, nil
	}
	image = ext.Image
	if cfg.Canary != nil {
		canary = composeCanaryImage(ext.Image, cfg.Canary)
	}
	if !cfg.PinDigest {
		return image, canary, nil
	}
	if image, err = pinImage(image); err != nil || canary == nil {
		return image, canary, err
	}
	canary, err = pinImage(canary)
	return image, canary, err
}

// registerIdentity registers the namespace when asked for and the service account. It
// returns them and the namespace the service lives in, as an output.
func (b *builder) registerIdentity(ctx *pulumi.Context, opts []pulumi.ResourceOption) (identity, pulumi.StringOutput, error) {
	in := b.cfg.Inputs
	id := identity{namespace: in.Namespace}
	if b.cfg.CreateNamespace {
		ns, err := corev1.NewNamespace(ctx, b.cfg.Name, &corev1.NamespaceArgs{
			Metadata: metav1.ObjectMetaArgs{Name: in.Namespace, Labels: pulumi.ToStringMap(b.labels())},
		}, opts...)
		if err != nil {
			return identity{}, pulumi.StringOutput{}, err
		}
		id.namespace = ns.Metadata.Name()
	}
	sa, err := corev1.NewServiceAccount(ctx, b.cfg.Name,
		&corev1.ServiceAccountArgs{Metadata: b.withIdentity(id).serviceAccountMeta()}, opts...)
	if err != nil {
		return identity{}, pulumi.StringOutput{}, err
	}
	id.serviceAccount = sa.Metadata.Name().Elem()
	id.serviceAccountUID = sa.Metadata.Uid().Elem()
	if ns, known := KnownString(in.Namespace); known {
		return id, pulumi.String(ns).ToStringOutput(), nil // no apply needed
	}
	return id, sa.Metadata.Namespace().Elem(), nil // the provider's default namespace, once known
}

// registerPodInputs registers what the pods read, the Secret of `secrets`, the file
// objects and the secrets from the cloud's store, and returns the env, volumes and mounts
// that refer to them.
func (b *builder) registerPodInputs(ctx *pulumi.Context, opts []pulumi.ResourceOption) (podInputs, error) {
	secretName, err := b.registerSecret(ctx, opts)
	if err != nil {
		return podInputs{}, err
	}
	volumes, err := b.registerFiles(ctx, opts)
	if err != nil {
		return podInputs{}, err
	}
	cloud, err := b.registerCloudSecrets(ctx, opts)
	if err != nil {
		return podInputs{}, err
	}
	in := b.cfg.Inputs
	return podInputs{
		env:     append(append(envArgs(in, secretName), envFromRefs(in)...), cloud.env...),
		envFrom: envFromSources(in),
		volumes: append(volumes, cloud.volumes...),
		mounts:  cloud.mounts,
	}, nil
}

func internalURL(cfg *Config, namespace pulumi.StringOutput) pulumi.StringOutput {
	port := cfg.Ports[0]
	scheme := ""
	if port.Type == PortHTTP && port.Protocol != ProtoGRPC {
		scheme = "http://"
	}
	return pulumi.Sprintf("%s%s.%s.svc.cluster.local:%d", scheme, cfg.Name, namespace, port.ServicePort)
}

// registerWorkload registers the Deployment or StatefulSet, its Services and its
// autoscaler, which is only ever created together with a workload.
func (b *builder) registerWorkload(ctx *pulumi.Context, opts []pulumi.ResourceOption) (*corev1.Service, pulumi.Resource, error) {
	var workload pulumi.Resource
	var err error
	if b.cfg.IsStateful() {
		workload, err = b.registerStatefulSet(ctx, opts)
	} else {
		// The Deployment starts at minContainers; the autoscaler owns the count after that.
		workload, err = appsv1.NewDeployment(ctx, b.cfg.Name, b.deploymentArgs(),
			append(opts, pulumi.IgnoreChanges([]string{"spec.replicas"}))...)
	}
	if err != nil {
		return nil, nil, err
	}
	var svc *corev1.Service
	if len(b.cfg.Ports) > 0 {
		if svc, err = corev1.NewService(ctx, b.cfg.Name, b.kubeServiceArgs(), opts...); err != nil {
			return nil, nil, err
		}
	}
	if _, err := policyv1.NewPodDisruptionBudget(ctx, b.cfg.Name, b.disruptionBudgetArgs(), opts...); err != nil {
		return nil, nil, err
	}
	_, err = autoscalingv2.NewHorizontalPodAutoscaler(ctx, b.cfg.Name, b.autoscalerArgs(),
		append(opts, pulumi.DependsOn([]pulumi.Resource{workload}))...)
	return svc, workload, err
}
