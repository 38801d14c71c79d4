// Package core builds the Kubernetes objects of a k8s-service: the part shared by the
// plain, aws, gcp and azure variants. It holds no cloud code; a variant passes what it
// adds (an image, service-account annotations, a storage class) through Extensions.
package core

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ServiceArgs are the inputs every variant takes. Structural inputs (ports, storage,
// probes, cron jobs) are plain values so that they are validated at preview; values
// that often come from other resources (image, tag, env and secret values, namespace)
// are inputs and may be unknown during preview. Env and secret keys must be known.
type ServiceArgs struct {
	ImageArgs
	PortArgs
	ScalingArgs
	EnvArgs
	ProbeArgs
	IngressArgs
	StorageArgs
	FileArgs
	SchedulingArgs
	ExposureArgs
	ReleaseArgs
	ContainerArgs
	NamespaceArgs
}

// ContainerArgs say how the service's container runs: its command, resources and security
// profile, the containers beside it and the pod template's own metadata.
type ContainerArgs struct {
	Commands        []string          `pulumi:"commands,optional"`
	Args            []string          `pulumi:"args,optional"`
	ResourceRequest *Resources        `pulumi:"resourceRequest,optional"`
	ResourceLimits  *Resources        `pulumi:"resourceLimits,optional"`
	SecurityProfile *SecurityProfile  `pulumi:"securityProfile,optional"`
	InitContainers  []ExtraContainer  `pulumi:"initContainers,optional"`
	Sidecars        []ExtraContainer  `pulumi:"sidecars,optional"`
	PodAnnotations  map[string]string `pulumi:"podAnnotations,optional"`
	PodLabels       map[string]string `pulumi:"podLabels,optional"`
}

// Annotate documents the container inputs.
func (a *ContainerArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Commands, "The container's command (entrypoint), overriding the image's.")
	an.Describe(&a.Args, "The container's arguments, overriding the image's.")
	an.Describe(&a.ResourceRequest, "CPU (millicores) and memory (MiB) requested per container. Default `{cpu: 100, memory: 128}`.")
	an.Describe(&a.ResourceLimits, "CPU (millicores) and memory (MiB) limits. Each defaults to twice its request.")
	an.Describe(&a.SecurityProfile, "`baseline` (default): no privilege escalation, RuntimeDefault seccomp. `restricted`: also "+
		"non-root, read-only root filesystem with a writable `/tmp`, all capabilities dropped.")
	an.Describe(&a.InitContainers, "Containers run to completion, in order, before the service's container starts "+
		"(migrations, downloads). Not run by cron jobs.")
	an.Describe(&a.Sidecars, "Containers that run beside the service's for the pod's whole life (proxies, log shippers), as "+
		"native sidecars (init containers with `restartPolicy: Always`, Kubernetes 1.29 or later): started before the "+
		"service's container and stopped after it. Not run by cron jobs.")
	an.Describe(&a.PodAnnotations, "Annotations added to the pod templates.")
	an.Describe(&a.PodLabels, "Labels added to the pod templates (never to selectors, which are immutable).")
	an.SetDefault(&a.SecurityProfile, string(DefaultSecurityProfile))
}

// ReleaseArgs say how a new version goes out and what runs with it: the rollout's time
// limit, the Job before it, the metrics Prometheus scrapes and the cron jobs.
type ReleaseArgs struct {
	RolloutTimeoutSeconds *int       `pulumi:"rolloutTimeoutSeconds,optional"`
	PreDeploy             *PreDeploy `pulumi:"preDeploy,optional"`
	Metrics               *Metrics   `pulumi:"metrics,optional"`
	CronJobs              []CronJob  `pulumi:"cronJobs,optional"`
	Canary                *Canary    `pulumi:"canary,optional"`
}

