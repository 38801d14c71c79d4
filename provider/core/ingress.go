package core

import (
	"fmt"
	"regexp"
	"strings"

	networkingv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/networking/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// nonNameRun is a run of characters an object name cannot hold.
var nonNameRun = regexp.MustCompile(`[^a-z0-9.]+`)

// ingressName names a URI's Ingress after what it routes, its host and path
// (`app` + `example.com/api/v1` → `app-example.com-api-v1`), never after its position:
// adding or removing one URI leaves the other Ingresses alone. A route that cannot make
// a valid name gets a hash of itself.
func ingressName(service string, uri PublicURI) string {
	route := strings.ReplaceAll(uri.Host, "*", "wildcard")
	if uri.Path != "/" {
		route += uri.Path
	}
	name := service + "-" + strings.Trim(nonNameRun.ReplaceAllString(strings.ToLower(route), "-"), "-.")
	if len(validation.IsDNS1123Subdomain(name)) > 0 {
		return service + "-" + ShortHash(uri.Host+uri.Path)
	}
	return name
}

// URL is where the URI is served: https when its host has TLS.
func (u PublicURI) URL(tls bool) string {
	scheme := "http://"
	if tls {
		scheme = "https://"
	}
	if u.Path == "/" {
		return scheme + u.Host
	}
	return scheme + u.Host + u.Path
}

// url is URL as an input, unknown for an entry the preview does not know.
func (u PublicURI) url(tls bool) pulumi.StringInput {
	if u.Known() {
		return pulumi.String(u.URL(tls))
	}
	return u.Unknown.ApplyT(func(raw string) string { return parsed(raw).URL(tls) }).(pulumi.StringOutput)
}

// parsed is an entry the preview did not know, once known: in `up` it was checked before
// anything was registered, so only a preview's placeholder can fail to parse.
func parsed(raw string) PublicURI {
	uri, _ := parsePublicURI(raw, nil)
	return uri
}

// parts are the URI's host, path and pathType for its Ingress, outputs of the entry when
// the preview does not know it.
func (u PublicURI) parts(keepPrefix bool) (host, path, pathType pulumi.StringInput) {
	if u.Known() {
		path, pathType := ingressPath(u, keepPrefix)
		return pulumi.String(u.Host), pulumi.String(path), pulumi.String(pathType)
	}
	later := u.Unknown.ApplyT(func(raw string) []string {
		uri := parsed(raw)
		path, pathType := ingressPath(uri, keepPrefix)
		return []string{uri.Host, path, pathType}
	}).(pulumi.StringArrayOutput)
	return later.Index(pulumi.Int(0)), later.Index(pulumi.Int(1)), later.Index(pulumi.Int(2))
}

// rewrites says whether the URI's Ingress strips its prefix (ingress-nginx's regex path).
func rewrites(uri PublicURI, keepPrefix bool) bool {
	return !keepPrefix && uri.Known() && uri.Path != "/"
}

// ingressPath is the Ingress path of a URI: stripping a prefix needs a regex path, which
// ingress-nginx only accepts with pathType ImplementationSpecific (its strict path
// validation rejects regex in Prefix paths); everything else is a plain Prefix, which every
// controller serves. Controllers without the rewrite were refused at preview.
func ingressPath(uri PublicURI, keepPrefix bool) (path, pathType string) {
	if !keepPrefix && uri.Path != "/" {
		return fmt.Sprintf("%s(/|$)(.*)", uri.Path), "ImplementationSpecific"
	}
	return uri.Path, "Prefix"
}

// safePath keeps prefixes literal: they are embedded in an nginx regex when rewritten.
var safePath = regexp.MustCompile(`^(/[A-Za-z0-9._~%-]+)*/?$`)

func resolveIngress(in IngressArgs, ports []ResolvedPort, scaling Scaling, fldPath *field.Path) (Ingress, field.ErrorList) {
	var errs field.ErrorList
	ing := Ingress{
		Port:       httpPort(ports),
		ClassName:  deref(in.IngressClassName, DefaultIngressClassName),
		KeepPrefix: deref(in.KeepPathPrefix, false),
	}
	ing.Controller = deref(in.IngressController, controllerOf(ing.ClassName))
	uris := fldPath.Child("publicUri")
	seen := map[string]bool{}
	for i, entry := range in.PublicUri {
		raw, known, secret := awaitValue(entry)
		switch {
		case entry == nil:
			errs = append(errs, field.Required(uris.Index(i), "a `host` or `host/path/prefix`"))
			continue
		case secret: // it would name the Ingress and stand in publicUrls
			errs = append(errs, field.Invalid(uris.Index(i), "<secret>", "a public URI must not be a secret"))
			continue
		case !known:
			ing.URIs = append(ing.URIs, PublicURI{Unknown: entry.ToStringOutput(), Index: i})
			continue
		}
		uri, e := parsePublicURI(raw, uris.Index(i))
		errs = append(errs, e...)
		if seen[uri.Host+uri.Path] {
			errs = append(errs, field.Duplicate(uris.Index(i), raw))
		}
		seen[uri.Host+uri.Path] = true
		ing.URIs = append(ing.URIs, uri)
	}
	if len(ing.URIs) > 0 && ing.Port == nil {
		errs = append(errs, field.Required(fldPath.Child("port"), "publicUri needs an http port to route to"))
	}
	if len(ing.URIs) > 0 && scaling.Max == 0 {
		errs = append(errs, field.Forbidden(uris, "a cron-only service (maxContainers: 0) has nothing to expose"))
	}
	if in.Gateway != nil {
		var e field.ErrorList
		ing.Gateway, e = resolveGateway(in, ing, fldPath)
		return ing, append(errs, e...)
	}
	errs = append(errs, invalid(ing.ClassName, validation.IsDNS1123Subdomain(ing.ClassName), fldPath.Child("ingressClassName"))...)
	if in.IngressController != nil {
		errs = append(errs, CheckEnum(*in.IngressController, fldPath.Child("ingressController"))...)
	}
	errs = append(errs, validateIngressAnnotations(in.IngressExtraAnnotations, deref(in.AllowUnsafeIngressAnnotations, false),
		fldPath.Child("ingressExtraAnnotations"))...)
	errs = append(errs, validateLoadBalancing(in, fldPath)...)
	annotations, service, e := controllerAnnotations(in, ing, fldPath)
	errs = append(errs, e...)
	for k, v := range in.IngressExtraAnnotations {
		annotations[k] = v
	}
	ing.Annotations, ing.ServiceAnnotations = annotations, service
	ing.TLS, ing.TLSDefault, e = resolveTLS(in, ing.URIs, fldPath)
	return ing, append(errs, e...)
}

func parsePublicURI(raw string, fldPath *field.Path) (PublicURI, field.ErrorList) {
	host, prefix, _ := strings.Cut(raw, "/")
	uri := PublicURI{Host: host, Path: "/" + strings.TrimSuffix(prefix, "/")}
	var errs field.ErrorList
	hostErrs := validation.IsDNS1123Subdomain(host)
	if strings.HasPrefix(host, "*.") {
		hostErrs = validation.IsWildcardDNS1123Subdomain(host)
	}
	if len(hostErrs) > 0 || strings.Contains(raw, "://") {
		errs = append(errs, field.Invalid(fldPath, raw,
			"must be `host` or `host/path/prefix` with a lowercase DNS host (e.g. `app.example.com/api`), without a scheme"))
	}
	if !safePath.MatchString(uri.Path) {
		errs = append(errs, field.Invalid(fldPath, raw, "the path may hold only letters, digits and / . _ ~ % -"))
	}
	return uri, errs
}

// ingressArgs routes one public URI to the http port: to the service's Service, or with
// a canary as the controller weighs traffic (weightedIngress).
func (b *builder) ingressArgs(name string, uri PublicURI) *networkingv1.IngressArgs {
	cfg := b.cfg
	backend := ingressBackend{service: b.routeTarget(), port: cfg.Ingress.Port.Name}
	var extra map[string]string
	if split := b.split(); split != nil {
		weighted := controllers[cfg.Ingress.Controller].canary(*split)
		backend.service, extra = weighted.backend, weighted.annotations
		if weighted.backendPort != "" {
			backend.port = weighted.backendPort
		}
	}
	return b.ingressTo(name, uri, backend, extra, true)
}

// canaryIngressArgs is the second Ingress of a controller that weighs traffic by one
// (ingress-nginx): the same route to the canary's Service, without TLS, which the main
// Ingress of the same host has.
func (b *builder) canaryIngressArgs(name string, uri PublicURI, annotations map[string]string) *networkingv1.IngressArgs {
	return b.ingressTo(name, uri, ingressBackend{service: b.trackName(TrackCanary), port: b.cfg.Ingress.Port.Name}, annotations, false)
}

// ingressBackend is the Service (or the controller's action) and port an Ingress routes to.
type ingressBackend struct{ service, port string }

// ingressTo is the Ingress of one public URI to backend, with the controller's
// annotations and extra ones, and its host's TLS when withTLS.
func (b *builder) ingressTo(name string, uri PublicURI, backend ingressBackend, extra map[string]string, withTLS bool) *networkingv1.IngressArgs {
	cfg := b.cfg
	// An address appears only once an ingress controller admits the Ingress; waiting for
	// it would fail `pulumi up` on clusters without one. The workload's rollout is awaited.
	annotations := merge(map[string]string{SkipAwait: "true"}, cfg.Ingress.Annotations, extra)
	if rewrites(uri, cfg.Ingress.KeepPrefix) { // nginx: other controllers were refused at preview
		annotations[nginxPrefix+"use-regex"] = "true"
		annotations[nginxPrefix+"rewrite-target"] = "/$2"
	}
	host, path, pathType := uri.parts(cfg.Ingress.KeepPrefix)
	meta := b.meta(name, annotations)
	var tls networkingv1.IngressTLSArrayInput
	if withTLS {
		var issuer pulumi.StringMap
		tls, issuer = tlsFor(name, uri, host, cfg.Ingress)
		for k, v := range issuer {
			meta.Annotations.(pulumi.StringMap)[k] = v
		}
	}
	return &networkingv1.IngressArgs{
		Metadata: meta,
		Spec: networkingv1.IngressSpecArgs{
			IngressClassName: pulumi.String(cfg.Ingress.ClassName),
			Tls:              tls,
			Rules: networkingv1.IngressRuleArray{networkingv1.IngressRuleArgs{
				Host: host,
				Http: networkingv1.HTTPIngressRuleValueArgs{
					Paths: networkingv1.HTTPIngressPathArray{networkingv1.HTTPIngressPathArgs{
						Path:     path,
						PathType: pathType,
						Backend: networkingv1.IngressBackendArgs{
							Service: networkingv1.IngressServiceBackendArgs{
								Name: pulumi.String(backend.service),
								Port: networkingv1.ServiceBackendPortArgs{Name: pulumi.String(backend.port)},
							},
						},
					}},
				},
			}},
		},
	}
}

// namedURI is a public URI and the name of the object that routes it.
type namedURI struct {
	name string
	uri  PublicURI
}

// uriNames names each URI's Ingress or route (ingressName), telling apart two that read
// the same.
func (b *builder) uriNames() []namedURI {
	var out []namedURI
	seen := map[string]bool{}
	for _, uri := range b.cfg.Ingress.URIs {
		if !uri.Known() {
			out = append(out, namedURI{fmt.Sprintf("%s-uri-%d", b.cfg.Name, uri.Index), uri})
			continue
		}
		name := ingressName(b.cfg.Name, uri)
		if seen[name] { // two routes that read the same once made a name
			name += "-" + ShortHash(uri.Host+uri.Path)
		}
		seen[name] = true
		out = append(out, namedURI{name, uri})
	}
	return out
}

// registerIngresses registers one Ingress per public URI and returns their URLs.
func (b *builder) registerIngresses(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.StringArray, error) {
	var urls pulumi.StringArray
	for _, n := range b.uriNames() {
		if _, err := networkingv1.NewIngress(ctx, n.name, b.ingressArgs(n.name, n.uri), opts...); err != nil {
			return nil, err
		}
		if split := b.split(); split != nil {
			if canary := controllers[b.cfg.Ingress.Controller].canary(*split).canaryAnnotations; canary != nil {
				name := trackName(n.name, TrackCanary)
				if _, err := networkingv1.NewIngress(ctx, name, b.canaryIngressArgs(name, n.uri, canary), opts...); err != nil {
					return nil, err
				}
			}
		}
		urls = append(urls, n.uri.url(b.cfg.Ingress.hasTLS(n.uri)))
	}
	return urls, nil
}

// validateLoadBalancing checks the load-balancing inputs, whichever controller serves them.
func validateLoadBalancing(in IngressArgs, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	if deref(in.StickySession, false) && in.ConsistentHash != nil {
		errs = append(errs, field.Forbidden(fldPath.Child("consistentHash"), "choose consistent hashing or sticky sessions, not both"))
	}
	if maxAge := deref(in.StickySessionMaxAge, DefaultStickySessionMaxAge); maxAge <= 0 {
		errs = append(errs, field.Invalid(fldPath.Child("stickySessionMaxAge"), maxAge, "must be more than 0 seconds"))
	}
	if in.ConsistentHash != nil && *in.ConsistentHash == "" {
		errs = append(errs, field.Required(fldPath.Child("consistentHash"), "an nginx variable such as `$request_uri`"))
	}
	return errs
}
