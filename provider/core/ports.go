package core

import (
	"slices"
	"sort"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// probesOverTCP is true when probes must check the TCP connection rather than HTTP.
func (p ResolvedPort) probesOverTCP() bool { return p.Type == PortTCP || p.Protocol != "" }

// simplePortKinds maps each key of the simple `port` form to its type and protocol.
var simplePortKinds = map[string]ResolvedPort{
	string(PortHTTP):       {Type: PortHTTP},
	string(PortTCP):        {Type: PortTCP},
	string(ProtoGRPC):      {Type: PortHTTP, Protocol: ProtoGRPC},
	string(ProtoWebsocket): {Type: PortHTTP, Protocol: ProtoWebsocket},
}

func resolvePorts(in PortArgs, fldPath *field.Path) ([]ResolvedPort, field.ErrorList) {
	switch {
	case len(in.Port) > 0 && len(in.Ports) > 0:
		return nil, field.ErrorList{field.Forbidden(fldPath.Child("ports"), "give either `port` or `ports`, not both")}
	case len(in.Port) > 0:
		return resolveSimplePort(in.Port, fldPath.Child("port"))
	default:
		return resolvePortList(in.Ports, fldPath.Child("ports"))
	}
}

func resolveSimplePort(port map[string]int, fldPath *field.Path) ([]ResolvedPort, field.ErrorList) {
	keys := make([]string, 0, len(port))
	for k := range port {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) != 1 {
		return nil, field.ErrorList{field.Invalid(fldPath, keys, "must have exactly one key: http, tcp, grpc or websocket")}
	}
	kind, ok := simplePortKinds[keys[0]]
	if !ok {
		return nil, field.ErrorList{field.NotSupported(fldPath.Key(keys[0]), keys[0], append(EnumStrings(PortType("").Values()), EnumStrings(PortProtocol("").Values())...))}
	}
	number := port[keys[0]]
	if errs := validatePortNumber(number, fldPath.Key(keys[0])); len(errs) > 0 {
		return nil, errs
	}
	kind.Name, kind.Port, kind.ServicePort = keys[0], number, number
	return []ResolvedPort{kind}, nil
}

func resolvePortList(ports []Port, fldPath *field.Path) ([]ResolvedPort, field.ErrorList) {
	var errs field.ErrorList
	var resolved []ResolvedPort
	names, numbers, servicePorts := map[string]bool{}, map[int]bool{}, map[int]bool{}
	httpPorts := 0
	for i, p := range ports {
		path := fldPath.Index(i)
		errs = append(errs, invalid(p.Name, validation.IsValidPortName(p.Name), path.Child("name"))...)
		if names[p.Name] {
			errs = append(errs, field.Duplicate(path.Child("name"), p.Name))
		}
		names[p.Name] = true
		errs = append(errs, CheckEnum(p.Type, path.Child("type"))...)
		if p.Type == PortHTTP {
			httpPorts++
			if httpPorts > 1 {
				errs = append(errs, field.Invalid(path.Child("type"), p.Type, "at most one port may be of type http"))
			}
		}
		errs = append(errs, validatePortNumber(p.Port, path.Child("port"))...)
		if numbers[p.Port] {
			errs = append(errs, field.Duplicate(path.Child("port"), p.Port))
		}
		numbers[p.Port] = true
		servicePort := deref(p.ServicePort, p.Port)
		errs = append(errs, validatePortNumber(servicePort, path.Child("servicePort"))...)
		if servicePorts[servicePort] {
			errs = append(errs, field.Duplicate(path.Child("servicePort"), servicePort))
		}
		servicePorts[servicePort] = true
		protocol := deref(p.Protocol, "")
		if protocol != "" {
			errs = append(errs, CheckEnum(protocol, path.Child("protocol"))...)
		}
		resolved = append(resolved, ResolvedPort{Name: p.Name, Type: p.Type, Protocol: protocol, Port: p.Port, ServicePort: servicePort})
	}
	return resolved, errs
}

func validatePortNumber(port int, fldPath *field.Path) field.ErrorList {
	if port < 1 || port > 65535 {
		return field.ErrorList{field.Invalid(fldPath, port, "must be a port number between 1 and 65535")}
	}
	return nil
}

// resolveProbePort picks the port that probes use: `probePort`, or the first port.
func resolveProbePort(probePort *string, ports []ResolvedPort, fldPath *field.Path) (*ResolvedPort, field.ErrorList) {
	if probePort == nil {
		if len(ports) == 0 {
			return nil, nil
		}
		return &ports[0], nil
	}
	i := slices.IndexFunc(ports, func(p ResolvedPort) bool { return p.Name == *probePort })
	if i < 0 {
		names := make([]string, len(ports))
		for j, p := range ports {
			names[j] = p.Name
		}
		return nil, field.ErrorList{field.NotSupported(fldPath, *probePort, names)}
	}
	return &ports[i], nil
}

// httpPort returns the service's http port, if it has one.
func httpPort(ports []ResolvedPort) *ResolvedPort {
	for i := range ports {
		if ports[i].Type == PortHTTP {
			return &ports[i]
		}
	}
	return nil
}

func containerPorts(ports []ResolvedPort) corev1.ContainerPortArray {
	var out corev1.ContainerPortArray
	for _, p := range ports {
		out = append(out, corev1.ContainerPortArgs{
			Name:          pulumi.String(p.Name),
			ContainerPort: pulumi.Int(p.Port),
			Protocol:      pulumi.String("TCP"),
		})
	}
	return out
}

func servicePorts(ports []ResolvedPort) corev1.ServicePortArray {
	var out corev1.ServicePortArray
	for _, p := range ports {
		out = append(out, corev1.ServicePortArgs{
			Name:        pulumi.String(p.Name),
			Port:        pulumi.Int(p.ServicePort),
			TargetPort:  pulumi.String(p.Name),
			Protocol:    pulumi.String("TCP"),
			AppProtocol: appProtocol(p),
		})
	}
	return out
}

// appProtocol tells meshes and gateways what runs over the port (Kubernetes' standard names).
func appProtocol(p ResolvedPort) pulumi.StringPtrInput {
	switch {
	case p.Protocol == ProtoGRPC:
		return pulumi.String("kubernetes.io/h2c")
	case p.Protocol == ProtoWebsocket:
		return pulumi.String("kubernetes.io/ws")
	case p.Type == PortHTTP:
		return pulumi.String("http")
	default:
		return nil
	}
}