// Annotate documents the release inputs.
func (a *ReleaseArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.RolloutTimeoutSeconds, "How long `pulumi up` waits for a rollout (every new pod Ready) before it fails "+
		"with the pods' reasons (an image that cannot be pulled, a crash loop, a probe that never passes); the previous "+
		"pods keep serving. Also the Deployment's progressDeadlineSeconds. At least 30. Default: what a healthy rollout of "+
		"maxContainers replicas needs, at least 120: the pods started one wave after another (a Deployment adds 25 % at a "+
		"time, so at most four waves; a StatefulSet one pod at a time), each allowed its probes' time to pass (a startup "+
		"probe's whole allowance, the readiness delay and period) plus 60 s to schedule and pull.")
	an.Describe(&a.PreDeploy, "A Job run with the new version before the workload changes, e.g. a database migration: "+
		"created again whenever what it runs changes (image, command, env, secrets, files), and awaited; the rollout "+
		"waits for it. If it fails or times out, `pulumi up` fails with its reason, the previous pods keep serving, and "+
		"the next `up` runs it again. docs/release-day.md.")
	an.Describe(&a.Metrics, "Prometheus metrics the pods serve: the port (by name) and path, and how Prometheus learns of "+
		"them, pod annotations (default) or a Prometheus Operator PodMonitor. docs/release-day.md.")
	an.Describe(&a.CronJobs, "Cron jobs run with the service's image, env, secrets, resources and service account.")
	an.Describe(&a.Canary, "A new version run beside the current one, taking `weight` percent of the requests through "+
		"the service's Gateway routes or Ingress before it takes all of them. Promote by setting `tag` (or `digest`) to "+
		"the canary's and removing `canary`; abort by removing it. docs/traffic.md, \"Canary releases\".")
}

// NamespaceArgs say where everything lives.
type NamespaceArgs struct {
	Namespace       pulumi.StringInput `pulumi:"namespace,optional"`
	CreateNamespace *bool              `pulumi:"createNamespace,optional"`
}

// Annotate documents the namespace inputs.
func (a *NamespaceArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Namespace, "The namespace everything lives in. Default: the Kubernetes provider's namespace.")
	an.Describe(&a.CreateNamespace, "Create `namespace` as part of this service (and delete it with it). Default false.")
	an.SetDefault(&a.CreateNamespace, false)
}

// ImageArgs say what the pods run.
type ImageArgs struct {
	Image           pulumi.StringInput `pulumi:"image"`
	Tag             pulumi.StringInput `pulumi:"tag,optional"`
	Digest          pulumi.StringInput `pulumi:"digest,optional"`
	ImagePullPolicy *ImagePullPolicy   `pulumi:"imagePullPolicy,optional"`
	PinDigest       *bool              `pulumi:"pinDigest,optional"`
}

// Annotate documents the image inputs.
func (a *ImageArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Image, "The container image to run, e.g. `kennethreitz/httpbin` or `ghcr.io/org/app:1.2.3`. "+
		"On the cloud variants, `AUTO` creates a private registry for this service and runs `tag` or `digest` from it.")
	an.Describe(&a.Tag, "The image tag to run. Appended to `image` as `:tag`; with `AUTO`, the tag pushed to the created registry.")
	an.Describe(&a.Digest, "The image digest to run (`sha256:...`). Appended to `image` as `@digest`; wins over `tag` on the plain variant.")
	an.Describe(&a.ImagePullPolicy, "When the kubelet pulls the image: `Always`, `IfNotPresent` or `Never`. Default: "+
		"`Always` under the `restricted` profile (every start re-checks the registry's authorization), else Kubernetes' "+
		"own (`Always` for `:latest` or no tag, `IfNotPresent` otherwise). `IfNotPresent` or `Never` runs an image "+
		"loaded into the node (`kind load`, `ctr images import`); with a digest, `IfNotPresent` cannot run a stale image.")
	an.Describe(&a.PinDigest, "Resolve the tag to the digest it names in the registry when the program runs, and run "+
		"`image:tag@sha256:…`: a tag moved later changes no running pod (the next preview shows the new digest as a "+
		"change), and the digest is in the stack's history for an exact rollback. A tag the registry does not have fails "+
		"before any object changes, naming the image. Uses docker's credentials (`~/.docker/config.json` and its credential "+
		"helpers). No effect with `digest`. Default false.")
	an.SetDefault(&a.PinDigest, false)
}

