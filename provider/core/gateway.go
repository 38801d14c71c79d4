package core

import (
	"regexp"

	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// sectionName is the Gateway API's SectionName.
var sectionName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

// resolveGateway checks the Gateway the routes attach to: what the routes need (a URI, and
// for gRPC URIs without paths), and that no input of Ingresses is given, since a route
// cannot carry it.
func resolveGateway(in IngressArgs, ing Ingress, fldPath *field.Path) (*GatewayTarget, field.ErrorList) {
	ref := *in.Gateway
	p := fldPath.Child("gateway")
	target := &GatewayTarget{Name: ref.Name, Namespace: deref(ref.Namespace, ""), SectionName: deref(ref.SectionName, ""),
		HTTPS: deref(ref.Https, false)}
	errs := invalid(ref.Name, validation.IsDNS1123Subdomain(ref.Name), p.Child("name"))
	if ref.Namespace != nil {
		errs = append(errs, invalid(*ref.Namespace, validation.IsDNS1123Label(*ref.Namespace), p.Child("namespace"))...)
	}
	if ref.SectionName != nil && (!sectionName.MatchString(*ref.SectionName) || len(*ref.SectionName) > 253) {
		errs = append(errs, field.Invalid(p.Child("sectionName"), *ref.SectionName,
			"must be a listener name: lowercase letters, digits and '-', starting and ending with a letter or digit"))
	}
	if len(ing.URIs) == 0 {
		errs = append(errs, field.Required(fldPath.Child("publicUri"), "the hosts (and path prefixes) the Gateway routes to the service"))
	}
	grpc := ing.Port != nil && ing.Port.Protocol == ProtoGRPC
	for i, uri := range ing.URIs {
		if grpc && uri.Known() && uri.Path != "/" {
			errs = append(errs, field.Invalid(fldPath.Child("publicUri").Index(i), uri.Host+uri.Path,
				"a GRPCRoute matches gRPC services and methods, not path prefixes: give the host alone"))
		}
	}
	for _, ingressOnly := range []struct {
		name  string
		given bool
		why   string
	}{
		{"ingressClassName", in.IngressClassName != nil, "the Gateway's class says which controller serves it"},
		{"ingressController", in.IngressController != nil, "the Gateway's class says which controller serves it"},
		{"ingressExtraAnnotations", len(in.IngressExtraAnnotations) > 0, "routes are configured by their spec, not annotations"},
		{"allowUnsafeIngressAnnotations", deref(in.AllowUnsafeIngressAnnotations, false), "routes take no annotations"},
		{"tls", len(in.Tls) > 0, "TLS is terminated by the Gateway's listener (set gateway.https for https:// URLs)"},
		{"stickySession", deref(in.StickySession, false), "the Gateway API's standard channel has no session persistence " +
			"(sessionPersistence is experimental)"},
		{"consistentHash", in.ConsistentHash != nil, "the Gateway API has no consistent hashing"},
	} {
		if ingressOnly.given {
			errs = append(errs, field.Forbidden(fldPath.Child(ingressOnly.name), "not with gateway: "+ingressOnly.why))
		}
	}
	return target, errs
}
