package core

import (
	"strconv"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// resolveScheduling checks nodeSelector, nodeAffinity, priorityClassName and
// imagePullSecrets.
func resolveScheduling(in SchedulingArgs, fldPath *field.Path) (Scheduling, field.ErrorList) {
	s := Scheduling{NodeSelector: in.NodeSelector, NodeAffinity: in.NodeAffinity,
		PriorityClassName: in.PriorityClassName, ImagePullSecrets: in.ImagePullSecrets}
	errs := validateLabels(in.NodeSelector, fldPath.Child("nodeSelector"))
	if a := in.NodeAffinity; a != nil {
		for i, r := range a.Required {
			errs = append(errs, validateNodeExpression(r.Key, r.Operator, r.Values, fldPath.Child("nodeAffinity", "required").Index(i))...)
		}
		for i, r := range a.Preferred {
			p := fldPath.Child("nodeAffinity", "preferred").Index(i)
			if r.Weight < 1 || r.Weight > 100 {
				errs = append(errs, field.Invalid(p.Child("weight"), r.Weight, "must be between 1 and 100"))
			}
			errs = append(errs, validateNodeExpression(r.Key, r.Operator, r.Values, p)...)
		}
	}
	errs = append(errs, validateObjectName(in.PriorityClassName, fldPath.Child("priorityClassName"))...)
	seen := map[string]bool{}
	for i, secret := range in.ImagePullSecrets {
		p := fldPath.Child("imagePullSecrets").Index(i)
		errs = append(errs, validateObjectName(secret, p)...)
		if name, known := KnownString(secret); known && seen[name] {
			errs = append(errs, field.Duplicate(p, name))
		} else if known {
			seen[name] = true
		}
	}
	return s, errs
}

// validateNodeExpression applies the API server's rules for a node selector requirement.
func validateNodeExpression(key string, operator NodeOperator, values []string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	errs = append(errs, invalid(key, validation.IsQualifiedName(key), fldPath.Child("key"))...)
	switch operator {
	case "In", "NotIn":
		if len(values) == 0 {
			errs = append(errs, field.Required(fldPath.Child("values"), "at least one value for "+string(operator)))
		}
	case "Exists", "DoesNotExist":
		if len(values) > 0 {
			errs = append(errs, field.Forbidden(fldPath.Child("values"), "must be empty for "+string(operator)))
		}
	case "Gt", "Lt":
		if len(values) != 1 {
			errs = append(errs, field.Required(fldPath.Child("values"), "exactly one integer value for "+string(operator)))
		} else if _, err := strconv.ParseInt(values[0], 10, 64); err != nil {
			errs = append(errs, field.Invalid(fldPath.Child("values").Index(0), values[0], "must be an integer for "+string(operator)))
		}
	default:
		errs = append(errs, CheckEnum(operator, fldPath.Child("operator"))...)
	}
	return errs
}

// scheduling adds the node constraints, priority and pull secrets to a pod.
func scheduling(spec *corev1.PodSpecArgs, s Scheduling) {
	if len(s.NodeSelector) > 0 {
		spec.NodeSelector = pulumi.ToStringMap(s.NodeSelector)
	}
	if s.PriorityClassName != nil {
		spec.PriorityClassName = s.PriorityClassName
	}
	var pullSecrets corev1.LocalObjectReferenceArray
	for _, name := range s.ImagePullSecrets {
		pullSecrets = append(pullSecrets, corev1.LocalObjectReferenceArgs{Name: name})
	}
	if len(pullSecrets) > 0 {
		spec.ImagePullSecrets = pullSecrets
	}
	if a := s.NodeAffinity; a != nil && (len(a.Required) > 0 || len(a.Preferred) > 0) {
		affinity := corev1.NodeAffinityArgs{}
		if len(a.Required) > 0 {
			var all corev1.NodeSelectorRequirementArray
			for _, r := range a.Required {
				all = append(all, nodeExpression(r.Key, r.Operator, r.Values))
			}
			affinity.RequiredDuringSchedulingIgnoredDuringExecution = corev1.NodeSelectorArgs{
				NodeSelectorTerms: corev1.NodeSelectorTermArray{corev1.NodeSelectorTermArgs{MatchExpressions: all}},
			}
		}
		var preferred corev1.PreferredSchedulingTermArray
		for _, r := range a.Preferred {
			preferred = append(preferred, corev1.PreferredSchedulingTermArgs{
				Weight:     pulumi.Int(r.Weight),
				Preference: corev1.NodeSelectorTermArgs{MatchExpressions: corev1.NodeSelectorRequirementArray{nodeExpression(r.Key, r.Operator, r.Values)}},
			})
		}
		if len(preferred) > 0 {
			affinity.PreferredDuringSchedulingIgnoredDuringExecution = preferred
		}
		spec.Affinity = corev1.AffinityArgs{NodeAffinity: affinity}
	}
}

func nodeExpression(key string, operator NodeOperator, values []string) corev1.NodeSelectorRequirementArgs {
	r := corev1.NodeSelectorRequirementArgs{Key: pulumi.String(key), Operator: pulumi.String(string(operator))}
	if len(values) > 0 {
		r.Values = pulumi.ToStringArray(values)
	}
	return r
}