// PortArgs are the container's ports.
type PortArgs struct {
	Port  map[string]int `pulumi:"port,optional"`
	Ports []Port         `pulumi:"ports,optional"`
}

// Annotate documents the port inputs.
func (a *PortArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Port, "The simple form of one port: a map with exactly one key, `http`, `tcp`, `grpc` or `websocket`, "+
		"to the container port number, e.g. `{http: 80}`. The port is named after its key. Not together with `ports`.")
	an.Describe(&a.Ports, "Several ports. At most one of type `http`; names and port numbers unique. Not together with `port`.")
}

// ScalingArgs bound the replicas and steer the autoscaler.
type ScalingArgs struct {
	MinContainers                  *int                 `pulumi:"minContainers,optional"`
	MaxContainers                  *int                 `pulumi:"maxContainers,optional"`
	AutoscalingTargetCpuPercentage *int                 `pulumi:"autoscalingTargetCpuPercentage,optional"`
	AutoscalingTargetMemPercentage *int                 `pulumi:"autoscalingTargetMemPercentage,optional"`
	AutoscalingMetrics             []AutoscalingMetric  `pulumi:"autoscalingMetrics,optional"`
	AutoscalingBehavior            *AutoscalingBehavior `pulumi:"autoscalingBehavior,optional"`
}

// Annotate documents the scaling inputs.
func (a *ScalingArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.MinContainers, "The fewest replicas the autoscaler keeps. Default 1. 0 only together with `maxContainers: 0`.")
	an.Describe(&a.MaxContainers, "The most replicas the autoscaler may run. Default 3. 0 means no long-running pods "+
		"(a cron-only service): no workload, Service, autoscaler or Ingress is created.")
	an.Describe(&a.AutoscalingTargetCpuPercentage, "The autoscaler's target CPU use, in percent of the CPU request. Default 80.")
	an.Describe(&a.AutoscalingTargetMemPercentage, "The autoscaler's target memory use, in percent of the memory request. Default 80.")
	an.Describe(&a.AutoscalingMetrics, "Autoscaler metrics beyond CPU and memory: `Pods`, `Object` or `External` metrics "+
		"served by a metrics adapter (Prometheus adapter, Datadog, KEDA). Set a CPU or memory target to 0 to turn it off.")
	an.Describe(&a.AutoscalingBehavior, "How fast the autoscaler scales: stabilisation windows in seconds.")
	an.SetDefault(&a.MinContainers, DefaultMinContainers)
	an.SetDefault(&a.MaxContainers, DefaultMaxContainers)
	an.SetDefault(&a.AutoscalingTargetCpuPercentage, DefaultTargetPercentage)
	an.SetDefault(&a.AutoscalingTargetMemPercentage, DefaultTargetPercentage)
}

// EnvArgs are the container's environment.
type EnvArgs struct {
	EnvVars     map[string]pulumi.StringInput `pulumi:"envVars,optional"`
	Secrets     map[string]pulumi.StringInput `pulumi:"secrets,optional" provider:"secret"`
	EnvVarsFrom map[string]KeyRef             `pulumi:"envVarsFrom,optional"`
	EnvFrom     []EnvFromSource               `pulumi:"envFrom,optional"`
}

// Annotate documents the env inputs.
func (a *EnvArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.EnvVars, "Plain environment variables for the container and its cron jobs.")
	an.Describe(&a.Secrets, "Secret environment variables. Stored in a Kubernetes Secret owned by the service and injected as env; "+
		"the values stay Pulumi secrets. Changing a value rolls the pods.")
	an.Describe(&a.EnvVarsFrom, "Env vars from keys of existing Secrets or ConfigMaps managed elsewhere (e.g. by an operator): "+
		"env name to `{secret|configMap, key, optional?}`.")
	an.Describe(&a.EnvFrom, "Every key of existing Secrets or ConfigMaps as env vars: `[{secret|configMap, prefix?, optional?}]`.")
}

