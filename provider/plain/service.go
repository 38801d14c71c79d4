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

// Service is a containerised service on any Kubernetes cluster.
type Service struct {
	pulumi.ResourceState
	core.ServiceOutputs
}

// Annotate documents the component.
func (s *Service) Annotate(a infer.Annotator) {
	core.SetToken(a, Token)
	a.Describe(s, "A containerised service on any Kubernetes cluster (kind, minikube, k3s, on-prem, or a cloud you wire "+
		"yourself): a Deployment (or a StatefulSet with persistent storage) with zero-downtime rolling updates, an "+
		"autoscaler, probes, a ClusterIP Service, Ingresses, a Secret, a service account and cron jobs. The image must be given.")
}

// NewService validates args, then registers the service and its Kubernetes objects.
func NewService(ctx *pulumi.Context, name string, args *core.ServiceArgs, opts ...pulumi.ResourceOption) (*Service, error) {
	svc := &Service{}
	err := core.Construct(ctx, Token, name, args, svc, opts...)
	return svc, err
}

// Resolve: the plain variant has no inputs of its own.
func (s *Service) Resolve(string, *core.Config) field.ErrorList { return nil }

// CreatesRegistry is false: without a cloud there is no registry to create.
func (s *Service) CreatesRegistry() bool { return false }

// Provision registers nothing: the plain variant is the Kubernetes core alone.
func (s *Service) Provision(*pulumi.Context, *core.Config) (core.Extensions, error) {
	return core.Extensions{}, nil
}
