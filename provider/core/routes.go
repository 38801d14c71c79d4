package core

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The Gateway API's route types, as far as the component writes them (the
// gateway.networking.k8s.io/v1 HTTPRoute and GRPCRoute specs).
type (
	routeSpec struct {
		ParentRefs []parentRef `json:"parentRefs"`
		Hostnames  []string    `json:"hostnames"`
		Rules      []routeRule `json:"rules"`
	}
	parentRef struct {
		Group       string `json:"group"`
		Kind        string `json:"kind"`
		Name        string `json:"name"`
		Namespace   string `json:"namespace,omitempty"`
		SectionName string `json:"sectionName,omitempty"`
	}
	routeRule struct {
		Matches     []routeMatch  `json:"matches,omitempty"`
		Filters     []routeFilter `json:"filters,omitempty"`
		BackendRefs []backendRef  `json:"backendRefs"`
	}
	routeMatch struct {
		Path *pathMatch `json:"path,omitempty"`
	}
	pathMatch struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	}
	routeFilter struct {
		Type       string      `json:"type"`
		URLRewrite *urlRewrite `json:"urlRewrite,omitempty"`
	}
	urlRewrite struct {
		Path pathModifier `json:"path"`
	}
	pathModifier struct {
		Type               string `json:"type"`
		ReplacePrefixMatch string `json:"replacePrefixMatch"`
	}
	backendRef struct {
		Name   string `json:"name"`
		Port   int    `json:"port"`
		Weight *int   `json:"weight,omitempty"`
	}
)

const (
	gatewayGroup      = "gateway.networking.k8s.io"
	gatewayAPIVersion = gatewayGroup + "/v1"
	// WaitForAnnotation holds what pulumi-kubernetes waits for on an object it has no
	// await logic of its own for.
	WaitForAnnotation = "pulumi.com/waitFor"
	// routeTimeoutSeconds bounds the wait for the Gateway to accept a route.
	routeTimeoutSeconds = 300
)

// routeAccepted is what `up` waits for on a route: the Gateway accepted it and resolved
// its backend, the conditions a Gateway API controller sets on the route's parent.
var routeAccepted = func() string {
	var conditions []string
	for _, c := range []string{"Accepted", "ResolvedRefs"} {
		conditions = append(conditions, fmt.Sprintf(`jsonpath={.status.parents[0].conditions[?(@.type=="%s")].status}=True`, c))
	}
	out, _ := json.Marshal(conditions)
	return string(out)
}()

// routeArgs is the route of one public URI: an HTTPRoute matching its path prefix (and
// stripping it unless keepPathPrefix), or a GRPCRoute for a grpc port.
func (b *builder) routeArgs(name string, uri PublicURI) *apiextensions.CustomResourceArgs {
	kind := "GRPCRoute"
	if b.cfg.Ingress.Port.Protocol != ProtoGRPC {
		kind = "HTTPRoute"
	}
	var spec any
	if uri.Known() {
		spec = untyped(b.routeSpec(uri))
	} else {
		spec = uri.Unknown.ApplyT(func(raw string) map[string]any { return untyped(b.routeSpec(parsed(raw))) }).(pulumi.MapOutput)
	}
	meta := b.meta(name, map[string]string{WaitForAnnotation: routeAccepted, TimeoutAnnotation: fmt.Sprint(routeTimeoutSeconds)})
	return &apiextensions.CustomResourceArgs{
		ApiVersion:  pulumi.String(gatewayAPIVersion),
		Kind:        pulumi.String(kind),
		Metadata:    meta,
		OtherFields: kubernetes.UntypedArgs{"spec": spec},
	}
}

// routeSpec is the spec of a URI's route.
func (b *builder) routeSpec(uri PublicURI) routeSpec {
	cfg := b.cfg
	gw := cfg.Ingress.Gateway
	rule := routeRule{BackendRefs: b.backendRefs(cfg.Ingress.Port.ServicePort)}
	if cfg.Ingress.Port.Protocol != ProtoGRPC {
		rule.Matches = []routeMatch{{Path: &pathMatch{Type: "PathPrefix", Value: uri.Path}}}
		if !cfg.Ingress.KeepPrefix && uri.Path != "/" {
			rule.Filters = []routeFilter{{Type: "URLRewrite", URLRewrite: &urlRewrite{
				Path: pathModifier{Type: "ReplacePrefixMatch", ReplacePrefixMatch: "/"},
			}}}
		}
	}
	return routeSpec{
		ParentRefs: []parentRef{{Group: gatewayGroup, Kind: "Gateway", Name: gw.Name, Namespace: gw.Namespace, SectionName: gw.SectionName}},
		Hostnames:  []string{uri.Host},
		Rules:      []routeRule{rule},
	}
}

// backendRefs are a route's backends: the stable Service, and with a canary the canary's
// too, weighted.
func (b *builder) backendRefs(port int) []backendRef {
	split := b.split()
	if split == nil {
		return []backendRef{{Name: b.routeTarget(), Port: port}}
	}
	stable, canary := 100-split.weight, split.weight
	return []backendRef{
		{Name: b.trackName(TrackStable), Port: port, Weight: &stable},
		{Name: b.trackName(TrackCanary), Port: port, Weight: &canary},
	}
}

// untyped is v as the plain maps and lists an untyped Kubernetes field takes.
func untyped(v any) map[string]any {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err) // the route types always marshal
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		panic(err)
	}
	return out
}

// registerRoutes registers one route per public URI and returns their URLs.
func (b *builder) registerRoutes(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.StringArray, error) {
	var urls pulumi.StringArray
	for _, n := range b.uriNames() {
		if _, err := apiextensions.NewCustomResource(ctx, n.name, b.routeArgs(n.name, n.uri), opts...); err != nil {
			return nil, err
		}
		urls = append(urls, n.uri.url(b.cfg.Ingress.Gateway.HTTPS))
	}
	return urls, nil
}