// ProbeArgs say how Kubernetes checks the container.
type ProbeArgs struct {
	ProbePort             *string       `pulumi:"probePort,optional"`
	HealthcheckPath       *string       `pulumi:"healthcheckPath,optional"`
	LivenessProbePath     *string       `pulumi:"livenessProbePath,optional"`
	ReadinessProbePath    *string       `pulumi:"readinessProbePath,optional"`
	HealthcheckCommand    []string      `pulumi:"healthcheckCommand,optional"`
	LivenessProbeCommand  []string      `pulumi:"livenessProbeCommand,optional"`
	ReadinessProbeCommand []string      `pulumi:"readinessProbeCommand,optional"`
	InitialLivenessDelay  *int          `pulumi:"initialLivenessDelay,optional"`
	InitialReadinessDelay *int          `pulumi:"initialReadinessDelay,optional"`
	StartupProbe          *ProbeOptions `pulumi:"startupProbe,optional"`
	LivenessProbe         *ProbeOptions `pulumi:"livenessProbe,optional"`
	ReadinessProbe        *ProbeOptions `pulumi:"readinessProbe,optional"`
}

// Annotate documents the probe inputs.
func (a *ProbeArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.ProbePort, "The name of the port that the liveness and readiness probes use. Defaults to the first port.")
	an.Describe(&a.HealthcheckPath, "An HTTP path used by both the liveness and the readiness probe.")
	an.Describe(&a.LivenessProbePath, "The liveness probe's HTTP path, when it differs from the readiness probe's.")
	an.Describe(&a.ReadinessProbePath, "The readiness probe's HTTP path, when it differs from the liveness probe's.")
	an.Describe(&a.HealthcheckCommand, "A command run in the container for both probes (exec probe); healthy when it exits 0.")
	an.Describe(&a.LivenessProbeCommand, "The liveness probe's command (exec probe). Not together with a liveness path.")
	an.Describe(&a.ReadinessProbeCommand, "The readiness probe's command (exec probe). Not together with a readiness path.")
	an.Describe(&a.InitialLivenessDelay, "Seconds before the first liveness probe. Default 0: without this and without "+
		"`startupProbe`, a startup probe on the liveness check (every 1 s, 30 failures allowed) holds liveness off while "+
		"the container starts. Setting it replaces that startup probe with this fixed delay.")
	an.Describe(&a.InitialReadinessDelay, "Seconds before the first readiness probe. Default 0: readiness is probed from "+
		"the start, every 2 s, and must pass twice, so a healthy app is Ready 2–4 s after it listens (Opta's default was 30).")
	an.Describe(&a.StartupProbe, "A startup probe: liveness and readiness start only once it passes, so slow starters are "+
		"not killed. `path` (HTTP), `command` (exec), or neither for a TCP check of the probe port. Defaults: every 5 s, "+
		"60 failures allowed (5 minutes to start). Without it, a liveness check gets a startup probe of its own (see "+
		"`initialLivenessDelay`).")
	an.Describe(&a.LivenessProbe, "Tuning of the liveness probe (`periodSeconds`, `timeoutSeconds`, `failureThreshold`); "+
		"`path` or `command` here is the same as `livenessProbePath`/`livenessProbeCommand` (give one of the two).")
	an.Describe(&a.ReadinessProbe, "Tuning of the readiness probe (`periodSeconds`, `timeoutSeconds`, `failureThreshold`, "+
		"`successThreshold`); `path` or `command` here is the same as `readinessProbePath`/`readinessProbeCommand`.")
}

