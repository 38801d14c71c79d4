// Opta's httpbin example as a k8s-service: two to three replicas probed on /get, exposed
// through ingress, with two persistent volumes per replica (so a StatefulSet),
// tolerations, a secret, and a cron job.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	k8sservice "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice"
)

func main() {
	pulumi.Run(program)
}

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	host := cfg.Get("host")
	if host == "" {
		host = "httpbin.example.com"
	}
	token := cfg.GetSecret("apiToken")
	svc, err := k8sservice.NewService(ctx, "httpbin", &k8sservice.ServiceArgs{
		Image:                 pulumi.String("kennethreitz/httpbin"),
		Port:                  pulumi.IntMap{"http": pulumi.Int(80)},
		MinContainers:         pulumi.IntRef(2),
		MaxContainers:         pulumi.IntRef(3),
		LivenessProbePath:     pulumi.StringRef("/get"),
		ReadinessProbePath:    pulumi.StringRef("/get"),
		InitialLivenessDelay:  pulumi.IntRef(10),
		InitialReadinessDelay: pulumi.IntRef(5),
		PublicUri:             pulumi.ToStringArray([]string{host}),
		PersistentStorage: k8sservice.PersistentStorageArray{
			k8sservice.PersistentStorageArgs{Path: pulumi.String("/data/one"), Size: pulumi.Int(1)},
			k8sservice.PersistentStorageArgs{Path: pulumi.String("/data/two"), Size: pulumi.Int(2)},
		},
		Tolerations: k8sservice.TolerationArray{
			k8sservice.TolerationArgs{Key: pulumi.String("instancetype"), Value: pulumi.String("memoryoptimized"), Effect: pulumi.String("NoExecute")},
			k8sservice.TolerationArgs{Key: pulumi.String("team"), Value: pulumi.String("booking")},
			k8sservice.TolerationArgs{Key: pulumi.String("highpriority")},
		},
		CronJobs: k8sservice.CronJobArray{
			k8sservice.CronJobArgs{
				Name:     pulumi.String("hello"),
				Commands: pulumi.ToStringArray([]string{"/bin/sh", "-c", `echo "Hello world!"`}),
				Schedule: pulumi.String("* * * * *"),
			},
		},
		EnvVars: pulumi.StringMap{"GREETING": pulumi.String("hello")},
		Secrets: pulumi.StringMap{"API_TOKEN": token},
	})
	if err != nil {
		return err
	}
	ctx.Export("internalUrl", svc.InternalUrl)
	ctx.Export("publicUrls", svc.PublicUrls)
	ctx.Export("workloadKind", svc.WorkloadKind)
	return nil
}
