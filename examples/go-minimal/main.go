// The smallest k8s-service: an image and a port.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	k8sservice "github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice"
)

func main() {
	pulumi.Run(program)
}

func program(ctx *pulumi.Context) error {
	svc, err := k8sservice.NewService(ctx, "hello", &k8sservice.ServiceArgs{
		Image: pulumi.String("nginxinc/nginx-unprivileged:1.27"),
		Port:  map[string]int{"http": 8080},
	})
	if err != nil {
		return err
	}
	ctx.Export("internalUrl", svc.InternalUrl)
	ctx.Export("currentImage", svc.CurrentImage)
	return nil
}
