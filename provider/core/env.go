package core

import (
	"sort"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// validateEnv checks env and secret names and that no name is both plain and secret.
func validateEnv(args *ServiceArgs) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(args.EnvVars) {
		errs = append(errs, invalid(field.NewPath("envVars").Key(k), k, validation.IsEnvVarName(k))...)
	}
	for _, k := range sortedKeys(args.Secrets) {
		p := field.NewPath("secrets").Key(k)
		errs = append(errs, invalid(p, k, append(validation.IsEnvVarName(k), validation.IsConfigMapKey(k)...))...)
		if _, ok := args.EnvVars[k]; ok {
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

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