// IngressArgs say where and how the service is served through ingress.
type IngressArgs struct {
	PublicUri                     []pulumi.StringInput `pulumi:"publicUri,optional"`
	KeepPathPrefix                *bool                `pulumi:"keepPathPrefix,optional"`
	IngressClassName              *string              `pulumi:"ingressClassName,optional"`
	IngressExtraAnnotations       map[string]string    `pulumi:"ingressExtraAnnotations,optional"`
	IngressController             *IngressController   `pulumi:"ingressController,optional"`
	AllowUnsafeIngressAnnotations *bool                `pulumi:"allowUnsafeIngressAnnotations,optional"`
	ConsistentHash                *string              `pulumi:"consistentHash,optional"`
	StickySession                 *bool                `pulumi:"stickySession,optional"`
	StickySessionMaxAge           *int                 `pulumi:"stickySessionMaxAge,optional"`
	Tls                           []TLS                `pulumi:"tls,optional"`
	Gateway                       *GatewayRef          `pulumi:"gateway,optional"`
}

// Annotate documents the ingress inputs.
func (a *IngressArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.PublicUri, "Where to expose the service through ingress, as `host` or `host/path/prefix`; one Ingress per entry. "+
		"Needs an `http` port. An entry may be another resource's output (a DNS record's name); one unknown at preview "+
		"is previewed under a positional name with its host and path unknown, and checked by `up`.")
	an.Describe(&a.KeepPathPrefix, "Forward the path prefix of `publicUri` to the app unchanged (true) or strip it (false). Default false.")
	an.Describe(&a.IngressClassName, "The ingress class that serves `publicUri`. Default `nginx`.")
	an.Describe(&a.IngressExtraAnnotations, "Annotations added to every Ingress. ingress-nginx's configuration "+
		"snippets (`*-snippet`) and the annotations behind its 2025 injection CVEs (`auth-url`, `auth-tls-match-cn`, "+
		"`mirror-target`, `mirror-host`, `permanent-redirect`), and values with control characters, are refused "+
		"unless `allowUnsafeIngressAnnotations` is set.")
	an.Describe(&a.Gateway, "Serve publicUri through routes attached to this Gateway (Gateway API) instead of "+
		"Ingresses: an HTTPRoute per entry (a PathPrefix match, and a URLRewrite filter when the prefix is stripped), "+
		"a GRPCRoute for a grpc port. `pulumi up` waits until the Gateway has accepted each route. The ingress inputs "+
		"(`ingressClassName`, `ingressController`, `ingressExtraAnnotations`, `tls`, `stickySession`, `consistentHash`) "+
		"do not apply. docs/traffic.md.")
	an.Describe(&a.IngressController, "The controller that serves `ingressClassName`, which decides how a stripped "+
		"prefix, sticky sessions and gRPC are asked for: `nginx`, `traefik`, `gce`, `alb`, or `other`. Default: the "+
		"class's name when it is one of those (`gce-internal` is `gce`), else `other`, with which only routing by host "+
		"and path prefix is available (`keepPathPrefix: true`). Set `nginx` for a class served by an nginx-compatible "+
		"controller. docs/traffic.md has what each controller supports.")
	an.Describe(&a.AllowUnsafeIngressAnnotations, "Allow `ingressExtraAnnotations` that inject controller configuration "+
		"(ingress-nginx snippets and the like). Default false.")
	an.Describe(&a.ConsistentHash, "Balance ingress traffic by consistent hashing on this nginx variable, e.g. `$request_uri` "+
		"(nginx `upstream-hash-by`). Not together with `stickySession`.")
	an.Describe(&a.StickySession, "Pin each client to one replica with an ingress cookie (`k8s-service-affinity`). Default false.")
	an.Describe(&a.StickySessionMaxAge, "How long the sticky-session cookie lasts, in seconds. Default 86400.")
	an.Describe(&a.Tls, "HTTPS for `publicUri`: each entry covers `hosts` (default: every publicUri host no other entry "+
		"names) with an existing TLS secret (`secretName`) or a certificate from cert-manager (`clusterIssuer` or `issuer`). "+
		"`publicUrls` then start with `https://`.")
	an.SetDefault(&a.KeepPathPrefix, false)
	an.SetDefault(&a.StickySession, false)
	an.SetDefault(&a.StickySessionMaxAge, DefaultStickySessionMaxAge)
}

