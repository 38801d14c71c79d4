// Package bench measures what the component costs: Construct in-process, the component
// against the same objects declared directly with pulumi-kubernetes under the same
// mocks, growth with the number of services, and memory. docs/benchmarks.md has the
// figures; `make bench` reproduces them. Nothing here asserts a time.
package bench

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

func ptr[T any](v T) *T { return &v }

// fullArgs turns every feature of the plain variant on: two ports' worth of probes,
// env and secrets, two public URIs with sticky sessions, storage (a StatefulSet),
// tolerations, a cron job, pod metadata and the restricted profile.
func fullArgs() *core.ServiceArgs {
	return &core.ServiceArgs{
		ImageArgs:   core.ImageArgs{Image: pulumi.String("ghcr.io/acme/shop"), Tag: pulumi.String("1.4.2")},
		PortArgs:    core.PortArgs{Port: map[string]int{"http": 8080}},
		ScalingArgs: core.ScalingArgs{MinContainers: ptr(2), MaxContainers: ptr(5)},
		EnvArgs: core.EnvArgs{
			EnvVars: map[string]pulumi.StringInput{"LOG_LEVEL": pulumi.String("info"), "MODE": pulumi.String("web")},
			Secrets: map[string]pulumi.StringInput{"DB_PASSWORD": pulumi.ToSecret(pulumi.String("pw")).(pulumi.StringOutput)},
		},
		ProbeArgs:   core.ProbeArgs{LivenessProbePath: ptr("/live"), ReadinessProbePath: ptr("/ready")},
		IngressArgs: core.IngressArgs{PublicUri: []pulumi.StringInput{pulumi.String("shop.example.com"), pulumi.String("example.com/shop")}, StickySession: ptr(true)},
		StorageArgs: core.StorageArgs{PersistentStorage: []core.PersistentStorage{{Path: "/data", Size: 10}}},
		SchedulingArgs: core.SchedulingArgs{
			Tolerations: []core.Toleration{{Key: "dedicated", Value: ptr("web"), Effect: ptr(core.TaintEffect("NoExecute"))}},
		},
		ReleaseArgs: core.ReleaseArgs{
			CronJobs: []core.CronJob{{Name: ptr("report"), Commands: []string{"/app/report"}, Schedule: "0 * * * *"}},
		},
		ContainerArgs: core.ContainerArgs{
			ResourceRequest: &core.Resources{Cpu: ptr(250), Memory: ptr(256)},
			PodAnnotations:  map[string]string{"prometheus.io/scrape": "true"},
			PodLabels:       map[string]string{"team": "shop"},
			SecurityProfile: ptr(core.ProfileRestricted),
		},
		NamespaceArgs: core.NamespaceArgs{Namespace: pulumi.String("shop")},
	}
}
