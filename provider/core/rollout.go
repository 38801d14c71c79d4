package core

import (
	"fmt"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// rolloutTimeout is how long `pulumi up` waits for the workload's rollout (every new pod
// Ready) before it fails with the pods' reasons: pulumi-kubernetes' await reads it from
// the workload's pulumi.com/timeoutSeconds annotation. That await reports a Deployment's
// ProgressDeadlineExceeded as a warning and goes on waiting, so this timeout is what
// bounds a rollout that will never succeed (an image that cannot be pulled, a crash loop,
// a probe that never passes; docs/operations.md). Its default is what a healthy rollout
// of maxContainers replicas needs, not a flat ten minutes.
func resolveRolloutTimeout(seconds *int, scaling Scaling, probes Probes, stateful bool, fldPath *field.Path) (int, field.ErrorList) {
	if seconds == nil {
		return max(minDefaultRolloutTimeout, rolloutWaves(scaling.Max, stateful)*(probes.readyWithin()+podStartAllowance)), nil
	}
	timeout := *seconds
	if timeout < minRolloutTimeout {
		return timeout, field.ErrorList{field.Invalid(fldPath, timeout,
			fmt.Sprintf("must be at least %d seconds", minRolloutTimeout))}
	}
	return timeout, nil
}

const (
	// minRolloutTimeout is the shortest bound a user may set: pods need a moment to
	// schedule, pull and pass their first probe.
	minRolloutTimeout = 30
	// minDefaultRolloutTimeout is the shortest default.
	minDefaultRolloutTimeout = 120
	// podStartAllowance is what a pod may take beyond its probes: scheduling, the image
	// pull on a node that lacks it, the container's start.
	podStartAllowance = 60
	// surgePercent is the Deployment's maxSurge (maxUnavailable is 0).
	surgePercent = 25
)

// rolloutWaves is how many pods a rollout of replicas waits for one after another: a
// Deployment starts maxSurge (25 %, rounded up, as Kubernetes rounds it) new pods at a
// time, so at most four waves; a StatefulSet replaces one pod at a time.
func rolloutWaves(replicas int, stateful bool) int {
	if stateful {
		return max(1, replicas)
	}
	surge := max(1, (replicas*surgePercent+99)/100)
	return max(1, (replicas+surge-1)/surge)
}

// readyWithin is the longest a healthy pod's probes take to report it Ready: the startup
// probe's whole allowance, if there is one, then the readiness probe's delay and passes.
func (p Probes) readyWithin() int {
	seconds := p.Readiness.InitialDelay + p.Readiness.Timing.Period*p.Readiness.Timing.Successes
	if p.Startup.defined() {
		seconds += p.Startup.InitialDelay + p.Startup.Timing.Period*p.Startup.Timing.Failures
	}
	return seconds
}

// defined is false for a probe the pod does not have.
func (p Probe) defined() bool { return p.Path != "" || len(p.Command) > 0 || p.Port != nil }
