package core

import (
	"net/netip"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// resolveExposure checks how the Service is exposed: a NodePort or a load balancer needs
// the Service (a port and long-running pods), source ranges a load balancer, and the
// traffic policy a node port.
func resolveExposure(in ExposureArgs, ports []ResolvedPort, scaling Scaling, fldPath *field.Path) (Exposure, field.ErrorList) {
	exp := Exposure{
		Type:          deref(in.ServiceType, ServiceClusterIP),
		Annotations:   in.ServiceAnnotations,
		SourceRanges:  in.LoadBalancerSourceRanges,
		TrafficPolicy: string(deref(in.ExternalTrafficPolicy, "")),
	}
	typePath := fldPath.Child("serviceType")
	errs := CheckEnum(exp.Type, typePath)
	if exp.Type != ServiceClusterIP && (len(ports) == 0 || scaling.Max == 0) {
		errs = append(errs, field.Forbidden(typePath, string(exp.Type)+" exposes the Service over the ports: give a `port` and long-running pods (maxContainers above 0)"))
	}
	errs = append(errs, validateAnnotations(keysOnly(in.ServiceAnnotations), fldPath.Child("serviceAnnotations"))...)
	ranges := fldPath.Child("loadBalancerSourceRanges")
	if len(exp.SourceRanges) > 0 && exp.Type != ServiceLoadBalancer {
		errs = append(errs, field.Forbidden(ranges, "only a LoadBalancer Service has source ranges (serviceType: LoadBalancer)"))
	}
	for i, cidr := range exp.SourceRanges {
		if prefix, err := netip.ParsePrefix(cidr); err != nil || prefix.Masked() != prefix {
			errs = append(errs, field.Invalid(ranges.Index(i), cidr, "must be a CIDR such as `10.0.0.0/8` (no host bits set)"))
		}
	}
	if in.ExternalTrafficPolicy != nil {
		policy := fldPath.Child("externalTrafficPolicy")
		errs = append(errs, CheckEnum(*in.ExternalTrafficPolicy, policy)...)
		if exp.Type == ServiceClusterIP {
			errs = append(errs, field.Forbidden(policy, "only NodePort and LoadBalancer Services receive traffic from outside the cluster"))
		}
	}
	return exp, errs
}

// keysOnly is m with its values left out: what the key checks read of annotations whose
// values may be outputs.
func keysOnly[V any](m map[string]V) map[string]string {
	keys := make(map[string]string, len(m))
	for k := range m {
		keys[k] = ""
	}
	return keys
}

// ResolveScheme checks the scheme against the Service's resolved type (only a LoadBalancer
// Service has one) and returns the cloud's Service annotations (byScheme) for it:
// internal unless external is asked for, none without a load balancer.
func (a LoadBalancerArgs) ResolveScheme(exposure Exposure, byScheme map[LoadBalancerScheme]map[string]string) (map[string]string, field.ErrorList) {
	if a.LoadBalancerScheme != nil {
		fldPath := field.NewPath("loadBalancerScheme")
		errs := CheckEnum(*a.LoadBalancerScheme, fldPath)
		if exposure.Type != ServiceLoadBalancer {
			errs = append(errs, field.Forbidden(fldPath, "only a LoadBalancer Service has a scheme (serviceType: LoadBalancer)"))
		}
		if len(errs) > 0 {
			return nil, errs
		}
	}
	if exposure.Type != ServiceLoadBalancer {
		return nil, nil
	}
	return byScheme[deref(a.LoadBalancerScheme, SchemeInternal)], nil
}