// StorageArgs are the persistent volumes.
type StorageArgs struct {
	PersistentStorage []PersistentStorage `pulumi:"persistentStorage,optional"`
	StorageClassName  pulumi.StringInput  `pulumi:"storageClassName,optional"`
	RetainVolumes     *bool               `pulumi:"retainVolumes,optional"`
}

// Annotate documents the storage inputs.
func (a *StorageArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.PersistentStorage, "Persistent volumes, one per replica per entry. Setting it makes the workload a StatefulSet. "+
		"A larger size grows the existing volumes in place; adding or removing an entry keeps the others. Volumes are deleted "+
		"only when the service is destroyed (never with `retainVolumes`), not when an entry or the storage is removed.")
	an.Describe(&a.StorageClassName, "An existing StorageClass for persistentStorage. Default: the cluster's default class "+
		"on the plain variant; on the cloud variants, a class the service creates for the cloud's CSI disk driver.")
	an.Describe(&a.RetainVolumes, "Keep the persistent volumes' claims even when the service is destroyed, for data that must "+
		"outlive the stack. A later service of the same name and namespace uses them again. Default false.")
	an.SetDefault(&a.RetainVolumes, false)
}

// FileArgs are the files mounted into the container and the scratch space beside them.
type FileArgs struct {
	ConfigFiles    map[string]pulumi.StringInput `pulumi:"configFiles,optional"`
	SecretFiles    map[string]pulumi.StringInput `pulumi:"secretFiles,optional" provider:"secret"`
	ScratchVolumes []ScratchVolume               `pulumi:"scratchVolumes,optional"`
}

// Annotate documents the file inputs.
func (a *FileArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.ConfigFiles, "Files mounted read-only into the container, absolute path to content, e.g. "+
		"`{\"/etc/app/config.yaml\": \"...\"}`. Stored in an immutable ConfigMap; a change of content rolls the pods.")
	an.Describe(&a.SecretFiles, "Files with secret content, absolute path to content; the values stay Pulumi secrets and are "+
		"stored in an immutable Secret. Mounted read-only; a change of content rolls the pods.")
	an.Describe(&a.ScratchVolumes, "Scratch directories (emptyDir) for the workload's pods, emptied when a pod goes: "+
		"`[{path, sizeLimit MiB, memory?}]`.")
}

// SchedulingArgs say where the pods may run and what they pull with.
type SchedulingArgs struct {
	NodeSelector      map[string]string    `pulumi:"nodeSelector,optional"`
	NodeAffinity      *NodeAffinity        `pulumi:"nodeAffinity,optional"`
	Tolerations       []Toleration         `pulumi:"tolerations,optional"`
	PriorityClassName pulumi.StringInput   `pulumi:"priorityClassName,optional"`
	ImagePullSecrets  []pulumi.StringInput `pulumi:"imagePullSecrets,optional"`
}

// Annotate documents the scheduling inputs.
func (a *SchedulingArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.NodeSelector, "Node labels the pods and cron jobs must run on, e.g. `{\"cloud.google.com/gke-nodepool\": \"batch\"}`.")
	an.Describe(&a.NodeAffinity, "Node affinity of the pods and cron jobs: `required` expressions (all must match) and "+
		"`preferred` ones with weights.")
	an.Describe(&a.Tolerations, "Taint tolerations added to the pods and cron jobs.")
	an.Describe(&a.PriorityClassName, "An existing PriorityClass for the pods and cron jobs.")
	an.Describe(&a.ImagePullSecrets, "Names of existing `kubernetes.io/dockerconfigjson` Secrets for pulling images from "+
		"private registries (not needed for `AUTO` on the cloud variants, whose nodes pull with the cloud identity).")
}

