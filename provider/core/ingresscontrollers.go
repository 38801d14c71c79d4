package core

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// How each known controller is asked for what the inputs say (docs/traffic.md). A nil
// function is a feature the controller cannot give through an Ingress: asking for it fails
// at preview, naming the input and the controller.
type controllerSupport struct {
	// rewritesPaths: the prefix of publicUri can be stripped (ingress-nginx's regex paths).
	rewritesPaths bool
	// consistentHash is ingress-nginx's upstream hashing.
	consistentHash func(variable string) map[string]string
	// sticky pins clients with a cookie: Ingress and Service annotations.
	sticky func(maxAge int) (ingress, service map[string]string)
	// grpc speaks HTTP/2 to the pods: Ingress and Service annotations.
	grpc func() (ingress, service map[string]string)
	// websocket keeps long-lived connections open (nil: nothing to ask for).
	websocket map[string]string
	// always are on every Ingress and Service of this controller.
	alwaysIngress, alwaysService map[string]string
	// maxStickyAge bounds the cookie's lifetime, in seconds (0: no bound).
	maxStickyAge int
	// canary weighs traffic between the service's own pods and a canary's (nil: the
	// controller cannot through an Ingress, and a canary with publicUri is refused).
	canary func(split trafficSplit) weightedIngress
}

// trafficSplit is what a canary asks of the routes: weight percent of the service's
// requests to its canary Service, the rest to its stable one (trackName), both on port.
type trafficSplit struct {
	service string
	port    ResolvedPort
	weight  int
}

// weightedIngress is how an Ingress splits traffic: the main Ingress's backend and its
// extra annotations, and the annotations of a second, canary Ingress for the same routes
// to the canary Service (none when nil).
type weightedIngress struct {
	backend           string
	backendPort       string // "": the service's port
	annotations       map[string]string
	canaryAnnotations map[string]string
}

const (
	nginxPrefix   = "nginx.ingress.kubernetes.io/"
	traefikPrefix = "traefik.ingress.kubernetes.io/"
	albPrefix     = "alb.ingress.kubernetes.io/"
	stickyCookie  = "k8s-service-affinity"
)

var controllers = map[IngressController]controllerSupport{
	ControllerNginx: {
		rewritesPaths: true,
		consistentHash: func(variable string) map[string]string {
			return map[string]string{nginxPrefix + "upstream-hash-by": variable}
		},
		sticky: func(maxAge int) (map[string]string, map[string]string) {
			return map[string]string{
				nginxPrefix + "affinity":               "cookie",
				nginxPrefix + "session-cookie-name":    stickyCookie,
				nginxPrefix + "session-cookie-max-age": strconv.Itoa(maxAge),
			}, nil
		},
		grpc: func() (map[string]string, map[string]string) {
			return map[string]string{nginxPrefix + "backend-protocol": "GRPC"}, nil
		},
		// nginx closes idle proxied connections after 60 s; websockets are long-lived.
		websocket: map[string]string{nginxPrefix + "proxy-read-timeout": "3600", nginxPrefix + "proxy-send-timeout": "3600"},
		// ingress-nginx's canary Ingress: the same hosts and paths, to the canary Service.
		canary: func(split trafficSplit) weightedIngress {
			return weightedIngress{backend: trackName(split.service, TrackStable), canaryAnnotations: map[string]string{
				nginxPrefix + "canary":        "true",
				nginxPrefix + "canary-weight": strconv.Itoa(split.weight),
			}}
		},
	},
	ControllerTraefik: {
		sticky: func(maxAge int) (map[string]string, map[string]string) {
			return nil, map[string]string{
				traefikPrefix + "service.sticky.cookie":        "true",
				traefikPrefix + "service.sticky.cookie.name":   stickyCookie,
				traefikPrefix + "service.sticky.cookie.maxage": strconv.Itoa(maxAge),
			}
		},
		grpc: func() (map[string]string, map[string]string) {
			return nil, map[string]string{traefikPrefix + "service.serversscheme": "h2c"}
		},
	},
	ControllerALB: {
		// The Service is ClusterIP: the load balancer targets the pods' IPs.
		alwaysIngress: map[string]string{albPrefix + "target-type": "ip"},
		sticky: func(maxAge int) (map[string]string, map[string]string) {
			return map[string]string{albPrefix + "target-group-attributes": fmt.Sprintf(
				"stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=%d", maxAge)}, nil
		},
		grpc: func() (map[string]string, map[string]string) {
			return map[string]string{albPrefix + "backend-protocol-version": "GRPC"}, nil
		},
		maxStickyAge: 7 * 24 * 3600,
		canary:       albWeightedTargetGroups,
	},
	ControllerGCE: {
		// Container-native load balancing: the load balancer targets the pods through
		// network endpoint groups, so the Service stays ClusterIP.
		alwaysService: map[string]string{"cloud.google.com/neg": `{"ingress": true}`},
	},
	ControllerOther: {},
}

// albForward is the AWS Load Balancer Controller's forward action to weighted target
// groups, one per Service (its `actions.<name>` annotation).
type albForward struct {
	Type          string `json:"type"`
	ForwardConfig struct {
		TargetGroups []albTargetGroup `json:"targetGroups"`
	} `json:"forwardConfig"`
}

type albTargetGroup struct {
	ServiceName string `json:"serviceName"`
	ServicePort string `json:"servicePort"`
	Weight      int    `json:"weight"`
}

