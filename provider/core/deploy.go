package core

import (
	appsv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"
	autoscalingv2 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/autoscaling/v2"
	batchv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/batch/v1"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	networkingv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/networking/v1"
	policyv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/policy/v1"
	storagev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/storage/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Extensions is what a cloud variant adds to the Kubernetes core. The zero value is the
// plain variant.
type Extensions struct {
	// Image replaces the composed image (the cloud registry's reference for AUTO).
	Image pulumi.StringInput
	// DockerRepoUrl is the registry created for AUTO.
	DockerRepoUrl pulumi.StringInput
	// NoPods holds back the workload (AUTO before the first push).
	NoPods bool
	// StorageClass is created for persistent storage unless storageClassName names one;
	// nil uses the cluster's default class.
	StorageClass *StorageClass
	// ServiceAccountAnnotations bind the service account to a cloud identity.
	ServiceAccountAnnotations pulumi.StringMap
	// PodLabels are added to the pod templates (e.g. Azure Workload Identity's).
	PodLabels map[string]string
	// MountServiceAccountToken mounts the token a cloud identity exchanges.
	MountServiceAccountToken bool
}

// Deploy registers the service's Kubernetes objects as children of parent. cfg comes
// from Resolve, so no input is checked here.
func Deploy(ctx *pulumi.Context, parent pulumi.Resource, cfg *Config, ext Extensions) (ServiceOutputs, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(parent)}
	b := &builder{cfg: cfg, ext: ext, image: ext.Image}
	if b.image == nil {
		b.image = cfg.Inputs.Image
	}
	// Each step reads what the ones before it set on b: the namespace and service
	// account (identity), then what the pods read (the Secret, env, files), which every
	// pod template and the cron jobs refer to.
	namespace, err := b.registerIdentity(ctx, opts)
	if err != nil {
		return ServiceOutputs{}, err
	}
	if err := b.registerPodInputs(ctx, opts); err != nil {
		return ServiceOutputs{}, err
	}
	out := ServiceOutputs{
		DockerRepoUrl: stringOr(ext.DockerRepoUrl),
		CurrentImage:  stringOr(b.image),
		ServiceName:   pulumi.String(cfg.Name).ToStringOutput(),
		Namespace:     namespace,
		InternalUrl:   pulumi.String("").ToStringOutput(),
		PublicUrls:    pulumi.StringArray{}.ToStringArrayOutput(),
		WorkloadKind:  pulumi.String("").ToStringOutput(),
	}
	if ext.NoPods { // AUTO before the first push: nothing to run yet
		out.CurrentImage = pulumi.String("").ToStringOutput()
		return out, nil
	}
	if err := b.registerNetworkPolicies(ctx, opts); err != nil {
		return ServiceOutputs{}, err
	}
	if err := b.registerJobs(ctx, opts); err != nil || !cfg.HasWorkload() {
		return out, err
	}
	if err := b.registerWorkload(ctx, opts); err != nil {
		return ServiceOutputs{}, err
	}
	out.WorkloadKind = pulumi.String(cfg.WorkloadKind()).ToStringOutput()
	if len(cfg.Ports) > 0 {
		out.InternalUrl = internalURL(cfg, namespace)
	}
	urls, err := b.registerIngresses(ctx, opts)
	if len(urls) > 0 {
		out.PublicUrls = urls.ToStringArrayOutput()
	}
	return out, err
}

