package core

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
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
	Exposure       Exposure
	Storage        []Volume
	// StorageClassName is the user's class for Storage (a StorageClass's name output, say),
	// or nil.
	StorageClassName pulumi.StringInput
	// RetainVolumes keeps the claims when the service is destroyed.
	RetainVolumes bool
	Tolerate      []ResolvedToleration
	CronJobs      []ResolvedCronJob

	Commands       []string
	Args           []string
	PodAnnotations map[string]string
	PodLabels      map[string]string
	Restricted     bool
	// ImagePullPolicy is the user's; empty for the default (imagePullPolicy).
	ImagePullPolicy ImagePullPolicy
	// PinDigest runs the image by the digest its tag names when the program runs (pin.go).
	PinDigest bool
	// PreDeploy is nil unless a Job gates the rollout.
	PreDeploy *ResolvedPreDeploy
	// Canary is nil unless a new version runs beside the service's own.
	Canary *ResolvedCanary
	// Scrape is nil unless the pods serve metrics.
	Scrape *Scrape
	// NetworkPolicy is nil unless the user asked for one.
	NetworkPolicy   *ResolvedNetworkPolicy
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

// The resolved form of each feature's inputs, which its render functions read.

// ResolvedContainer is a validated init container or sidecar.
type ResolvedContainer struct {
	Name             string
	Image            string // "": the service's image
	Commands, Args   []string
	EnvVars          map[string]string
	ShareEnv         bool
	Requests, Limits Quantities
	Sidecar          bool
}

// ResolvedCronJob is a validated cron job with its Kubernetes name.
type ResolvedCronJob struct {
	Name     string // the CronJob's object name, `<service>-<job name>`
	Commands []string
	Args     []string
	Schedule string
}

// File is one mounted file: its path in the container and its key in the ConfigMap or
// Secret that holds it.
type File struct {
	Path, Key string
}

// Files are the resolved configFiles and secretFiles.
type Files struct {
	Config, Secret []File
}

// Ingress is the resolved ingress configuration: one Ingress per public URI.
type Ingress struct {
	URIs        []PublicURI
	Port        *ResolvedPort
	ClassName   string
	Controller  IngressController
	KeepPrefix  bool
	Annotations map[string]string // the same on every Ingress, before any path rewrite
	// Gateway, when set, serves the URIs through routes instead of Ingresses.
	Gateway *GatewayTarget
	// ServiceAnnotations are what the controller reads from the Service (Traefik's sticky
	// cookie, GKE's network endpoint groups).
	ServiceAnnotations map[string]string
	TLS                map[string]HostTLS // by host
	// TLSDefault is the tls entry without hosts, which covers an entry unknown at preview.
	TLSDefault *HostTLS
}

// PublicURI is one `host/path/prefix` entry of publicUri.
type PublicURI struct {
	Host, Path string
	// Unknown holds an entry whose value is not known at preview (an output of a resource
	// the same update creates), for the preview alone: its object is named after its
	// position (Index) and its host and path stay unknown; `up` knows it and checks it.
	Unknown pulumi.StringOutput
	Index   int
}

// Known is false for an entry whose value the preview does not know.
func (u PublicURI) Known() bool { return u.Unknown.OutputState == nil }

// ResolvedPort is a validated port with its defaults filled in.
type ResolvedPort struct {
	Name        string
	Type        PortType
	Protocol    PortProtocol // "" for none
	Port        int
	ServicePort int
}

// Probes are the resolved liveness, readiness and startup probes.
type Probes struct {
	Liveness, Readiness, Startup Probe
}

// Probe is one probe: HTTP on a path, TCP on a port, or a command. A zero Probe is none.
type Probe struct {
	Path         string
	Command      []string
	Port         *ResolvedPort
	InitialDelay int
	Timing       ProbeTiming
}

// ProbeTiming is how often a probe runs and how many results in a row count.
type ProbeTiming struct {
	Period, Timeout, Failures, Successes int
}

// Quantities are CPU in millicores and memory and ephemeral storage in MiB; zero
// ephemeral storage is left unset.
type Quantities struct {
	CPU, MemoryMiB, EphemeralMiB int
}

// Scaling is the replica range and the autoscaler's targets.
type Scaling struct {
	Min, Max int
	// TargetCPU and TargetMem are percentages of the requests; 0 turns one off.
	TargetCPU, TargetMem int
	Metrics              []AutoscalingMetric
	Behavior             *AutoscalingBehavior
}

// Scheduling is where the pods may run and what they pull images with.
type Scheduling struct {
	NodeSelector map[string]string
	NodeAffinity *NodeAffinity
	// PriorityClassName (nil for none) and ImagePullSecrets may be outputs of the objects
	// they name.
	PriorityClassName pulumi.StringInput
	ImagePullSecrets  []pulumi.StringInput
}

// Scratch is one resolved scratchVolumes entry.
type Scratch struct {
	Name, Path   string
	SizeLimitMiB int
	Memory       bool
}

// Volume is one resolved persistentStorage entry. Its Name, from `name` or the mount
// path, names the claim template and so every claim: `<volume>-<service>-<ordinal>`.
type Volume struct {
	Name    string
	Path    string
	SizeGiB int
}

// StorageClass describes the class a cloud variant wants for its CSI disk driver; the
// core creates it (cluster-scoped, with a generated name) unless the user names one.
type StorageClass struct {
	Provisioner string
	Parameters  map[string]string
}

// HostTLS is how one public host is served over HTTPS: from an existing secret, or with
// a certificate cert-manager issues for each Ingress.
type HostTLS struct {
	// One is set; each may be an output (a Certificate's secret, an issuer's name).
	SecretName, ClusterIssuer, Issuer pulumi.StringInput
}

// ResolvedToleration has its operator and effect filled in.
type ResolvedToleration struct {
	Key, Operator, Value, Effect string
}

// Exposure is how the Kubernetes Service is exposed.
type Exposure struct {
	Type         ServiceType
	Annotations  map[string]pulumi.StringInput
	SourceRanges []string
	// TrafficPolicy is "" for Kubernetes' default.
	TrafficPolicy string
}

// GatewayTarget is the Gateway the routes attach to.
type GatewayTarget struct {
	Name, Namespace, SectionName string // Namespace "": the service's
	HTTPS                        bool
}

// ResolvedNetworkPolicy is who may connect to the pods and, if Egress, where they may.
type ResolvedNetworkPolicy struct {
	From     []Peer
	Egress   bool
	EgressTo []Peer
}

// Peer is one side of a connection the policy allows: a service's pods, a namespace's, or
// an IP range; Ports (egress) empty for every port.
type Peer struct {
	Service, Namespace, CIDR string
	Ports                    []int
}

// Scrape is where Prometheus scrapes the pods and how it learns of it.
type Scrape struct {
	Port           ResolvedPort
	Path, Interval string
	Via            ScrapeVia
	MonitorLabels  map[string]string
}

// ResolvedPreDeploy is the Job run before the workload changes.
type ResolvedPreDeploy struct {
	Commands, Args []string
	TimeoutSeconds int
}

// ResolvedCanary is a validated canary.
type ResolvedCanary struct {
	Tag, Digest pulumi.StringInput
	Weight      int
	Replicas    int
	// Image is the reference the canary's pods run: the service's image with the
	// canary's tag or digest. Nil for AUTO, whose registry newBuilder knows.
	Image pulumi.StringInput
}
