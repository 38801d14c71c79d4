package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// validateEnv checks env and secret names and that no name is both plain and secret.
func validateEnv(in EnvArgs, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(in.EnvVars) {
		errs = append(errs, invalid(k, validation.IsEnvVarName(k), fldPath.Child("envVars").Key(k))...)
	}
	for _, k := range sortedKeys(in.Secrets) {
		p := fldPath.Child("secrets").Key(k)
		errs = append(errs, invalid(k, append(validation.IsEnvVarName(k), validation.IsConfigMapKey(k)...), p)...)
		if _, ok := in.EnvVars[k]; ok {
			errs = append(errs, field.Duplicate(p, "also set in envVars"))
		}
	}
	return errs
}

// envArgs is the container's env: plain values first, then one secretKeyRef per secret
// key. Secret values never enter the pod spec; only their keys do.
func envArgs(in Inputs, secretName pulumi.StringInput) corev1.EnvVarArray {
	var env corev1.EnvVarArray
	for _, k := range sortedKeys(in.EnvVars) {
		env = append(env, corev1.EnvVarArgs{Name: pulumi.String(k), Value: in.EnvVars[k]})
	}
	for _, k := range sortedKeys(in.Secrets) {
		env = append(env, corev1.EnvVarArgs{
			Name: pulumi.String(k),
			ValueFrom: corev1.EnvVarSourceArgs{SecretKeyRef: corev1.SecretKeySelectorArgs{
				Name: secretName, Key: pulumi.String(k),
			}},
		})
	}
	return env
}

// registerSecret stores `secrets` in an immutable Secret. A changed value replaces it
// under a new name, so the pod templates change and the pods roll; the old Secret is kept
// (versionedMeta).
func (b *builder) registerSecret(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.StringInput, error) {
	if len(b.cfg.Inputs.Secrets) == 0 {
		return nil, nil
	}
	secret, err := corev1.NewSecret(ctx, b.cfg.Name+"-secrets", &corev1.SecretArgs{
		Metadata:   b.versionedMeta(),
		Type:       pulumi.String("Opaque"),
		Immutable:  pulumi.Bool(true),
		StringData: pulumi.StringMap(b.cfg.Inputs.Secrets),
	}, append(opts, pulumi.ReplaceOnChanges([]string{"stringData"}), pulumi.RetainOnDelete(true))...)
	if err != nil {
		return nil, err
	}
	return secret.Metadata.Name().Elem(), nil
}
