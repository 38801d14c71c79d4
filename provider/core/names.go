package core

// The labels and annotations the component writes, and those pulumi-kubernetes reads.

// Labels on every object; SelectorLabel alone selects the pods, so that the immutable
// selectors never change when pod labels do.
const (
	SelectorLabel  = "app.kubernetes.io/name"
	ManagedByLabel = "app.kubernetes.io/managed-by"
	ManagedBy      = "k8s-service"
)

// A cron job's pods carry these instead of SelectorLabel: they are not the service's
// pods, so the Service, the PodDisruptionBudget and the autoscaler must not select them
// (a running job pod counted by the budget, which cannot scale a Job, blocks every drain).
const (
	// CronServiceLabel names the service a cron job's pod runs for.
	CronServiceLabel = "k8s-service.io/service"
	// CronJobLabel names the CronJob that started the pod.
	CronJobLabel = "k8s-service.io/cron-job"
)

// TrackLabel tells the service's own pods (stable) from a canary's (canary). Both carry
// SelectorLabel, so the Service, the disruption budget, the network policy and the
// metrics cover both; the weighted routes select by this label too.
const (
	TrackLabel  = "k8s-service.io/track"
	TrackStable = "stable"
	TrackCanary = "canary"
)

// trackName names a canary's objects and the Services that tell the two versions apart.
func trackName(service, track string) string { return service + "-" + track }

// SkipAwait tells pulumi-kubernetes not to wait for an object to become ready: set on
// objects whose readiness nothing proves beyond what the workload's own rollout await
// already does (docs/design.md, "What `pulumi up` waits for").
const SkipAwait = "pulumi.com/skipAwait"

// TimeoutAnnotation bounds pulumi-kubernetes' await of an object, in seconds.
const TimeoutAnnotation = "pulumi.com/timeoutSeconds"

// PatchForce makes pulumi-kubernetes' server-side apply take back the fields the
// component declares from whoever changed them since (`kubectl edit`, `kubectl set image`,
// `kubectl rollout undo`): the program is the source of truth, and without it the next
// `pulumi up` that touches the object fails with a field manager conflict. Fields the
// component leaves to others (the autoscaler's replicas) are not in its apply.
const PatchForce = "pulumi.com/patchForce"
