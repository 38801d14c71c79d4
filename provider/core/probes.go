package core

import (
	"fmt"
	"strings"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Probes are the resolved liveness and readiness probes.
type Probes struct {
	Liveness, Readiness Probe
}

// Probe is one probe: HTTP on a path, TCP on a port, or a command. A zero Probe is none.
type Probe struct {
	Path         string
	Command      []string
	Port         *ResolvedPort
	InitialDelay int
}

func resolveProbes(args *ServiceArgs, ports []ResolvedPort) (Probes, field.ErrorList) {
	port, errs := resolveProbePort(args.ProbePort, ports)
	for _, p := range []struct {
		pathField, commandField string
		path                    *string
		command                 []string
	}{
		{"healthcheckPath", "healthcheckCommand", args.HealthcheckPath, args.HealthcheckCommand},
		{"livenessProbePath", "livenessProbeCommand", args.LivenessProbePath, args.LivenessProbeCommand},
		{"readinessProbePath", "readinessProbeCommand", args.ReadinessProbePath, args.ReadinessProbeCommand},
	} {
		if p.path != nil && len(p.command) > 0 {
			errs = append(errs, field.Forbidden(field.NewPath(p.commandField),
				fmt.Sprintf("a probe takes an HTTP path or a command, not both; %s is set too", p.pathField)))
		}
	}
	liveness, e := resolveProbe(port, args.InitialLivenessDelay, "livenessProbePath", args.LivenessProbePath,
		args.LivenessProbeCommand, args.HealthcheckPath, args.HealthcheckCommand, false)
	errs = append(errs, e...)
	readiness, e := resolveProbe(port, args.InitialReadinessDelay, "readinessProbePath", args.ReadinessProbePath,
		args.ReadinessProbeCommand, args.HealthcheckPath, args.HealthcheckCommand, true)
	errs = append(errs, e...)
	if d := deref(args.InitialLivenessDelay, 30); d < 0 {
		errs = append(errs, field.Invalid(field.NewPath("initialLivenessDelay"), d, "must be 0 or more seconds"))
	}
	if d := deref(args.InitialReadinessDelay, 30); d < 0 {
		errs = append(errs, field.Invalid(field.NewPath("initialReadinessDelay"), d, "must be 0 or more seconds"))
	}
	return Probes{Liveness: liveness, Readiness: readiness}, errs
}

// resolveProbe picks, most specific first: the probe's own command or path, then the
// shared healthcheck command or path, then, with tcpFallback, a TCP check of the probe
// port. Liveness has no fallback: a liveness check that only repeats readiness restarts
// pods that are merely busy, so there is none unless the user says what liveness means.
func resolveProbe(port *ResolvedPort, delay *int, pathField string, path *string, command []string,
	sharedPath *string, sharedCommand []string, tcpFallback bool,
) (Probe, field.ErrorList) {
	probe := Probe{Port: port, InitialDelay: deref(delay, 30)}
	if path == nil && len(command) == 0 {
		path, command = sharedPath, sharedCommand
		if sharedPath != nil {
			pathField = "healthcheckPath"
		}
	}
	switch {
	case len(command) > 0:
		probe.Command = command
		return probe, nil
	case path != nil:
		return resolveHTTPProbe(probe, pathField, *path)
	case port == nil || !tcpFallback:
		return Probe{}, nil
	default:
		return probe, nil
	}
}

func resolveHTTPProbe(probe Probe, pathField, path string) (Probe, field.ErrorList) {
	fp := field.NewPath(pathField)
	switch {
	case !strings.HasPrefix(path, "/"):
		return probe, field.ErrorList{field.Invalid(fp, path, "must be an absolute HTTP path starting with '/'")}
	case probe.Port == nil:
		return probe, field.ErrorList{field.Required(field.NewPath("port"), "an HTTP probe ("+pathField+") needs a port")}
	case probe.Port.probesOverTCP():
		return probe, field.ErrorList{field.Invalid(fp, path, fmt.Sprintf(
			"an HTTP probe needs an http port without a grpc or websocket protocol; the probe port %q is checked over TCP "+
				"(use a probe command, or choose another probePort)", probe.Port.Name))}
	}
	probe.Path = path
	return probe, nil
}

// probeArgs renders a probe, or nil when there is none.
func probeArgs(p Probe) corev1.ProbePtrInput {
	args := corev1.ProbeArgs{
		InitialDelaySeconds: pulumi.Int(p.InitialDelay),
		PeriodSeconds:       pulumi.Int(10),
		TimeoutSeconds:      pulumi.Int(5),
		FailureThreshold:    pulumi.Int(3),
	}
	switch {
	case len(p.Command) > 0:
		args.Exec = corev1.ExecActionArgs{Command: pulumi.ToStringArray(p.Command)}
	case p.Path != "":
		args.HttpGet = corev1.HTTPGetActionArgs{Path: pulumi.String(p.Path), Port: pulumi.String(p.Port.Name)}
	case p.Port != nil:
		args.TcpSocket = corev1.TCPSocketActionArgs{Port: pulumi.String(p.Port.Name)}
	default:
		return nil
	}
	return args
}

// minRolloutTimeout is the shortest rollout bound: pods need a moment to schedule, pull
// and pass their first probe.
const minRolloutTimeout = 30

// resolveRolloutTimeout is how long `pulumi up` waits for a rollout: pulumi-kubernetes'
// await reads it from the workload's pulumi.com/timeoutSeconds annotation, and a
// Deployment reports ProgressDeadlineExceeded (which fails the await at once) after it.
func resolveRolloutTimeout(args *ServiceArgs) (int, field.ErrorList) {
	timeout := deref(args.RolloutTimeoutSeconds, 600)
	if timeout < minRolloutTimeout {
		return timeout, field.ErrorList{field.Invalid(field.NewPath("rolloutTimeoutSeconds"), timeout,
			fmt.Sprintf("must be at least %d seconds", minRolloutTimeout))}
	}
	return timeout, nil
}
