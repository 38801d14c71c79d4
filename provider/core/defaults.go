package core

// The fixed defaults, declared once: Resolve falls back to them and the schema carries
// them (each args struct's Annotate), so each SDK shows and applies the same value.
// Defaults that depend on other inputs (the initial delays, 0 with a startup probe;
// limits, twice the request; probe timings; the rollout timeout; objectApiVersion, for
// Object metrics only; the ingress class, not with a gateway; the load balancer scheme,
// only for a LoadBalancer) are not fixed and stay in the descriptions: an SDK would send
// them where they do not apply (TestSchemaDefaultsAreAlwaysAccepted).
const (
	DefaultMinContainers       = 1
	DefaultMaxContainers       = 3
	DefaultTargetPercentage    = 80
	DefaultIngressClassName    = "nginx"
	DefaultStickySessionMaxAge = 86400
	DefaultSecurityProfile     = ProfileBaseline
	DefaultTaintEffect         = TaintEffect("NoSchedule")
	DefaultObjectApiVersion    = "v1"
)
