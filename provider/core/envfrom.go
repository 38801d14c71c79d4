package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// validateEnvFrom checks envVarsFrom and envFrom: each names exactly one existing
// object, by a valid name, and no env var is set twice.
func validateEnvFrom(in EnvArgs, parent *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(in.EnvVarsFrom) {
		p := parent.Child("envVarsFrom").Key(k)
		ref := in.EnvVarsFrom[k]
		errs = append(errs, invalid(p, k, validation.IsEnvVarName(k))...)
		if _, ok := in.EnvVars[k]; ok {
			errs = append(errs, field.Duplicate(p, "also set in envVars"))
		}
		if _, ok := in.Secrets[k]; ok {
			errs = append(errs, field.Duplicate(p, "also set in secrets"))
		}
		errs = append(errs, validateObjectRef(p, ref.Secret, ref.ConfigMap)...)
		errs = append(errs, invalid(p.Child("key"), ref.Key, validation.IsConfigMapKey(ref.Key))...)
	}
	for i, src := range in.EnvFrom {
		p := parent.Child("envFrom").Index(i)
		errs = append(errs, validateObjectRef(p, src.Secret, src.ConfigMap)...)
		if src.Prefix != nil {
			errs = append(errs, invalid(p.Child("prefix"), *src.Prefix, validation.IsEnvVarName(*src.Prefix))...)
		}
	}
	return errs
}

// validateObjectRef checks that exactly one of secret and configMap names an object.
func validateObjectRef(p *field.Path, secret, configMap pulumi.StringInput) field.ErrorList {
	switch {
	case secret == nil && configMap == nil:
		return field.ErrorList{field.Required(p, "give `secret` or `configMap`: the object to read")}
	case secret != nil && configMap != nil:
		return field.ErrorList{field.Forbidden(p.Child("configMap"), "give `secret` or `configMap`, not both")}
	}
	kind, name := "secret", secret
	if configMap != nil {
		kind, name = "configMap", configMap
	}
	return validateObjectName(p.Child(kind), name)
}

// envFromRefs are the env vars read from existing objects' keys, after the others.
func envFromRefs(in Inputs) corev1.EnvVarArray {
	var env corev1.EnvVarArray
	for _, k := range sortedKeys(in.EnvVarsFrom) {
		ref := in.EnvVarsFrom[k]
		source := corev1.EnvVarSourceArgs{}
		if ref.Secret != nil {
			source.SecretKeyRef = corev1.SecretKeySelectorArgs{Name: ref.Secret, Key: pulumi.String(ref.Key), Optional: pulumi.BoolPtrFromPtr(ref.Optional)}
		} else {
			source.ConfigMapKeyRef = corev1.ConfigMapKeySelectorArgs{Name: ref.ConfigMap, Key: pulumi.String(ref.Key), Optional: pulumi.BoolPtrFromPtr(ref.Optional)}
		}
		env = append(env, corev1.EnvVarArgs{Name: pulumi.String(k), ValueFrom: source})
	}
	return env
}

// envFromSources are whole objects as env.
func envFromSources(in Inputs) corev1.EnvFromSourceArray {
	var sources corev1.EnvFromSourceArray
	for _, src := range in.EnvFrom {
		s := corev1.EnvFromSourceArgs{Prefix: pulumi.StringPtrFromPtr(src.Prefix)}
		if src.Secret != nil {
			s.SecretRef = corev1.SecretEnvSourceArgs{Name: src.Secret, Optional: pulumi.BoolPtrFromPtr(src.Optional)}
		} else {
			s.ConfigMapRef = corev1.ConfigMapEnvSourceArgs{Name: src.ConfigMap, Optional: pulumi.BoolPtrFromPtr(src.Optional)}
		}
		sources = append(sources, s)
	}
	return sources
}
