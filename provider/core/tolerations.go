package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// resolveTolerations: without a value a toleration matches any value of its key
// (Exists); the effect defaults to NoSchedule.
func resolveTolerations(tolerations []Toleration, fldPath *field.Path) ([]ResolvedToleration, field.ErrorList) {
	var errs field.ErrorList
	var out []ResolvedToleration
	for i, t := range tolerations {
		p := fldPath.Index(i)
		r := ResolvedToleration{Key: t.Key, Value: deref(t.Value, ""), Effect: string(deref(t.Effect, DefaultTaintEffect))}
		r.Operator = "Equal"
		if t.Value == nil {
			r.Operator = "Exists"
		}
		r.Operator = string(deref(t.Operator, TolerationOperator(r.Operator)))
		errs = append(errs, invalid(t.Key, validation.IsQualifiedName(t.Key), p.Child("key"))...)
		errs = append(errs, CheckEnum(TaintEffect(r.Effect), p.Child("effect"))...)
		switch operatorErrs := CheckEnum(TolerationOperator(r.Operator), p.Child("operator")); {
		case len(operatorErrs) > 0:
			errs = append(errs, operatorErrs...)
		case r.Operator == "Exists" && r.Value != "":
			errs = append(errs, field.Invalid(p.Child("value"), r.Value, "must be empty when operator is Exists"))
		case r.Operator == "Equal":
			errs = append(errs, invalid(r.Value, validation.IsValidLabelValue(r.Value), p.Child("value"))...)
		}
		out = append(out, r)
	}
	return out, errs
}

func tolerationArgs(tolerations []ResolvedToleration) corev1.TolerationArray {
	var out corev1.TolerationArray
	for _, t := range tolerations {
		args := corev1.TolerationArgs{
			Key:      pulumi.String(t.Key),
			Operator: pulumi.String(t.Operator),
			Effect:   pulumi.String(t.Effect),
		}
		if t.Value != "" {
			args.Value = pulumi.String(t.Value)
		}
		out = append(out, args)
	}
	return out
}