// ExposureArgs say how the Kubernetes Service over the ports is exposed, and who may reach the pods.
type ExposureArgs struct {
	ServiceType              *ServiceType                  `pulumi:"serviceType,optional"`
	ServiceAnnotations       map[string]pulumi.StringInput `pulumi:"serviceAnnotations,optional"`
	LoadBalancerSourceRanges []string                      `pulumi:"loadBalancerSourceRanges,optional"`
	ExternalTrafficPolicy    *ExternalTrafficPolicy        `pulumi:"externalTrafficPolicy,optional"`
	NetworkPolicy            *NetworkPolicy                `pulumi:"networkPolicy,optional"`
}

// Annotate documents the exposure inputs.
func (a *ExposureArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.ServiceType, "How the Kubernetes Service is exposed: `ClusterIP` (default; inside the cluster, and through "+
		"ingress or a Gateway), `NodePort`, or `LoadBalancer`, for which `pulumi up` waits until the cloud has given it an "+
		"address (the `loadBalancerAddress` output). Needs a port. On the cloud variants `loadBalancerScheme` picks an "+
		"internal or an internet-facing load balancer.")
	an.Describe(&a.ServiceAnnotations, "Annotations of the Kubernetes Service, e.g. a load balancer controller's settings. "+
		"Values may be outputs of other resources (a certificate ARN). They win over the ones `loadBalancerScheme` writes.")
	an.Describe(&a.LoadBalancerSourceRanges, "The client CIDRs a `LoadBalancer` Service admits, e.g. `10.0.0.0/8`. Default: any.")
	an.Describe(&a.ExternalTrafficPolicy, "`Cluster` (Kubernetes' default) or `Local`, which keeps the client's address and "+
		"only sends to pods on the receiving node. For `NodePort` and `LoadBalancer`.")
	an.Describe(&a.NetworkPolicy, "A default-deny NetworkPolicy for the pods that admits only `allowFrom` (other services "+
		"by name, whole namespaces such as the ingress controller's) on the declared ports, and, with `allowEgressTo`, "+
		"lets them connect only there and to DNS. In either security profile; under `restricted` it replaces the "+
		"policy that admits every source.")
	an.SetDefault(&a.ServiceType, string(ServiceClusterIP))
}

// LoadBalancerArgs are a cloud variant's choice of load balancer for `serviceType: LoadBalancer`;
// the variant turns it into its cloud's Service annotations.
type LoadBalancerArgs struct {
	LoadBalancerScheme *LoadBalancerScheme `pulumi:"loadBalancerScheme,optional"`
}

// Annotate documents the scheme.
func (a *LoadBalancerArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.LoadBalancerScheme, "Who may reach the load balancer of `serviceType: LoadBalancer`: `internal` "+
		"(default; from the cloud network only) or `external` (from the internet). The variant writes its cloud's "+
		"annotations: an NLB through the AWS Load Balancer Controller on aws, an internal passthrough load balancer on "+
		"gcp, an internal load balancer on azure.")
}

// Port is one port of the long form, `ports`.
type Port struct {
	Name        string        `pulumi:"name"`
	Type        PortType      `pulumi:"type"`
	Port        int           `pulumi:"port"`
	ServicePort *int          `pulumi:"servicePort,optional"`
	Protocol    *PortProtocol `pulumi:"protocol,optional"`
}

// Annotate documents Port.
func (p *Port) Annotate(a infer.Annotator) {
	a.SetToken("index", "Port")
	a.Describe(p, "One port of the service.")
	a.Describe(&p.Name, "The port's name: lowercase letters, digits and '-', at most 15 characters. `probePort` refers to it.")
	a.Describe(&p.Type, "`http` (served through ingress, HTTP probes) or `tcp` (TCP probes).")
	a.Describe(&p.Port, "The container port, 1-65535.")
	a.Describe(&p.ServicePort, "The port the Kubernetes Service exposes. Defaults to `port`.")
	a.Describe(&p.Protocol, "`grpc` or `websocket`: the application protocol over the port. Probes then check the TCP "+
		"connection; a grpc http port gets the nginx GRPC backend protocol.")
}

