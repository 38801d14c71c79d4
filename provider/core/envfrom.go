package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// validateEnvFrom checks envVarsFrom and envFrom: each names exactly one existing
// object, by a valid name, and no env var is set twice.
func validateEnvFrom(in EnvArgs, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(in.EnvVarsFrom) {
		p := fldPath.Child("envVarsFrom").Key(k)
		ref := in.EnvVarsFrom[k]
		errs = append(errs, invalid(k, validation.IsEnvVarName(k), p)...)
		if _, ok := in.EnvVars[k]; ok {
			errs = append(errs, field.Duplicate(p, "also set in envVars"))
		}
		if _, ok := in.Secrets[k]; ok {
			errs = append(errs, field.Duplicate(p, "also set in secrets"))
		}
		errs = append(errs, validateObjectRef(ref.Secret, ref.ConfigMap, p)...)
		errs = append(errs, invalid(ref.Key, validation.IsConfigMapKey(ref.Key), p.Child("key"))...)
	}
	for i, src := range in.EnvFrom {
		p := fldPath.Child("envFrom").Index(i)
		errs = append(errs, validateObjectRef(src.Secret, src.ConfigMap, p)...)
		if src.Prefix != nil {
			errs = append(errs, invalid(*src.Prefix, validation.IsEnvVarName(*src.Prefix), p.Child("prefix"))...)
		}
	}
	return errs
}

// validateObjectRef checks that exactly one of secret and configMap names an object.
func validateObjectRef(secret, configMap pulumi.StringInput, fldPath *field.Path) field.ErrorList {
	switch {
	case secret == nil && configMap == nil:
		return field.ErrorList{field.Required(fldPath, "give `secret` or `configMap`: the object to read")}
	case secret != nil && configMap != nil:
		return field.ErrorList{field.Forbidden(fldPath.Child("configMap"), "give `secret` or `configMap`, not both")}
	}
	kind, name := "secret", secret
	if configMap != nil {
		kind, name = "configMap", configMap
	}
	return validateObjectName(name, fldPath.Child(kind))
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