// registerIdentity registers the namespace when asked for and the service account. It
// returns the namespace the service lives in.
func (b *builder) registerIdentity(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.StringOutput, error) {
	in := b.cfg.Inputs
	b.namespace = in.Namespace
	if b.cfg.CreateNamespace {
		ns, err := corev1.NewNamespace(ctx, b.cfg.Name, &corev1.NamespaceArgs{
			Metadata: metav1.ObjectMetaArgs{Name: in.Namespace, Labels: pulumi.ToStringMap(b.labels())},
		}, opts...)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		b.namespace = ns.Metadata.Name()
	}
	sa, err := corev1.NewServiceAccount(ctx, b.cfg.Name, &corev1.ServiceAccountArgs{Metadata: b.serviceAccountMeta()}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	b.serviceAccount = sa.Metadata.Name().Elem()
	b.serviceAccountUID = sa.Metadata.Uid().Elem()
	if ns, known := knownString(in.Namespace); known {
		return pulumi.String(ns).ToStringOutput(), nil // no apply needed
	}
	return sa.Metadata.Namespace().Elem(), nil // the provider's default namespace, once known
}

// registerJobs registers the cron jobs.
func (b *builder) registerJobs(ctx *pulumi.Context, opts []pulumi.ResourceOption) error {
	for _, job := range b.cfg.CronJobs {
		if _, err := batchv1.NewCronJob(ctx, job.Name, b.cronJobArgs(job), opts...); err != nil {
			return err
		}
	}
	return nil
}

// registerPodInputs registers what the pods read, the Secret of `secrets` and the file
// objects, and sets the env and volumes that refer to them.
func (b *builder) registerPodInputs(ctx *pulumi.Context, opts []pulumi.ResourceOption) error {
	secretName, err := b.registerSecret(ctx, opts)
	if err != nil {
		return err
	}
	in := b.cfg.Inputs
	b.env = append(envArgs(in, secretName), envFromRefs(in)...)
	b.envFrom = envFromSources(in)
	return b.registerFiles(ctx, opts)
}

// registerNetworkPolicies (restricted profile) covers the workload's pods and, apart,
// the cron jobs' pods, which its selector does not match.
func (b *builder) registerNetworkPolicies(ctx *pulumi.Context, opts []pulumi.ResourceOption) error {
	if !b.cfg.Restricted {
		return nil
	}
	if b.cfg.HasWorkload() {
		if _, err := networkingv1.NewNetworkPolicy(ctx, b.cfg.Name, b.networkPolicyArgs(), opts...); err != nil {
			return err
		}
	}
	if len(b.cfg.CronJobs) > 0 {
		name := b.cfg.Name + "-cron-jobs"
		if _, err := networkingv1.NewNetworkPolicy(ctx, name, b.cronNetworkPolicyArgs(name), opts...); err != nil {
			return err
		}
	}
	return nil
}

// registerIngresses registers one Ingress per public URI and returns their URLs.
func (b *builder) registerIngresses(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.StringArray, error) {
	var urls pulumi.StringArray
	seen := map[string]bool{}
	for _, uri := range b.cfg.Ingress.URIs {
		name := ingressName(b.cfg.Name, uri)
		if seen[name] { // two routes that read the same once made a name
			name += "-" + ShortHash(uri.Host+uri.Path)
		}
		seen[name] = true
		if _, err := networkingv1.NewIngress(ctx, name, b.ingressArgs(name, uri), opts...); err != nil {
			return nil, err
		}
		_, tls := b.cfg.Ingress.TLS[uri.Host]
		urls = append(urls, pulumi.String(uri.URL(tls)))
	}
	return urls, nil
}

func (b *builder) serviceAccountMeta() metav1.ObjectMetaArgs {
	meta := b.meta(b.cfg.Name, nil)
	annotations := meta.Annotations.(pulumi.StringMap)
	for k, v := range b.ext.ServiceAccountAnnotations {
		annotations[k] = v
	}
	return meta
}

// registerSecret stores `secrets` in an immutable Secret. A changed value replaces it
// under a new name, so the pod templates change and the pods roll; the old Secret is kept
// (versionedMeta).
func (b *builder) registerSecret(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.StringInput, error) {
	if len(b.cfg.Inputs.Secrets) == 0 {
		return nil, nil
	}
	secret, err := corev1.NewSecret(ctx, b.cfg.Name+"-secrets", &corev1.SecretArgs{
		Metadata:   b.versionedMeta(),
		Type:       pulumi.String("Opaque"),
		Immutable:  pulumi.Bool(true),
		StringData: pulumi.StringMap(b.cfg.Inputs.Secrets),
	}, append(opts, pulumi.ReplaceOnChanges([]string{"stringData"}), pulumi.RetainOnDelete(true))...)
	if err != nil {
		return nil, err
	}
	return secret.Metadata.Name().Elem(), nil
}

// versionedMeta is the metadata of an object that one version of the pod template reads
// (env secrets, config and secret files): a generated name (app-secrets-1a2b3c4d), and the
// service account as owner. Pulumi keeps such an object when a change replaces it
// (RetainOnDelete), so that an earlier ReplicaSet, which `kubectl rollout undo` returns
// to, still finds what its pods mount; Kubernetes deletes them all with the service
// account, when the service is destroyed.
func (b *builder) versionedMeta() metav1.ObjectMetaArgs {
	meta := b.meta(b.cfg.Name, nil)
	meta.Name = nil
	meta.OwnerReferences = b.ownedByServiceAccount()
	return meta
}

// ownedByServiceAccount makes the service account the owner: Kubernetes deletes the
// object with it, and the account's deletion waits for that.
func (b *builder) ownedByServiceAccount() metav1.OwnerReferenceArray {
	return metav1.OwnerReferenceArray{metav1.OwnerReferenceArgs{
		ApiVersion: pulumi.String("v1"), Kind: pulumi.String("ServiceAccount"),
		Name: pulumi.String(b.cfg.Name), Uid: b.serviceAccountUID, BlockOwnerDeletion: pulumi.Bool(true),
	}}
}

// StorageClassImmutableFields are the StorageClass fields Kubernetes refuses to update;
// the class has a generated name, so a new one is created before the old is deleted.
var StorageClassImmutableFields = []string{"provisioner", "parameters", "reclaimPolicy", "volumeBindingMode"}

// registerWorkload registers the Deployment or StatefulSet, its Services and its
// autoscaler, which is only ever created together with a workload.
func (b *builder) registerWorkload(ctx *pulumi.Context, opts []pulumi.ResourceOption) error {
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
		return err
	}
	if len(b.cfg.Ports) > 0 {
		if _, err := corev1.NewService(ctx, b.cfg.Name, b.kubeServiceArgs(b.cfg.Name, false), opts...); err != nil {
			return err
		}
	}
	if _, err := policyv1.NewPodDisruptionBudget(ctx, b.cfg.Name, b.disruptionBudgetArgs(), opts...); err != nil {
		return err
	}
	_, err = autoscalingv2.NewHorizontalPodAutoscaler(ctx, b.cfg.Name, b.autoscalerArgs(),
		append(opts, pulumi.DependsOn([]pulumi.Resource{workload}))...)
	return err
}

