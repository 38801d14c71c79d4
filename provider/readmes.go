package provider

import "fmt"

// sdkReadme is the README of one SDK's package (npm, PyPI, the Go module): what the
// package is, how to install it, a first program, and where the inputs are described.
func sdkReadme(install, example, lang string) string {
	return fmt.Sprintf(`# k8s-service

A Pulumi component that deploys a containerised service onto Kubernetes the way a platform
team would: rolling updates that `+"`pulumi up`"+` waits for, autoscaling, probes, resources,
Ingress or Gateway API routes, persistent volumes, cron jobs, a migration Job that gates the
rollout, secrets, Prometheus scraping and a service account; its aws, gcp and azure variants
add the cloud's registry, disks and identity with least-privilege grants.

## Install

%s

The engine installs the resource plugin (`+"`k8s-service`"+`) on first use.

## Use (%s)

%s

Every input and its default: https://github.com/k8s-service/pulumi-k8s-service#inputs.
Bad input fails at `+"`pulumi preview`"+`, naming the field.
`, install, lang, example)
}

const fence = "```"

var sdkReadmes = map[string]string{
	"nodejs": sdkReadme(fence+"sh\nnpm install @k8s-service/pulumi\n"+fence+"\n\nNode.js 22 or later, `@pulumi/pulumi` 3.142 or later.", fence+`ts
import * as k8sservice from "@k8s-service/pulumi";

const api = new k8sservice.Service("api", {
    image: "ghcr.io/acme/api",
    tag: "1.4.2",
    port: { http: 8080 },
    healthcheckPath: "/healthz",
});
export const url = api.internalUrl;
`+fence, "TypeScript"),
	"python": sdkReadme(fence+"sh\npip install pulumi_k8s_service\n"+fence+"\n\nPython 3.10 or later, `pulumi` 3.231 or later.", fence+`python
import pulumi
import pulumi_k8s_service as k8s_service

api = k8s_service.Service("api", image="ghcr.io/acme/api", tag="1.4.2", port={"http": 8080},
                          healthcheck_path="/healthz")
pulumi.export("url", api.internal_url)
`+fence, "Python"),
	"go": sdkReadme(fence+"sh\ngo get github.com/k8s-service/pulumi-k8s-service/sdk\n"+fence+"\n\nGo 1.21 or later, `github.com/pulumi/pulumi/sdk/v3` v3.142.0 or later.", fence+`go
api, err := k8sservice.NewService(ctx, "api", &k8sservice.ServiceArgs{
	Image:           pulumi.String("ghcr.io/acme/api"),
	Tag:             pulumi.String("1.4.2"),
	Port:            map[string]int{"http": 8080},
	HealthcheckPath: pulumi.StringRef("/healthz"),
})
`+fence+`

with `+"`import \"github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice\"`"+`.`, "Go"),
}

// GoSDKReadme is the Go module's README (sdk/README.md), which the Go generator does not write.
func GoSDKReadme() string { return sdkReadmes["go"] }
