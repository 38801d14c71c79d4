// A program that must not compile: `ports` decides which objects exist, so it is plain
// and an output of another resource cannot be passed (TestOutputToPortsDoesNotCompile).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		ports := pulumi.Any([]map[string]any{{"name": "web", "type": "http", "port": 8080}})
		_, err := k8sservice.NewService(ctx, "app", &k8sservice.ServiceArgs{
			Image: pulumi.String("nginx:1.27"),
			Ports: ports,
		})
		return err
	})
}