// albWeightedTargetGroups routes the Ingress to an action (the backend named after it,
// on port `use-annotation`) that forwards to both Services' target groups by weight.
func albWeightedTargetGroups(split trafficSplit) weightedIngress {
	action := albForward{Type: "forward"}
	port := strconv.Itoa(split.port.ServicePort)
	action.ForwardConfig.TargetGroups = []albTargetGroup{
		{ServiceName: trackName(split.service, TrackStable), ServicePort: port, Weight: 100 - split.weight},
		{ServiceName: trackName(split.service, TrackCanary), ServicePort: port, Weight: split.weight},
	}
	raw, _ := json.Marshal(action) // plain strings and ints always marshal
	name := split.service + "-weighted"
	return weightedIngress{backend: name, backendPort: "use-annotation",
		annotations: map[string]string{albPrefix + "actions." + name: string(raw)}}
}

// controllerOf is the controller a class's name says, else other.
func controllerOf(class string) IngressController {
	switch class {
	case "nginx", "traefik", "gce", "alb":
		return IngressController(class)
	case "gce-internal":
		return ControllerGCE
	}
	return ControllerOther
}

// controllerAnnotations are what the inputs ask of the controller, or an error for each
// input it cannot give, naming the input and the controller.
func controllerAnnotations(in IngressArgs, ing Ingress, fldPath *field.Path) (ingress, service map[string]string, errs field.ErrorList) {
	support := controllers[ing.Controller]
	ingress, service = map[string]string{}, map[string]string{}
	if len(ing.URIs) == 0 {
		return ingress, service, nil
	}
	add := func(i, s map[string]string) {
		for k, v := range i {
			ingress[k] = v
		}
		for k, v := range s {
			service[k] = v
		}
	}
	add(support.alwaysIngress, support.alwaysService)
	cannot := func(p *field.Path, what, instead string) {
		errs = append(errs, field.Forbidden(p, fmt.Sprintf("ingress class %q (ingressController %s) cannot %s through an "+
			"Ingress: %s; or set ingressController if another controller serves the class (docs/traffic.md)",
			ing.ClassName, ing.Controller, what, instead)))
	}
	if !ing.KeepPrefix && !support.rewritesPaths && hasPrefixPath(ing.URIs) {
		cannot(fldPath.Child("keepPathPrefix"), "strip the path prefix of publicUri",
			"set keepPathPrefix: true, or route through a Gateway (gateway), whose URLRewrite strips it")
	}
	if in.ConsistentHash != nil {
		if support.consistentHash == nil {
			cannot(fldPath.Child("consistentHash"), "balance by consistent hashing", "only ingress-nginx does")
		} else {
			add(support.consistentHash(*in.ConsistentHash), nil)
		}
	}
	if deref(in.StickySession, false) {
		maxAge := deref(in.StickySessionMaxAge, DefaultStickySessionMaxAge)
		switch {
		case support.sticky == nil:
			cannot(fldPath.Child("stickySession"), "pin clients with a cookie", "use nginx, traefik or alb")
		case support.maxStickyAge > 0 && maxAge > support.maxStickyAge:
			errs = append(errs, field.Invalid(fldPath.Child("stickySessionMaxAge"), maxAge,
				fmt.Sprintf("the %s controller's cookie lasts at most %d seconds", ing.Controller, support.maxStickyAge)))
		default:
			add(support.sticky(maxAge))
		}
	}
	if ing.Port != nil {
		switch ing.Port.Protocol {
		case ProtoGRPC:
			if support.grpc == nil {
				cannot(fldPath.Child("port"), "proxy gRPC (HTTP/2 to the pods)", "use nginx, traefik or alb, or a Gateway's GRPCRoute")
			} else {
				add(support.grpc())
			}
		case ProtoWebsocket:
			add(support.websocket, nil)
		}
	}
	return ingress, service, errs
}

// hasPrefixPath says whether a URI has a path prefix; one the preview does not know is
// checked by `up`.
func hasPrefixPath(uris []PublicURI) bool {
	for _, u := range uris {
		if u.Known() && u.Path != "/" {
			return true
		}
	}
	return false
}

// unsafeIngressAnnotation says why an annotation key injects controller configuration,
// or "": ingress-nginx's snippets and the annotations of its 2025 injection CVEs
// (CVE-2025-24514, -1097, -1098; CVE-2023-5044 for permanent-redirect).
func unsafeIngressAnnotation(key string) string {
	name := strings.TrimPrefix(key, nginxPrefix)
	switch {
	case strings.HasSuffix(key, "-snippet") || strings.HasSuffix(key, "-snippets"):
		return "a configuration snippet is raw controller configuration"
	case name != key && (name == "auth-url" || name == "auth-tls-match-cn" || name == "mirror-target" ||
		name == "mirror-host" || name == "permanent-redirect"):
		return "ingress-nginx wrote this annotation's value into its configuration unescaped (the 2025 injection CVEs)"
	}
	return ""
}

// validateIngressAnnotations refuses, unless allowed, the keys that inject configuration
// and values with control characters (a newline ends an nginx directive).
func validateIngressAnnotations(annotations map[string]string, allowUnsafe bool, fldPath *field.Path) field.ErrorList {
	errs := validateAnnotations(annotations, fldPath)
	if allowUnsafe {
		return errs
	}
	for _, k := range sortedKeys(annotations) {
		if why := unsafeIngressAnnotation(k); why != "" {
			errs = append(errs, field.Forbidden(fldPath.Key(k), why+"; set allowUnsafeIngressAnnotations to allow it"))
		}
		if strings.ContainsFunc(annotations[k], unicode.IsControl) {
			errs = append(errs, field.Invalid(fldPath.Key(k), annotations[k],
				"may not hold control characters such as a newline; set allowUnsafeIngressAnnotations to allow it"))
		}
	}
	return errs
}