// Resources is a CPU and memory pair.
type Resources struct {
	Cpu              *int `pulumi:"cpu,optional"`
	Memory           *int `pulumi:"memory,optional"`
	EphemeralStorage *int `pulumi:"ephemeralStorage,optional"`
}

// Annotate documents Resources.
func (r *Resources) Annotate(a infer.Annotator) {
	a.SetToken("index", "Resources")
	a.Describe(r, "CPU and memory of a container.")
	a.Describe(&r.Cpu, "CPU in millicores (1000 = one core).")
	a.Describe(&r.Memory, "Memory in MiB.")
	a.Describe(&r.EphemeralStorage, "Local ephemeral storage in MiB (writable layer, logs, emptyDir volumes). Set by "+
		"default only with `securityProfile: restricted`: request 256, limit twice the request.")
}

// PersistentStorage is one volume mounted in every replica.
type PersistentStorage struct {
	Path string  `pulumi:"path"`
	Size int     `pulumi:"size"`
	Name *string `pulumi:"name,optional"`
}

// Annotate documents PersistentStorage.
func (s *PersistentStorage) Annotate(a infer.Annotator) {
	a.SetToken("index", "PersistentStorage")
	a.Describe(s, "A persistent volume for each replica.")
	a.Describe(&s.Path, "The absolute path where the volume is mounted in the container.")
	a.Describe(&s.Size, "The volume's size in GiB; more than 0. Raising it grows the existing volumes in place (the storage "+
		"class must allow volume expansion); it cannot shrink. The storage driver grows a volume some time after the claim "+
		"asks, and `up` does not wait for it: it warns, naming the claim, while a claim has less than it asks for.")
	a.Describe(&s.Name, "The volume's name, which names its claims (`<name>-<service>-<ordinal>`). Defaults to the path "+
		"with `/` turned into `-` (`/var/lib/data` → `var-lib-data`); set it to keep a volume's claims when its path changes.")
}

// Toleration lets the pods run on nodes with a matching taint.
type Toleration struct {
	Key      string              `pulumi:"key"`
	Value    *string             `pulumi:"value,optional"`
	Effect   *TaintEffect        `pulumi:"effect,optional"`
	Operator *TolerationOperator `pulumi:"operator,optional"`
}

// Annotate documents Toleration.
func (t *Toleration) Annotate(a infer.Annotator) {
	a.SetToken("index", "Toleration")
	a.Describe(t, "A taint toleration.")
	a.Describe(&t.Key, "The taint key to tolerate.")
	a.Describe(&t.Value, "The taint value. Without one, the toleration matches any value of the key (`Exists`).")
	a.Describe(&t.Effect, "`NoSchedule` (default), `PreferNoSchedule` or `NoExecute`.")
	a.Describe(&t.Operator, "`Equal` or `Exists`. Defaults to `Equal` with a value and `Exists` without.")
	a.SetDefault(&t.Effect, string(DefaultTaintEffect))
}

// CronJob is a job run on a schedule with the service's image.
type CronJob struct {
	Name     *string  `pulumi:"name,optional"`
	Commands []string `pulumi:"commands"`
	Args     []string `pulumi:"args,optional"`
	Schedule string   `pulumi:"schedule"`
}

// Annotate documents CronJob.
func (c *CronJob) Annotate(a infer.Annotator) {
	a.SetToken("index", "CronJob")
	a.Describe(c, "A cron job that runs with the service's image, env, secrets, resources and service account.")
	a.Describe(&c.Name, "A short name, unique within the service; the CronJob is named `<service>-<name>`. "+
		"Defaults to `cron-<hash of its commands and args>`, which stays the same when other entries "+
		"are added or removed and changes with the command.")
	a.Describe(&c.Commands, "The command to run, e.g. `[\"/bin/sh\", \"-c\", \"echo hello\"]`.")
	a.Describe(&c.Args, "Arguments to the command.")
	a.Describe(&c.Schedule, "A standard five-field cron schedule (`*/5 * * * *`) or a macro such as `@hourly`.")
}
