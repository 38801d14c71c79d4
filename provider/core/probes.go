package core

import (
	"fmt"
	"strings"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Default timings, fast on real pods: readiness is probed from the container's start every
// 2 s and must pass twice, so a healthy app is Ready 2–4 s after it listens and a container
// that dies within 2 s of starting (a crash loop) never takes requests; liveness is held off by a
// startup probe on the same check (every 1 s, 30 failures: the 30 s Opta's initial delay
// gave a slow starter) rather than by a fixed delay that every start would wait out. A
// startup probe the user asks for checks every 5 s, 60 times (5 minutes to start).
// Measured on the real node: docs/realnode.md.
var (
	livenessTiming       = ProbeTiming{Period: 10, Timeout: 5, Failures: 3, Successes: 1}
	readinessTiming      = ProbeTiming{Period: 2, Timeout: 2, Failures: 3, Successes: 2}
	startupTiming        = ProbeTiming{Period: 5, Timeout: 5, Failures: 60, Successes: 1}
	impliedStartupTiming = ProbeTiming{Period: 1, Timeout: 1, Failures: 30, Successes: 1}
)

func resolveProbes(in ProbeArgs, ports []ResolvedPort, fldPath *field.Path) (Probes, field.ErrorList) {
	port, errs := resolveProbePort(in.ProbePort, ports, fldPath.Child("probePort"))
	for _, p := range []struct {
		pathField, commandField string
		path                    *string
		command                 []string
	}{
		{"healthcheckPath", "healthcheckCommand", in.HealthcheckPath, in.HealthcheckCommand},
		{"livenessProbePath", "livenessProbeCommand", in.LivenessProbePath, in.LivenessProbeCommand},
		{"readinessProbePath", "readinessProbeCommand", in.ReadinessProbePath, in.ReadinessProbeCommand},
		{"startupProbe.path", "startupProbe.command", optPath(in.StartupProbe), optCommand(in.StartupProbe)},
		{"livenessProbe.path", "livenessProbe.command", optPath(in.LivenessProbe), optCommand(in.LivenessProbe)},
		{"readinessProbe.path", "readinessProbe.command", optPath(in.ReadinessProbe), optCommand(in.ReadinessProbe)},
	} {
		if p.path != nil && len(p.command) > 0 {
			errs = append(errs, field.Forbidden(fieldPath(p.commandField, fldPath),
				fmt.Sprintf("a probe takes an HTTP path or a command, not both; %s is set too", p.pathField)))
		}
	}
	shared := probeSource{field: "healthcheckPath", path: in.HealthcheckPath, command: in.HealthcheckCommand}
	live, e := probeAction("livenessProbe", in.LivenessProbe, in.LivenessProbePath, in.LivenessProbeCommand, fldPath)
	errs = append(errs, e...)
	liveness, e := resolveProbe(port, deref(in.InitialLivenessDelay, 0), live.or(shared), false, fldPath)
	errs = append(errs, e...)
	ready, e := probeAction("readinessProbe", in.ReadinessProbe, in.ReadinessProbePath, in.ReadinessProbeCommand, fldPath)
	errs = append(errs, e...)
	readiness, e := resolveProbe(port, deref(in.InitialReadinessDelay, 0), ready.or(shared), true, fldPath)
	errs = append(errs, e...)
	startup, e := resolveStartupProbe(port, in.StartupProbe, fldPath)
	errs = append(errs, e...)
	if d := deref(in.InitialLivenessDelay, 0); d < 0 {
		errs = append(errs, field.Invalid(fldPath.Child("initialLivenessDelay"), d, "must be 0 or more seconds"))
	}
	if d := deref(in.InitialReadinessDelay, 0); d < 0 {
		errs = append(errs, field.Invalid(fldPath.Child("initialReadinessDelay"), d, "must be 0 or more seconds"))
	}
	var te field.ErrorList
	liveness.Timing, te = resolveTiming("livenessProbe", in.LivenessProbe, livenessTiming, false, fldPath)
	errs = append(errs, te...)
	readiness.Timing, te = resolveTiming("readinessProbe", in.ReadinessProbe, readinessTiming, true, fldPath)
	errs = append(errs, te...)
	startup.Timing, te = resolveTiming("startupProbe", in.StartupProbe, startupTiming, false, fldPath)
	errs = append(errs, te...)
	if in.StartupProbe == nil && in.InitialLivenessDelay == nil {
		startup = impliedStartupProbe(liveness)
	}
	return Probes{Liveness: liveness, Readiness: readiness, Startup: startup}, errs
}

// impliedStartupProbe holds a liveness probe off while the container starts: the same check
// until it first passes, then liveness takes over. A user who sets initialLivenessDelay
// asked for a fixed delay instead, and one who sets startupProbe for their own.
func impliedStartupProbe(liveness Probe) Probe {
	if !liveness.defined() {
		return Probe{}
	}
	startup := liveness
	startup.InitialDelay, startup.Timing = 0, impliedStartupTiming
	return startup
}

// probeSource is what a probe checks, an HTTP path or a command, and the input that
// gave it (named in errors about the path).
type probeSource struct {
	field   string
	path    *string
	command []string
}

func (s probeSource) empty() bool { return s.path == nil && len(s.command) == 0 }

// or is s, or shared (healthcheckPath/healthcheckCommand) when s gives nothing.
func (s probeSource) or(shared probeSource) probeSource {
	if !s.empty() {
		return s
	}
	if shared.path == nil {
		shared.field = s.field
	}
	return shared
}

// probeAction is the probe's own path or command: from its options object or from the
// flat Opta inputs, which say the same and so may not both be given.
func probeAction(name string, opts *ProbeOptions, path *string, command []string, fldPath *field.Path) (probeSource, field.ErrorList) {
	flat := probeSource{field: name + "Path", path: path, command: command}
	if opts == nil || (opts.Path == nil && len(opts.Command) == 0) {
		return flat, nil
	}
	if !flat.empty() {
		return flat, field.ErrorList{field.Forbidden(fldPath.Child(name),
			fmt.Sprintf("give the probe's path or command once: %sPath or %sCommand is set too", name, name))}
	}
	return probeSource{field: name + ".path", path: opts.Path, command: opts.Command}, nil
}

// resolveStartupProbe checks the path, the command, or else the probe port over TCP.
func resolveStartupProbe(port *ResolvedPort, opts *ProbeOptions, fldPath *field.Path) (Probe, field.ErrorList) {
	if opts == nil {
		return Probe{}, nil
	}
	probe := Probe{Port: port}
	switch {
	case len(opts.Command) > 0:
		probe.Command = opts.Command
	case opts.Path != nil:
		return resolveHTTPProbe(probe, "startupProbe.path", *opts.Path, fldPath)
	case port == nil:
		return Probe{}, field.ErrorList{field.Required(fldPath.Child("startupProbe"),
			"a startup probe needs a `path`, a `command`, or a port to check over TCP")}
	}
	return probe, nil
}

// resolveTiming fills in a probe's timing. Kubernetes requires a success threshold of 1
// for liveness and startup probes.
func resolveTiming(name string, opts *ProbeOptions, defaults ProbeTiming, readiness bool, fldPath *field.Path) (ProbeTiming, field.ErrorList) {
	if opts == nil {
		return defaults, nil
	}
	t := ProbeTiming{
		Period:    deref(opts.PeriodSeconds, defaults.Period),
		Timeout:   deref(opts.TimeoutSeconds, defaults.Timeout),
		Failures:  deref(opts.FailureThreshold, defaults.Failures),
		Successes: deref(opts.SuccessThreshold, defaults.Successes),
	}
	p := fldPath.Child(name)
	var errs field.ErrorList
	for _, v := range []struct {
		name  string
		value int
	}{{"periodSeconds", t.Period}, {"timeoutSeconds", t.Timeout}, {"failureThreshold", t.Failures}, {"successThreshold", t.Successes}} {
		if v.value < 1 {
			errs = append(errs, field.Invalid(p.Child(v.name), v.value, "must be at least 1"))
		}
	}
	if !readiness && t.Successes != 1 {
		errs = append(errs, field.Invalid(p.Child("successThreshold"), t.Successes,
			"must be 1 for liveness and startup probes (Kubernetes requires it); only readiness may ask for more"))
	}
	return t, errs
}

func optPath(o *ProbeOptions) *string {
	if o == nil {
		return nil
	}
	return o.Path
}

func optCommand(o *ProbeOptions) []string {
	if o == nil {
		return nil
	}
	return o.Command
}

// fieldPath turns `a.b` into the path of field a.b under fldPath.
func fieldPath(dotted string, fldPath *field.Path) *field.Path {
	parts := strings.Split(dotted, ".")
	return fldPath.Child(parts[0], parts[1:]...)
}

// resolveProbe checks source (the probe's own command or path, else the shared
// healthcheck's: probeSource.or), else, with tcpFallback, the probe port over TCP. Liveness has no fallback: a liveness check that only repeats readiness restarts
// pods that are merely busy, so there is none unless the user says what liveness means.
func resolveProbe(port *ResolvedPort, delay int, source probeSource, tcpFallback bool, fldPath *field.Path) (Probe, field.ErrorList) {
	probe := Probe{Port: port, InitialDelay: delay}
	switch {
	case len(source.command) > 0:
		probe.Command = source.command
		return probe, nil
	case source.path != nil:
		return resolveHTTPProbe(probe, source.field, *source.path, fldPath)
	case port == nil || !tcpFallback:
		return Probe{}, nil
	default:
		return probe, nil
	}
}

func resolveHTTPProbe(probe Probe, pathField, path string, fldPath *field.Path) (Probe, field.ErrorList) {
	fp := fieldPath(pathField, fldPath)
	switch {
	case !strings.HasPrefix(path, "/"):
		return probe, field.ErrorList{field.Invalid(fp, path, "must be an absolute HTTP path starting with '/'")}
	case probe.Port == nil:
		return probe, field.ErrorList{field.Required(fldPath.Child("port"), "an HTTP probe ("+pathField+") needs a port")}
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
		PeriodSeconds:       pulumi.Int(p.Timing.Period),
		TimeoutSeconds:      pulumi.Int(p.Timing.Timeout),
		FailureThreshold:    pulumi.Int(p.Timing.Failures),
	}
	if p.Timing.Successes > 1 { // 1 is Kubernetes' default; left unset, as before it was tunable
		args.SuccessThreshold = pulumi.Int(p.Timing.Successes)
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
