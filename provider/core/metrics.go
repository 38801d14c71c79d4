package core

import (
	autoscalingv2 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/autoscaling/v2"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// maxStabilizationSeconds is the autoscaler's longest stabilisation window.
const maxStabilizationSeconds = 3600

func resolveMetrics(in ScalingArgs, fldPath *field.Path) ([]AutoscalingMetric, field.ErrorList) {
	var errs field.ErrorList
	for i, m := range in.AutoscalingMetrics {
		p := fldPath.Child("autoscalingMetrics").Index(i)
		if m.Name == "" {
			errs = append(errs, field.Required(p.Child("name"), "the metric's name"))
		}
		errs = append(errs, validateLabels(m.Selector, p.Child("selector"))...)
		for _, q := range []struct {
			name  string
			value *string
		}{{"averageValue", m.AverageValue}, {"value", m.Value}} {
			if q.value != nil {
				if _, err := resource.ParseQuantity(*q.value); err != nil {
					errs = append(errs, field.Invalid(p.Child(q.name), *q.value, "must be a quantity such as `100`, `1.5` or `500m`"))
				}
			}
		}
		object := m.ObjectKind != nil || m.ObjectName != nil || m.ObjectApiVersion != nil
		switch m.Type {
		case MetricPods:
			if m.AverageValue == nil || m.Value != nil {
				errs = append(errs, field.Required(p.Child("averageValue"), "a Pods metric is averaged over the pods: give averageValue alone"))
			}
		case MetricObject:
			if m.ObjectKind == nil || m.ObjectName == nil {
				errs = append(errs, field.Required(p.Child("objectName"), "an Object metric needs objectKind and objectName"))
			}
			errs = append(errs, oneTarget(m, p)...)
		case MetricExternal:
			errs = append(errs, oneTarget(m, p)...)
		default:
			errs = append(errs, CheckEnum(m.Type, p.Child("type"))...)
		}
		if object && m.Type != MetricObject {
			errs = append(errs, field.Forbidden(p.Child("objectKind"), "objectKind, objectName and objectApiVersion are for Object metrics"))
		}
	}
	if b := in.AutoscalingBehavior; b != nil {
		for _, w := range []struct {
			name  string
			value *int
		}{{"scaleDownStabilizationSeconds", b.ScaleDownStabilizationSeconds}, {"scaleUpStabilizationSeconds", b.ScaleUpStabilizationSeconds}} {
			if w.value != nil && (*w.value < 0 || *w.value > maxStabilizationSeconds) {
				errs = append(errs, field.Invalid(fldPath.Child("autoscalingBehavior").Child(w.name), *w.value, "must be between 0 and 3600 seconds"))
			}
		}
	}
	return in.AutoscalingMetrics, errs
}

func oneTarget(m AutoscalingMetric, fldPath *field.Path) field.ErrorList {
	if (m.Value == nil) == (m.AverageValue == nil) {
		return field.ErrorList{field.Required(fldPath.Child("value"), "give value or averageValue, one of the two")}
	}
	return nil
}

// metricSpec renders one custom or external metric.
func metricSpec(m AutoscalingMetric) autoscalingv2.MetricSpecArgs {
	id := autoscalingv2.MetricIdentifierArgs{Name: pulumi.String(m.Name)}
	if len(m.Selector) > 0 {
		id.Selector = metav1.LabelSelectorArgs{MatchLabels: pulumi.ToStringMap(m.Selector)}
	}
	target := autoscalingv2.MetricTargetArgs{Type: pulumi.String("AverageValue"), AverageValue: pulumi.StringPtrFromPtr(m.AverageValue)}
	if m.Value != nil {
		target = autoscalingv2.MetricTargetArgs{Type: pulumi.String("Value"), Value: pulumi.String(*m.Value)}
	}
	spec := autoscalingv2.MetricSpecArgs{Type: pulumi.String(string(m.Type))}
	switch m.Type {
	case MetricPods:
		spec.Pods = autoscalingv2.PodsMetricSourceArgs{Metric: id, Target: target}
	case MetricObject:
		spec.Object = autoscalingv2.ObjectMetricSourceArgs{Metric: id, Target: target,
			DescribedObject: autoscalingv2.CrossVersionObjectReferenceArgs{
				ApiVersion: pulumi.String(deref(m.ObjectApiVersion, DefaultObjectApiVersion)),
				Kind:       pulumi.String(*m.ObjectKind),
				Name:       pulumi.String(*m.ObjectName),
			}}
	default:
		spec.External = autoscalingv2.ExternalMetricSourceArgs{Metric: id, Target: target}
	}
	return spec
}

// behaviorArgs sets only the windows given; Kubernetes keeps its defaults for the rest.
func behaviorArgs(b *AutoscalingBehavior) autoscalingv2.HorizontalPodAutoscalerBehaviorPtrInput {
	if b == nil || (b.ScaleDownStabilizationSeconds == nil && b.ScaleUpStabilizationSeconds == nil) {
		return nil
	}
	out := autoscalingv2.HorizontalPodAutoscalerBehaviorArgs{}
	if b.ScaleDownStabilizationSeconds != nil {
		out.ScaleDown = autoscalingv2.HPAScalingRulesArgs{StabilizationWindowSeconds: pulumi.Int(*b.ScaleDownStabilizationSeconds)}
	}
	if b.ScaleUpStabilizationSeconds != nil {
		out.ScaleUp = autoscalingv2.HPAScalingRulesArgs{StabilizationWindowSeconds: pulumi.Int(*b.ScaleUpStabilizationSeconds)}
	}
	return out
}
