package bench

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider"
	"github.com/k8s-service/pulumi-k8s-service/provider/core"
	"github.com/k8s-service/pulumi-k8s-service/provider/plain"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// fullInputs is fullArgs as the engine sends it.
func fullInputs() map[string]any {
	return map[string]any{
		"image": "ghcr.io/acme/shop", "tag": "1.4.2", "port": map[string]any{"http": 8080},
		"minContainers": 2, "maxContainers": 5,
		"envVars": map[string]any{"LOG_LEVEL": "info", "MODE": "web"}, "secrets": map[string]any{"DB_PASSWORD": "pw"},
		"livenessProbePath": "/live", "readinessProbePath": "/ready",
		"publicUri": []any{"shop.example.com", "example.com/shop"}, "stickySession": true,
		"resourceRequest":   map[string]any{"cpu": 250, "memory": 256},
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 10}},
		"tolerations":       []any{map[string]any{"key": "dedicated", "value": "web", "effect": "NoExecute"}},
		"cronJobs":          []any{map[string]any{"name": "report", "commands": []any{"/app/report"}, "schedule": "0 * * * *"}},
		"podAnnotations":    map[string]any{"prometheus.io/scrape": "true"}, "podLabels": map[string]any{"team": "shop"},
		"securityProfile": "restricted", "namespace": "shop",
	}
}

// BenchmarkConstruct is one Construct call through the provider, as the engine makes it:
// marshalled inputs in, every child registered with the (mock) monitor over gRPC.
func BenchmarkConstruct(b *testing.B) {
	for _, tc := range []struct {
		name   string
		inputs map[string]any
	}{
		{"full", fullInputs()},
		{"minimal", map[string]any{"image": "nginx:1.27", "port": map[string]any{"http": 8080}}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			prov, err := provider.New()
			if err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			server, err := integration.NewServer(ctx, provider.Name, semver.MustParse(provider.Version),
				integration.WithProvider(prov), integration.WithMocks(&integration.MockResourceMonitor{}))
			if err != nil {
				b.Fatal(err)
			}
			req := p.ConstructRequest{
				Urn:    presource.NewURN("bench", "bench", "", "k8s-service:index:Service", "svc"),
				Inputs: harness.Props(tc.inputs),
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := server.Construct(req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// programs are the two ways to get the full-featured objects, under the same mocks.
var programs = map[string]func(ctx *pulumi.Context, name string) error{
	"component": func(ctx *pulumi.Context, name string) error {
		_, err := plain.NewService(ctx, name, &plain.ServiceArgs{ServiceArgs: *fullArgs()})
		return err
	},
	"direct": declareDirect,
}

// BenchmarkProgram runs a Pulumi program of n full-featured services, through the
// component and declared directly; their ratio is the component's overhead, and
// ns/service across n shows how the cost grows.
func BenchmarkProgram(b *testing.B) {
	for _, n := range []int{1, 10, 100, 1000} {
		for _, kind := range []string{"component", "direct"} {
			b.Run(fmt.Sprintf("%s/n=%d", kind, n), func(b *testing.B) {
				declare := programs[kind]
				b.ReportAllocs()
				for range b.N {
					err := run(&recorder{}, func(ctx *pulumi.Context) error {
						for i := range n {
							if err := declare(ctx, fmt.Sprintf("svc%d", i)); err != nil {
								return err
							}
						}
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/service")
			})
		}
	}
}

// BenchmarkPeakMemory100 runs 100 full-featured services once and reports the
// process's peak resident memory; run each in a process of its own (make bench does).
func BenchmarkPeakMemory100(b *testing.B) {
	for _, kind := range []string{"component", "direct"} {
		b.Run(kind, func(b *testing.B) {
			for range b.N {
				if err := run(&recorder{}, func(ctx *pulumi.Context) error {
					for i := range 100 {
						if err := programs[kind](ctx, fmt.Sprintf("svc%d", i)); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					b.Fatal(err)
				}
			}
			if peak, err := peakRSS(); err == nil {
				b.ReportMetric(peak, "peak-RSS-MiB")
			}
		})
	}
}

// peakRSS is the process's high-water resident set size (VmHWM) in MiB.
func peakRSS() (float64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if fields := strings.Fields(line); len(fields) == 3 && fields[0] == "VmHWM:" {
			kb, err := strconv.ParseFloat(fields[1], 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}

// BenchmarkResolve is the component's own work before registering anything: every
// validation rule and default, for the full-featured service.
func BenchmarkResolve(b *testing.B) {
	args := fullArgs()
	b.ReportAllocs()
	for range b.N {
		if _, err := core.Resolve("svc", args, false, nil); err != nil {
			b.Fatal(err)
		}
	}
}
