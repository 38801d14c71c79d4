package core

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

func ptr[T any](v T) *T { return &v }

func image(ref string) ImageArgs { return ImageArgs{Image: pulumi.String(ref)} }

// What Resolve makes of valid inputs: the defaults a user reads in the docs, and the
// values later resolvers derive from earlier ones. The bad inputs are the catalogue's
// (tests/catalogue), which the in-process and engine tiers run through the provider.
func TestResolveFillsInWhatTheDocsPromise(t *testing.T) {
	cases := []struct {
		name  string
		args  ServiceArgs
		check func(t *testing.T, cfg *Config)
	}{{
		name: "an image alone: one to three replicas, no ports, probes or workload kind change",
		args: ServiceArgs{ImageArgs: image("nginx")},
		check: func(t *testing.T, cfg *Config) {
			want(t, "scaling", cfg.Scaling.Min == 1 && cfg.Scaling.Max == 3 && cfg.Scaling.TargetCPU == 80 && cfg.Scaling.TargetMem == 80, cfg.Scaling)
			want(t, "requests", cfg.Requests == Quantities{CPU: 100, MemoryMiB: 128}, cfg.Requests)
			want(t, "limits twice the requests", cfg.Limits == Quantities{CPU: 200, MemoryMiB: 256}, cfg.Limits)
			want(t, "no ports", len(cfg.Ports) == 0, cfg.Ports)
			want(t, "a Deployment", cfg.WorkloadKind() == "Deployment", cfg.WorkloadKind())
			want(t, "baseline", !cfg.Restricted, cfg.Restricted)
			want(t, "rollout timeout at least 120 s", cfg.RolloutTimeout >= 120, cfg.RolloutTimeout)
		},
	}, {
		name: "the simple port form: named after its key, the Service port defaults to it",
		args: ServiceArgs{ImageArgs: image("nginx"), PortArgs: PortArgs{Port: map[string]int{"grpc": 9000}}},
		check: func(t *testing.T, cfg *Config) {
			p := cfg.Ports[0]
			want(t, "port", len(cfg.Ports) == 1 && p.Name == "grpc" && p.Type == PortHTTP && p.Protocol == ProtoGRPC &&
				p.Port == 9000 && p.ServicePort == 9000, cfg.Ports)
			r := cfg.Probes.Readiness
			want(t, "ready when the gRPC port accepts connections", r.Path == "" && r.Port != nil && r.Port.Name == "grpc", r)
		},
	}, {
		name: "a shared health path: both probes HTTP on the probe port from the start, liveness held off by a startup probe",
		args: ServiceArgs{
			ImageArgs: image("nginx"),
			PortArgs:  PortArgs{Ports: []Port{{Name: "metrics", Type: PortTCP, Port: 9090}, {Name: "web", Type: PortHTTP, Port: 8080}}},
			ProbeArgs: ProbeArgs{HealthcheckPath: ptr("/healthz"), ProbePort: ptr("web")},
		},
		check: func(t *testing.T, cfg *Config) {
			for _, p := range []Probe{cfg.Probes.Liveness, cfg.Probes.Readiness, cfg.Probes.Startup} {
				want(t, "probe", p.Path == "/healthz" && p.Port.Name == "web" && p.InitialDelay == 0, p)
			}
			want(t, "readiness every 2 s", cfg.Probes.Readiness.Timing == readinessTiming, cfg.Probes.Readiness)
			want(t, "30 s to start before liveness counts", cfg.Probes.Startup.Timing.Period*cfg.Probes.Startup.Timing.Failures == 30, cfg.Probes.Startup)
		},
	}, {
		name: "initialLivenessDelay set: that fixed delay, no startup probe",
		args: ServiceArgs{
			ImageArgs: image("nginx"),
			PortArgs:  PortArgs{Port: map[string]int{"http": 80}},
			ProbeArgs: ProbeArgs{HealthcheckPath: ptr("/healthz"), InitialLivenessDelay: ptr(30), InitialReadinessDelay: ptr(30)},
		},
		check: func(t *testing.T, cfg *Config) {
			want(t, "delays", cfg.Probes.Liveness.InitialDelay == 30 && cfg.Probes.Readiness.InitialDelay == 30, cfg.Probes)
			want(t, "no startup probe", !cfg.Probes.Startup.defined(), cfg.Probes.Startup)
		},
	}, {
		name: "no liveness check: no startup probe either",
		args: ServiceArgs{
			ImageArgs: image("nginx"),
			PortArgs:  PortArgs{Port: map[string]int{"http": 80}},
			ProbeArgs: ProbeArgs{ReadinessProbePath: ptr("/ready")},
		},
		check: func(t *testing.T, cfg *Config) {
			want(t, "no liveness", !cfg.Probes.Liveness.defined(), cfg.Probes.Liveness)
			want(t, "no startup probe", !cfg.Probes.Startup.defined(), cfg.Probes.Startup)
		},
	}, {
		name: "a startup probe: the initial delays default to 0",
		args: ServiceArgs{
			ImageArgs: image("nginx"),
			PortArgs:  PortArgs{Port: map[string]int{"http": 80}},
			ProbeArgs: ProbeArgs{StartupProbe: &ProbeOptions{Path: ptr("/started")}},
		},
		check: func(t *testing.T, cfg *Config) {
			want(t, "delays", cfg.Probes.Liveness.InitialDelay == 0 && cfg.Probes.Readiness.InitialDelay == 0, cfg.Probes)
			want(t, "startup", cfg.Probes.Startup.Path == "/started", cfg.Probes.Startup)
		},
	}, {
		name: "the restricted profile: ephemeral storage requested, a writable /tmp taken",
		args: ServiceArgs{ImageArgs: image("nginx"), ContainerArgs: ContainerArgs{SecurityProfile: ptr(ProfileRestricted)}},
		check: func(t *testing.T, cfg *Config) {
			want(t, "restricted", cfg.Restricted, cfg.Restricted)
			want(t, "ephemeral request", cfg.Requests.EphemeralMiB == restrictedEphemeralMiB, cfg.Requests)
		},
	}, {
		name: "persistent storage: a StatefulSet, its rollout one pod per wave",
		args: ServiceArgs{
			ImageArgs:   image("postgres:16"),
			PortArgs:    PortArgs{Port: map[string]int{"tcp": 5432}},
			ScalingArgs: ScalingArgs{MinContainers: ptr(2), MaxContainers: ptr(8)},
			StorageArgs: StorageArgs{PersistentStorage: []PersistentStorage{{Path: "/var/lib/postgresql", Size: 20}}},
		},
		check: func(t *testing.T, cfg *Config) {
			want(t, "kind", cfg.WorkloadKind() == "StatefulSet", cfg.WorkloadKind())
			want(t, "volume", len(cfg.Storage) == 1 && cfg.Storage[0].SizeGiB == 20, cfg.Storage)
			deployment, _ := resolveRolloutTimeout(nil, cfg.Scaling, cfg.Probes, false, nil)
			want(t, "a StatefulSet waits longer than a Deployment of as many replicas", cfg.RolloutTimeout > deployment, cfg.RolloutTimeout)
		},
	}, {
		name: "cron only: no workload",
		args: ServiceArgs{
			ImageArgs:   image("busybox"),
			ScalingArgs: ScalingArgs{MinContainers: ptr(0), MaxContainers: ptr(0)},
			ReleaseArgs: ReleaseArgs{CronJobs: []CronJob{{Name: ptr("nightly"), Commands: []string{"/bin/true"}, Schedule: "0 3 * * *"}}},
		},
		check: func(t *testing.T, cfg *Config) {
			want(t, "no workload", !cfg.HasWorkload() && cfg.WorkloadKind() == "", cfg.WorkloadKind())
			want(t, "the job named after the service", len(cfg.CronJobs) == 1 && cfg.CronJobs[0].Name == "app-nightly", cfg.CronJobs)
		},
	}, {
		name: "a public URI with the default class: nginx, the prefix stripped",
		args: ServiceArgs{
			ImageArgs:   image("nginx"),
			PortArgs:    PortArgs{Port: map[string]int{"http": 80}},
			IngressArgs: IngressArgs{PublicUri: []pulumi.StringInput{pulumi.String("example.com/api")}},
		},
		check: func(t *testing.T, cfg *Config) {
			want(t, "class", cfg.Ingress.ClassName == DefaultIngressClassName && !cfg.Ingress.KeepPrefix, cfg.Ingress)
			want(t, "uri", len(cfg.Ingress.URIs) == 1 && cfg.Ingress.URIs[0].Host == "example.com" && cfg.Ingress.URIs[0].Path == "/api", cfg.Ingress.URIs)
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Resolve("app", &tc.args, false, nil)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			tc.check(t, cfg)
		})
	}
}

