package core

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ServiceOutputs are the outputs every variant has.
type ServiceOutputs struct {
	DockerRepoUrl pulumi.StringOutput      `pulumi:"dockerRepoUrl"`
	CurrentImage  pulumi.StringOutput      `pulumi:"currentImage"`
	CurrentTag    pulumi.StringOutput      `pulumi:"currentTag"`
	CurrentDigest pulumi.StringOutput      `pulumi:"currentDigest"`
	ServiceName   pulumi.StringOutput      `pulumi:"serviceName"`
	Namespace     pulumi.StringOutput      `pulumi:"namespace"`
	InternalUrl   pulumi.StringOutput      `pulumi:"internalUrl"`
	PublicUrls    pulumi.StringArrayOutput `pulumi:"publicUrls"`
	WorkloadKind  pulumi.StringOutput      `pulumi:"workloadKind"`
	CanaryImage   pulumi.StringOutput      `pulumi:"canaryImage"`

	LoadBalancerAddress pulumi.StringOutput `pulumi:"loadBalancerAddress"`
}

// Annotate documents the common outputs.
func (o *ServiceOutputs) Annotate(a infer.Annotator) {
	a.Describe(&o.DockerRepoUrl, "The URL of the registry created for `image: AUTO`; empty otherwise.")
	a.Describe(&o.CurrentImage, "The full image reference the pods run; empty while an `AUTO` registry has no tag or digest to run.")
	a.Describe(&o.CurrentTag, "The tag of `currentImage` (Opta's `current_tag`): the `tag` given or the one in `image`, "+
		"`latest` when the reference names neither a tag nor a digest (what the node pulls), empty when it names only a digest.")
	a.Describe(&o.CurrentDigest, "The digest of `currentImage` (Opta's `current_digest`), `sha256:…`: the `digest` given or the one "+
		"in `image`; empty when the pods run a tag.")
	a.Describe(&o.ServiceName, "The name of the Kubernetes Service, workload, autoscaler and service account.")
	a.Describe(&o.Namespace, "The namespace the service lives in.")
	a.Describe(&o.InternalUrl, "The in-cluster address of the service's first port, e.g. `http://app.default.svc.cluster.local:80`; "+
		"empty for a service without ports or long-running pods.")
	a.Describe(&o.PublicUrls, "The public URLs served through ingress, one per `publicUri`, e.g. `http://example.com/api`; "+
		"`https://` for the hosts `tls` covers.")
	a.Describe(&o.LoadBalancerAddress, "The IP address or host name of the load balancer of `serviceType: LoadBalancer`, "+
		"once the cloud has given one (`pulumi up` waits for it); empty for other Service types.")
	a.Describe(&o.CanaryImage, "The full image reference the canary's pods run; empty without `canary`.")
	a.Describe(&o.WorkloadKind, "`Deployment`, `StatefulSet` (with `persistentStorage`), or empty for a cron-only service.")
}
