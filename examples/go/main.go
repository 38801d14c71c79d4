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
	ordersHost := cfg.Get("ordersHost")
	if ordersHost == "" {
		ordersHost = "orders.db.internal"
	}
	svc, err := k8sservice.NewService(ctx, "httpbin", &k8sservice.ServiceArgs{
		Image:                 pulumi.String("kennethreitz/httpbin"),
		Port:                  map[string]int{"http": 80},
		MinContainers:         pulumi.IntRef(2),
		MaxContainers:         pulumi.IntRef(3),
		LivenessProbePath:     pulumi.StringRef("/get"),
		ReadinessProbePath:    pulumi.StringRef("/get"),
		InitialLivenessDelay:  pulumi.IntRef(10),
		InitialReadinessDelay: pulumi.IntRef(5),
		PublicUri:             []pulumi.StringInput{pulumi.String(host)},
		PersistentStorage: []k8sservice.PersistentStorageArgs{
			{Path: "/data/one", Size: 1},
			{Path: "/data/two", Size: 2},
		},
		Tolerations: []k8sservice.TolerationArgs{
			{Key: "instancetype", Value: pulumi.StringRef("memoryoptimized"), Effect: ref(k8sservice.TaintEffectNoExecute)},
			{Key: "team", Value: pulumi.StringRef("booking")},
			{Key: "highpriority"},
		},
		CronJobs: []k8sservice.CronJobArgs{{
			Name:     pulumi.StringRef("hello"),
			Commands: []string{"/bin/sh", "-c", `echo "Hello world!"`},
			Schedule: "* * * * *",
		}},
		EnvVars: map[string]pulumi.StringInput{"GREETING": pulumi.String("hello")},
		Secrets: pulumi.StringMap{"API_TOKEN": token},
		// The environment's Postgres: orders_db_host, orders_db_port, orders_db_name,
		// orders_db_user and orders_db_password (through the service's Secret).
		Links: []k8sservice.LinkArgs{{
			Name:     "orders",
			Type:     k8sservice.LinkTypePostgres,
			Host:     pulumi.String(ordersHost),
			Database: pulumi.String("orders"),
			User:     pulumi.String("httpbin"),
			Password: cfg.GetSecret("ordersPassword"),
		}},
	})
	if err != nil {
		return err
	}
	ctx.Export("internalUrl", svc.InternalUrl)
	ctx.Export("publicUrls", svc.PublicUrls)
	ctx.Export("workloadKind", svc.WorkloadKind)
	return nil
}

// ref points to a value: the plain optional inputs (enums among them) are pointers.
func ref[T any](v T) *T { return &v }