// Resolve reports every problem at once, the variant's with the core's, and each check
// names its field at the path it was given.
func TestResolveReportsEveryProblemAtOnce(t *testing.T) {
	args := &ServiceArgs{
		ImageArgs:   image("nginx"),
		ScalingArgs: ScalingArgs{MinContainers: ptr(5), MaxContainers: ptr(2)},
		PortArgs:    PortArgs{Port: map[string]int{"udp": 53}},
		ReleaseArgs: ReleaseArgs{CronJobs: []CronJob{{Commands: []string{"x"}, Schedule: "every day"}}},
	}
	variant := func(string, *Config) field.ErrorList {
		return field.ErrorList{field.Required(field.NewPath("project"), "the Google Cloud project")}
	}
	_, err := Resolve("app", args, false, variant)
	if err == nil {
		t.Fatal("Resolve accepted min > max, an unknown port type and a bad schedule")
	}
	for _, name := range []string{"project", "minContainers", "port[udp]", "cronJobs[0].schedule"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("the error does not name %s: %v", name, err)
		}
	}
}

// A check given a path names its fields under it, as Kubernetes' validators do.
func TestChecksNameFieldsUnderTheirPath(t *testing.T) {
	parent := field.NewPath("spec")
	_, errs := resolvePorts(PortArgs{Port: map[string]int{"udp": 53}}, parent)
	if len(errs) != 1 || errs[0].Field != "spec.port[udp]" {
		t.Errorf("errors %v, want one at spec.port[udp]", errs)
	}
	errs = validateImage(ImageArgs{}, false, parent)
	if len(errs) != 1 || errs[0].Field != "spec.image" {
		t.Errorf("errors %v, want one at spec.image", errs)
	}
	if errs := CheckEnum(SecurityProfile("privileged"), parent.Child("securityProfile")); len(errs) != 1 ||
		!strings.Contains(errs[0].Error(), `"baseline", "restricted"`) {
		t.Errorf("CheckEnum: %v, want the allowed values named", errs)
	}
}

func want(t *testing.T, what string, ok bool, got any) {
	t.Helper()
	if !ok {
		t.Errorf("%s: got %+v", what, got)
	}
}