// registerStorageClass picks the claims' class: the one the user named, else one created
// for the variant's disk driver, else (nil) the cluster default.
func (b *builder) registerStorageClass(ctx *pulumi.Context, opts []pulumi.ResourceOption) error {
	switch {
	case b.cfg.StorageClassName != "":
		b.storageClass = pulumi.String(b.cfg.StorageClassName)
	case b.ext.StorageClass != nil:
		sc, err := storagev1.NewStorageClass(ctx, b.cfg.Name+"-storage", b.storageClassArgs(b.ext.StorageClass),
			append(opts, pulumi.ReplaceOnChanges(StorageClassImmutableFields))...)
		if err != nil {
			return err
		}
		b.storageClass = sc.Metadata.Name().Elem()
	}
	return nil
}

func internalURL(cfg *Config, namespace pulumi.StringOutput) pulumi.StringOutput {
	port := cfg.Ports[0]
	scheme := ""
	if port.Type == PortHTTP && port.Protocol != ProtoGRPC {
		scheme = "http://"
	}
	return pulumi.Sprintf("%s%s.%s.svc.cluster.local:%d", scheme, cfg.Name, namespace, port.ServicePort)
}

func stringOr(in pulumi.StringInput) pulumi.StringOutput {
	if in == nil {
		return pulumi.String("").ToStringOutput()
	}
	return in.ToStringOutput()
}
