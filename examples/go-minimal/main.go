// The smallest k8s-service: an image and a port. With the stack's `canaryTag` set, a
// canary of that tag runs beside it (docs/traffic.md, "Canary releases").
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
	args := &k8sservice.ServiceArgs{
		Image: pulumi.String("nginxinc/nginx-unprivileged:1.27"),
		Port:  map[string]int{"http": 8080},
	}
	if tag := config.Get(ctx, "canaryTag"); tag != "" {
		args.Canary = &k8sservice.CanaryArgs{Tag: pulumi.String(tag), Weight: 10}
	}
	svc, err := k8sservice.NewService(ctx, "hello", args)
	if err != nil {
		return err
	}
	ctx.Export("internalUrl", svc.InternalUrl)
	ctx.Export("currentImage", svc.CurrentImage)
	ctx.Export("canaryImage", svc.CanaryImage)
	return nil
}
