package core

import (
	"fmt"

	autoscalingv2 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/autoscaling/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

func resolveScaling(in ScalingArgs, fldPath *field.Path) (Scaling, field.ErrorList) {
	s := Scaling{
		Min:       deref(in.MinContainers, DefaultMinContainers),
		Max:       deref(in.MaxContainers, DefaultMaxContainers),
		TargetCPU: deref(in.AutoscalingTargetCpuPercentage, DefaultTargetPercentage),
		TargetMem: deref(in.AutoscalingTargetMemPercentage, DefaultTargetPercentage),
	}
	var errs field.ErrorList
	switch {
	case s.Min < 0:
		errs = append(errs, field.Invalid(fldPath.Child("minContainers"), s.Min, "must be 0 or more"))
	case s.Max < 0:
		errs = append(errs, field.Invalid(fldPath.Child("maxContainers"), s.Max, "must be 0 or more"))
	case s.Min > s.Max:
		errs = append(errs, field.Invalid(fldPath.Child("minContainers"), s.Min,
			fmt.Sprintf("must not exceed maxContainers (%d)", s.Max)))
	case s.Min == 0 && s.Max > 0:
		errs = append(errs, field.Invalid(fldPath.Child("minContainers"), s.Min,
			"must be at least 1 while maxContainers is more than 0; set both to 0 for a cron-only service"))
	}
	if s.TargetCPU < 0 {
		errs = append(errs, field.Invalid(fldPath.Child("autoscalingTargetCpuPercentage"), s.TargetCPU, "must be 0 (off) or more (percent of the CPU request)"))
	}
	if s.TargetMem < 0 {
		errs = append(errs, field.Invalid(fldPath.Child("autoscalingTargetMemPercentage"), s.TargetMem, "must be 0 (off) or more (percent of the memory request)"))
	}
	var e field.ErrorList
	s.Metrics, e = resolveMetrics(in, fldPath)
	errs = append(errs, e...)
	s.Behavior = in.AutoscalingBehavior
	if s.TargetCPU == 0 && s.TargetMem == 0 && len(s.Metrics) == 0 && s.Max > 0 {
		errs = append(errs, field.Required(fldPath.Child("autoscalingMetrics"),
			"with the CPU and memory targets both 0 (off), the autoscaler needs at least one metric to scale on"))
	}
	return s, errs
}

// autoscalerArgs scales the workload on CPU and memory between Min and Max. The workload
// itself never sets replicas, so a `pulumi up` cannot reset what the autoscaler chose.
func (b *builder) autoscalerArgs() *autoscalingv2.HorizontalPodAutoscalerArgs {
	cfg := b.cfg
	target := func(resource string, percent int) autoscalingv2.MetricSpecInput {
		return autoscalingv2.MetricSpecArgs{
			Type: pulumi.String("Resource"),
			Resource: autoscalingv2.ResourceMetricSourceArgs{
				Name: pulumi.String(resource),
				Target: autoscalingv2.MetricTargetArgs{
					Type:               pulumi.String("Utilization"),
					AverageUtilization: pulumi.Int(percent),
				},
			},
		}
	}
	var metrics autoscalingv2.MetricSpecArray
	if cfg.Scaling.TargetCPU > 0 {
		metrics = append(metrics, target("cpu", cfg.Scaling.TargetCPU))
	}
	if cfg.Scaling.TargetMem > 0 {
		metrics = append(metrics, target("memory", cfg.Scaling.TargetMem))
	}
	for _, m := range cfg.Scaling.Metrics {
		metrics = append(metrics, metricSpec(m))
	}
	return &autoscalingv2.HorizontalPodAutoscalerArgs{
		Metadata: b.meta(cfg.Name, nil),
		Spec: autoscalingv2.HorizontalPodAutoscalerSpecArgs{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReferenceArgs{
				ApiVersion: pulumi.String("apps/v1"),
				Kind:       pulumi.String(cfg.WorkloadKind()),
				Name:       pulumi.String(cfg.Name),
			},
			MinReplicas: pulumi.Int(cfg.Scaling.Min),
			MaxReplicas: pulumi.Int(cfg.Scaling.Max),
			Metrics:     metrics,
			Behavior:    behaviorArgs(cfg.Scaling.Behavior),
		},
	}
}
