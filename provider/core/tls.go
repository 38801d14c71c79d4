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

// resolveTLS maps every public host an entry of `tls` covers to how it is served.
func resolveTLS(in IngressArgs, uris []PublicURI, parent *field.Path) (map[string]HostTLS, field.ErrorList) {
	if len(in.Tls) == 0 {
		return nil, nil
	}
	var errs field.ErrorList
	if len(uris) == 0 {
		return nil, field.ErrorList{field.Forbidden(ChildPath(parent, "tls"), "needs publicUri: TLS is served by the Ingresses")}
	}
	var hosts []string
	for _, u := range uris {
		if !slices.Contains(hosts, u.Host) {
			hosts = append(hosts, u.Host)
		}
	}
	byHost := map[string]HostTLS{}
	var rest *HostTLS // the entry without hosts covers the others
	for i, t := range in.Tls {
		p := ChildPath(parent, "tls").Index(i)
		choice, e := resolveTLSSource(p, t)
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
			case !slices.Contains(hosts, h):
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
	return byHost, errs
}

func resolveTLSSource(p *field.Path, t TLS) (HostTLS, field.ErrorList) {
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
		errs = append(errs, validateObjectName(p.Child(s.name), s.value)...)
	}
	switch {
	case len(given) == 0:
		errs = append(errs, field.Required(p, "give `secretName` (an existing TLS secret), `clusterIssuer` or `issuer` (cert-manager)"))
	case len(given) > 1:
		errs = append(errs, field.Forbidden(p.Child(given[1]), "give one of secretName, clusterIssuer and issuer; "+given[0]+" is set too"))
	}
	return choice, errs
}

// tlsFor adds TLS to one URI's Ingress: the tls block and, with cert-manager, the
// issuer annotation (returned apart: its value may be an output). A certificate is issued
// per Ingress into `<ingress>-tls`, so that two Ingresses of one host never share (and
// fight over) a Certificate.
func tlsFor(name string, uri PublicURI, byHost map[string]HostTLS) (networkingv1.IngressTLSArrayInput, pulumi.StringMap) {
	t, ok := byHost[uri.Host]
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
		Hosts: pulumi.StringArray{pulumi.String(uri.Host)}, SecretName: secret,
	}}, issuer
}
