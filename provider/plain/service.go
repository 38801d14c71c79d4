// Package plain is the plain variant, k8s-service:index:Service: the Kubernetes core
// on any cluster, with nothing cloud-specific.
package plain

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// Token is the plain variant's type token.
const Token tokens.Type = "k8s-service:index:Service" // #nosec G101 -- a type token, not a credential

// ServiceArgs are the common inputs plus the links to the databases and caches the
// program knows, which need no cloud.
type ServiceArgs struct {
	core.ServiceArgs
	Links []core.Link `pulumi:"links,optional"`
}

// Annotate documents the plain variant's own inputs.
func (a *ServiceArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Links, "Databases and caches the service connects to: each hands the pods its host, port, database, "+
		"user and password as env vars named after the link, the password through the service's Secret (docs/links.md).")
}

// Service is a containerised service on any Kubernetes cluster.
type Service struct {
	pulumi.ResourceState
	core.ServiceOutputs

	links []core.Link
}

// Annotate documents the component.
func (s *Service) Annotate(a infer.Annotator) {
	core.SetToken(a, Token)
	a.Describe(s, "A containerised service on any Kubernetes cluster (kind, minikube, k3s, on-prem, or a cloud you wire "+
		"yourself): a Deployment (or a StatefulSet with persistent storage) with zero-downtime rolling updates, an "+
		"autoscaler, probes, a ClusterIP Service, Ingresses, a Secret, a service account and cron jobs. The image must be given.")
}

// NewService validates args, then registers the service and its Kubernetes objects.
func NewService(ctx *pulumi.Context, name string, args *ServiceArgs, opts ...pulumi.ResourceOption) (*Service, error) {
	svc := &Service{links: args.Links}
	err := core.Construct(ctx, Token, name, &args.ServiceArgs, svc, opts...)
	return svc, err
}

// Resolve adds what the links hand over to the pods' env.
func (s *Service) Resolve(_ string, cfg *core.Config) field.ErrorList {
	return core.ResolveLinks(s.links, cfg, field.NewPath("links"))
}

// CreatesRegistry is false: without a cloud there is no registry to create.
func (s *Service) CreatesRegistry() bool { return false }

// Provision registers nothing: the plain variant is the Kubernetes core alone.
func (s *Service) Provision(*pulumi.Context, *core.Config) (core.Extensions, error) {
	return core.Extensions{}, nil
}
