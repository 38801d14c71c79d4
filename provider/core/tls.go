package core

import (
	"slices"

	networkingv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/networking/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// cert-manager's ingress-shim annotations.
const (
	clusterIssuerAnnotation = "cert-manager.io/cluster-issuer"
	issuerAnnotation        = "cert-manager.io/issuer"
)

// resolveTLS maps every public host an entry of `tls` covers to how it is served, and
// returns the entry without hosts, which also covers the URIs the preview does not know.
func resolveTLS(in IngressArgs, uris []PublicURI, fldPath *field.Path) (map[string]HostTLS, *HostTLS, field.ErrorList) {
	if len(in.Tls) == 0 {
		return nil, nil, nil
	}
	var errs field.ErrorList
	if len(uris) == 0 {
		return nil, nil, field.ErrorList{field.Forbidden(fldPath.Child("tls"), "needs publicUri: TLS is served by the Ingresses")}
	}
	var hosts []string
	unknown := false
	for _, u := range uris {
		unknown = unknown || !u.Known()
		if u.Known() && !slices.Contains(hosts, u.Host) {
			hosts = append(hosts, u.Host)
		}
	}
	byHost := map[string]HostTLS{}
	var rest *HostTLS // the entry without hosts covers the others
	for i, t := range in.Tls {
		p := fldPath.Child("tls").Index(i)
		choice, e := resolveTLSSource(t, p)
		errs = append(errs, e...)
		if len(t.Hosts) == 0 {
			if rest != nil {
				errs = append(errs, field.Forbidden(p.Child("hosts"), "only one entry may leave hosts out (it covers every other host)"))
			}
			rest = &choice
			continue
		}
		for j, h := range t.Hosts {
			switch _, dup := byHost[h]; {
			case !slices.Contains(hosts, h) && !unknown: // a host may be an entry the preview does not know
				errs = append(errs, field.NotSupported(p.Child("hosts").Index(j), h, hosts))
			case dup:
				errs = append(errs, field.Duplicate(p.Child("hosts").Index(j), h))
			}
			byHost[h] = choice
		}
	}
	if rest != nil {
		for _, h := range hosts {
			if _, ok := byHost[h]; !ok {
				byHost[h] = *rest
			}
		}
	}
	return byHost, rest, errs
}

// tlsOf is how the URI is served over TLS, if it is: by its host's entry, or, for an
// entry the preview does not know, by the entry without hosts.
func (ing Ingress) tlsOf(uri PublicURI) (HostTLS, bool) {
	if !uri.Known() {
		if ing.TLSDefault == nil {
			return HostTLS{}, false
		}
		return *ing.TLSDefault, true
	}
	t, ok := ing.TLS[uri.Host]
	return t, ok
}

// hasTLS says whether the URI is served over TLS.
func (ing Ingress) hasTLS(uri PublicURI) bool {
	_, ok := ing.tlsOf(uri)
	return ok
}

func resolveTLSSource(t TLS, fldPath *field.Path) (HostTLS, field.ErrorList) {
	choice := HostTLS{SecretName: t.SecretName, ClusterIssuer: t.ClusterIssuer, Issuer: t.Issuer}
	var given []string
	var errs field.ErrorList
	for _, s := range []struct {
		name  string
		value pulumi.StringInput
	}{
		{"secretName", choice.SecretName}, {"clusterIssuer", choice.ClusterIssuer}, {"issuer", choice.Issuer},
	} {
		if s.value == nil {
			continue
		}
		given = append(given, s.name)
		errs = append(errs, validateObjectName(s.value, fldPath.Child(s.name))...)
	}
	switch {
	case len(given) == 0:
		errs = append(errs, field.Required(fldPath, "give `secretName` (an existing TLS secret), `clusterIssuer` or `issuer` (cert-manager)"))
	case len(given) > 1:
		errs = append(errs, field.Forbidden(fldPath.Child(given[1]), "give one of secretName, clusterIssuer and issuer; "+given[0]+" is set too"))
	}
	return choice, errs
}

// tlsFor adds TLS to one URI's Ingress: the tls block and, with cert-manager, the
// issuer annotation (returned apart: its value may be an output). A certificate is issued
// per Ingress into `<ingress>-tls`, so that two Ingresses of one host never share (and
// fight over) a Certificate.
func tlsFor(name string, uri PublicURI, host pulumi.StringInput, ing Ingress) (networkingv1.IngressTLSArrayInput, pulumi.StringMap) {
	t, ok := ing.tlsOf(uri)
	if !ok {
		return nil, nil
	}
	secret, issuer := t.SecretName, pulumi.StringMap{}
	switch {
	case t.ClusterIssuer != nil:
		issuer[clusterIssuerAnnotation], secret = t.ClusterIssuer, pulumi.String(name+"-tls")
	case t.Issuer != nil:
		issuer[issuerAnnotation], secret = t.Issuer, pulumi.String(name+"-tls")
	}
	return networkingv1.IngressTLSArray{networkingv1.IngressTLSArgs{
		Hosts: pulumi.StringArray{host}, SecretName: secret,
	}}, issuer
}
