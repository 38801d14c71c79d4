package bench

import (
	"encoding/json"
	"fmt"

	appsv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"
	autoscalingv2 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/autoscaling/v2"
	batchv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/batch/v1"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	networkingv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/networking/v1"
	policyv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/policy/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// declareDirect registers, with pulumi-kubernetes alone, the objects the component
// registers for fullArgs: what a platform team writes by hand without the component.
// TestDirectDeclarationMatchesTheComponent keeps the two identical.
func declareDirect(ctx *pulumi.Context, name string) error {
	ns := pulumi.String("shop")
	labels := pulumi.StringMap{"app.kubernetes.io/managed-by": pulumi.String("k8s-service"), "app.kubernetes.io/name": pulumi.String(name)}
	selector := metav1.LabelSelectorArgs{MatchLabels: pulumi.StringMap{"app.kubernetes.io/name": pulumi.String(name)}}
	// Every object takes back its declared fields on apply (pulumi.com/patchForce).
	meta := func(n string, annotations pulumi.StringMap) metav1.ObjectMetaArgs {
		m := metav1.ObjectMetaArgs{Name: pulumi.String(n), Namespace: ns, Labels: labels,
			Annotations: pulumi.StringMap{"pulumi.com/patchForce": pulumi.String("true")}}
		for k, v := range annotations {
			m.Annotations.(pulumi.StringMap)[k] = v
		}
		return m
	}
	skipAwait := pulumi.StringMap{"pulumi.com/skipAwait": pulumi.String("true")}
	sa, err := corev1.NewServiceAccount(ctx, name, &corev1.ServiceAccountArgs{Metadata: meta(name, nil)})
	if err != nil {
		return err
	}
	ownedBySA := metav1.OwnerReferenceArray{metav1.OwnerReferenceArgs{ApiVersion: pulumi.String("v1"),
		Kind: pulumi.String("ServiceAccount"), Name: pulumi.String(name), Uid: sa.Metadata.Uid().Elem(), BlockOwnerDeletion: pulumi.Bool(true)}}
	secretMeta := meta(name, nil)
	secretMeta.Name, secretMeta.OwnerReferences = nil, ownedBySA
	secret, err := corev1.NewSecret(ctx, name+"-secrets", &corev1.SecretArgs{
		Metadata:   secretMeta,
		Type:       pulumi.String("Opaque"),
		Immutable:  pulumi.Bool(true),
		StringData: pulumi.StringMap{"DB_PASSWORD": pulumi.ToSecret(pulumi.String("pw")).(pulumi.StringOutput)},
	}, pulumi.ReplaceOnChanges([]string{"stringData"}), pulumi.RetainOnDelete(true))
	if err != nil {
		return err
	}
	resources := func(cpu, memory, ephemeral string) pulumi.StringMap {
		return pulumi.StringMap{"cpu": pulumi.String(cpu), "memory": pulumi.String(memory), "ephemeral-storage": pulumi.String(ephemeral)}
	}
	container := func() corev1.ContainerArgs {
		return corev1.ContainerArgs{
			Name:  pulumi.String(name),
			Image: pulumi.String("ghcr.io/acme/shop:1.4.2"),
			Env: corev1.EnvVarArray{
				corev1.EnvVarArgs{Name: pulumi.String("LOG_LEVEL"), Value: pulumi.String("info")},
				corev1.EnvVarArgs{Name: pulumi.String("MODE"), Value: pulumi.String("web")},
				corev1.EnvVarArgs{Name: pulumi.String("DB_PASSWORD"), ValueFrom: corev1.EnvVarSourceArgs{
					SecretKeyRef: corev1.SecretKeySelectorArgs{Name: secret.Metadata.Name().Elem(), Key: pulumi.String("DB_PASSWORD")}}},
			},
			Resources: corev1.ResourceRequirementsArgs{
				Requests: resources("250m", "256Mi", "256Mi"),
				Limits:   resources("500m", "512Mi", "512Mi"),
			},
			SecurityContext: corev1.SecurityContextArgs{
				AllowPrivilegeEscalation: pulumi.Bool(false), RunAsNonRoot: pulumi.Bool(true), ReadOnlyRootFilesystem: pulumi.Bool(true),
				Capabilities: corev1.CapabilitiesArgs{Drop: pulumi.StringArray{pulumi.String("ALL")}},
			},
			VolumeMounts:    corev1.VolumeMountArray{corev1.VolumeMountArgs{Name: pulumi.String("tmp"), MountPath: pulumi.String("/tmp")}},
			ImagePullPolicy: pulumi.String("Always"),
		}
	}
	podSpec := func(c corev1.ContainerArgs) corev1.PodSpecArgs {
		return corev1.PodSpecArgs{
			ServiceAccountName:           sa.Metadata.Name().Elem(),
			AutomountServiceAccountToken: pulumi.Bool(false),
			SecurityContext: corev1.PodSecurityContextArgs{
				SeccompProfile: corev1.SeccompProfileArgs{Type: pulumi.String("RuntimeDefault")},
				RunAsNonRoot:   pulumi.Bool(true), RunAsUser: pulumi.Int(10001), RunAsGroup: pulumi.Int(10001), FsGroup: pulumi.Int(10001),
			},
			Tolerations: corev1.TolerationArray{corev1.TolerationArgs{Key: pulumi.String("dedicated"), Operator: pulumi.String("Equal"),
				Effect: pulumi.String("NoExecute"), Value: pulumi.String("web")}},
			Containers: corev1.ContainerArray{c},
			Volumes:    corev1.VolumeArray{corev1.VolumeArgs{Name: pulumi.String("tmp"), EmptyDir: corev1.EmptyDirVolumeSourceArgs{}}},
		}
	}
	template := func(spec corev1.PodSpecArgs, own pulumi.StringMap) corev1.PodTemplateSpecArgs {
		podLabels := pulumi.StringMap{"app.kubernetes.io/managed-by": pulumi.String("k8s-service"), "team": pulumi.String("shop")}
		for k, v := range own {
			podLabels[k] = v
		}
		return corev1.PodTemplateSpecArgs{
			Metadata: metav1.ObjectMetaArgs{Labels: podLabels, Annotations: pulumi.StringMap{"prometheus.io/scrape": pulumi.String("true")}},
			Spec:     spec,
		}
	}
	httpGet := func(path string) corev1.HTTPGetActionArgs {
		return corev1.HTTPGetActionArgs{Path: pulumi.String(path), Port: pulumi.String("http")}
	}
	web := container()
	web.Ports = corev1.ContainerPortArray{corev1.ContainerPortArgs{Name: pulumi.String("http"), ContainerPort: pulumi.Int(8080), Protocol: pulumi.String("TCP")}}
	web.LivenessProbe = corev1.ProbeArgs{InitialDelaySeconds: pulumi.Int(0), PeriodSeconds: pulumi.Int(10), TimeoutSeconds: pulumi.Int(5),
		FailureThreshold: pulumi.Int(3), HttpGet: httpGet("/live")}
	web.ReadinessProbe = corev1.ProbeArgs{InitialDelaySeconds: pulumi.Int(0), PeriodSeconds: pulumi.Int(2), TimeoutSeconds: pulumi.Int(2),
		FailureThreshold: pulumi.Int(3), SuccessThreshold: pulumi.Int(2), HttpGet: httpGet("/ready")}
	// The liveness check held off while the container starts (30 × 1 s).
	web.StartupProbe = corev1.ProbeArgs{InitialDelaySeconds: pulumi.Int(0), PeriodSeconds: pulumi.Int(1), TimeoutSeconds: pulumi.Int(1),
		FailureThreshold: pulumi.Int(30), HttpGet: httpGet("/live")}
	web.VolumeMounts = append(web.VolumeMounts.(corev1.VolumeMountArray), corev1.VolumeMountArgs{Name: pulumi.String("data"), MountPath: pulumi.String("/data")})
	web.Lifecycle = corev1.LifecycleArgs{PreStop: corev1.LifecycleHandlerArgs{Sleep: corev1.SleepActionArgs{Seconds: pulumi.Int(5)}}}
	spec := podSpec(web)
	var spread corev1.TopologySpreadConstraintArray
	for _, key := range []string{"kubernetes.io/hostname", "topology.kubernetes.io/zone"} {
		spread = append(spread, corev1.TopologySpreadConstraintArgs{MaxSkew: pulumi.Int(1), TopologyKey: pulumi.String(key),
			WhenUnsatisfiable: pulumi.String("ScheduleAnyway"), LabelSelector: selector})
	}
	spec.TopologySpreadConstraints = spread
	spec.TerminationGracePeriodSeconds = pulumi.Int(30)

	ports := corev1.ServicePortArray{corev1.ServicePortArgs{Name: pulumi.String("http"), Port: pulumi.Int(8080),
		TargetPort: pulumi.String("http"), Protocol: pulumi.String("TCP"), AppProtocol: pulumi.String("http")}}
	claimLabels := pulumi.StringMap{"app.kubernetes.io/managed-by": pulumi.String("k8s-service"), "app.kubernetes.io/name": pulumi.String(name),
		"k8s-service.io/volume": pulumi.String("data")}
	claimMeta := func(n string) metav1.ObjectMetaArgs {
		return metav1.ObjectMetaArgs{Name: pulumi.String(n), Labels: claimLabels, OwnerReferences: ownedBySA}
	}
	claimSpec := corev1.PersistentVolumeClaimSpecArgs{AccessModes: pulumi.StringArray{pulumi.String("ReadWriteOnce")},
		Resources: corev1.VolumeResourceRequirementsArgs{Requests: pulumi.StringMap{"storage": pulumi.String("10Gi")}}}
	// The claims of the replicas below minContainers are server-side applied, so that one
	// that exists already is taken over rather than refused.
	var claims []pulumi.Resource
	for i := range 2 {
		claimName := fmt.Sprintf("data-%s-%d", name, i)
		claim, err := corev1.NewPersistentVolumeClaimPatch(ctx, claimName, &corev1.PersistentVolumeClaimPatchArgs{
			Metadata: metav1.ObjectMetaPatchArgs{Name: pulumi.String(claimName), Namespace: ns, Labels: claimLabels,
				Annotations: pulumi.StringMap{"pulumi.com/skipAwait": pulumi.String("true"),
					"pulumi.com/patchFieldManager": pulumi.String("k8s-service"), "pulumi.com/patchForce": pulumi.String("true")},
				OwnerReferences: metav1.OwnerReferencePatchArray{metav1.OwnerReferencePatchArgs{ApiVersion: pulumi.String("v1"),
					Kind: pulumi.String("ServiceAccount"), Name: pulumi.String(name), Uid: sa.Metadata.Uid().Elem(), BlockOwnerDeletion: pulumi.Bool(true)}}},
			Spec: corev1.PersistentVolumeClaimSpecPatchArgs{AccessModes: pulumi.StringArray{pulumi.String("ReadWriteOnce")},
				Resources: corev1.VolumeResourceRequirementsPatchArgs{Requests: pulumi.StringMap{"storage": pulumi.String("10Gi")}}},
		}, pulumi.RetainOnDelete(true))
		if err != nil {
			return err
		}
		claims = append(claims, claim)
	}
	headless, err := corev1.NewService(ctx, name+"-headless", &corev1.ServiceArgs{Metadata: meta(name+"-headless", skipAwait),
		Spec: corev1.ServiceSpecArgs{Type: pulumi.String("ClusterIP"), Selector: selector.MatchLabels, Ports: ports,
			ClusterIP: pulumi.String("None"), PublishNotReadyAddresses: pulumi.Bool(true)}})
	if err != nil {
		return err
	}
	templates := corev1.PersistentVolumeClaimTypeArray{corev1.PersistentVolumeClaimTypeArgs{Metadata: claimMeta("data"), Spec: claimSpec}}
	immutable := pulumi.ToMap(map[string]any{"serviceName": name + "-headless", "podManagementPolicy": "Parallel",
		"selector": map[string]string{"app.kubernetes.io/name": name}})
	immutable["volumeClaimTemplates"] = templates
	keyMeta := meta(name, nil)
	keyMeta.Name = nil
	key, err := corev1.NewConfigMap(ctx, name+"-statefulset", &corev1.ConfigMapArgs{Metadata: keyMeta, Immutable: pulumi.Bool(true),
		Data: pulumi.StringMap{"statefulset": immutable.ToMapOutput().ApplyT(func(m map[string]any) (string, error) {
			b, err := json.Marshal(m)
			return string(b), err
		}).(pulumi.StringOutput)}}, pulumi.ReplaceOnChanges([]string{"data"}), pulumi.DependsOn(claims))
	if err != nil {
		return err
	}
	// The rollout's bound: 5 replicas replaced one at a time, each allowed 30 + 10 + 60 s.
	stsMeta := meta(name, pulumi.StringMap{"pulumi.com/deletionPropagationPolicy": pulumi.String("orphan"), "pulumi.com/timeoutSeconds": pulumi.String("470"),
		"k8s-service.io/statefulset-key": key.ID().ToStringOutput()})
	stsMeta.OwnerReferences = metav1.OwnerReferenceArray{metav1.OwnerReferenceArgs{ApiVersion: pulumi.String("v1"), Kind: pulumi.String("Service"),
		Name: pulumi.String(name + "-headless"), Uid: headless.Metadata.Uid().Elem(), BlockOwnerDeletion: pulumi.Bool(true)}}
	sts, err := appsv1.NewStatefulSet(ctx, name, &appsv1.StatefulSetArgs{
		Metadata: stsMeta,
		Spec: appsv1.StatefulSetSpecArgs{
			Replicas:    pulumi.Int(2),
			ServiceName: pulumi.String(name + "-headless"), Selector: selector, PodManagementPolicy: pulumi.String("Parallel"),
			UpdateStrategy: appsv1.StatefulSetUpdateStrategyArgs{Type: pulumi.String("RollingUpdate")},
			PersistentVolumeClaimRetentionPolicy: appsv1.StatefulSetPersistentVolumeClaimRetentionPolicyArgs{
				WhenDeleted: pulumi.String("Retain"), WhenScaled: pulumi.String("Retain")},
			RevisionHistoryLimit: pulumi.Int(10),
			Template:             template(spec, pulumi.StringMap{"app.kubernetes.io/name": pulumi.String(name)}),
			VolumeClaimTemplates: templates,
		},
	}, pulumi.ReplaceOnChanges([]string{"spec.volumeClaimTemplates", "spec.selector", "spec.serviceName", "spec.podManagementPolicy"}),
		pulumi.DeleteBeforeReplace(true), pulumi.IgnoreChanges([]string{"spec.replicas"}), pulumi.DeletedWith(headless),
		pulumi.DependsOn(claims))
	if err != nil {
		return err
	}
	if _, err := corev1.NewService(ctx, name, &corev1.ServiceArgs{Metadata: meta(name, skipAwait),
		Spec: corev1.ServiceSpecArgs{Type: pulumi.String("ClusterIP"), Selector: selector.MatchLabels, Ports: ports}}); err != nil {
		return err
	}
	if _, err := policyv1.NewPodDisruptionBudget(ctx, name, &policyv1.PodDisruptionBudgetArgs{Metadata: meta(name, nil),
		Spec: policyv1.PodDisruptionBudgetSpecArgs{MaxUnavailable: pulumi.Int(1), Selector: selector}}); err != nil {
		return err
	}
	metric := func(resource string) autoscalingv2.MetricSpecInput {
		return autoscalingv2.MetricSpecArgs{Type: pulumi.String("Resource"), Resource: autoscalingv2.ResourceMetricSourceArgs{
			Name: pulumi.String(resource), Target: autoscalingv2.MetricTargetArgs{Type: pulumi.String("Utilization"), AverageUtilization: pulumi.Int(80)}}}
	}
	if _, err := autoscalingv2.NewHorizontalPodAutoscaler(ctx, name, &autoscalingv2.HorizontalPodAutoscalerArgs{Metadata: meta(name, nil),
		Spec: autoscalingv2.HorizontalPodAutoscalerSpecArgs{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReferenceArgs{ApiVersion: pulumi.String("apps/v1"), Kind: pulumi.String("StatefulSet"), Name: pulumi.String(name)},
			MinReplicas:    pulumi.Int(2), MaxReplicas: pulumi.Int(5),
			Metrics: autoscalingv2.MetricSpecArray{metric("cpu"), metric("memory")},
		}}, pulumi.DependsOn([]pulumi.Resource{sts})); err != nil {
		return err
	}
	affinity := pulumi.StringMap{
		"pulumi.com/skipAwait": pulumi.String("true"), "nginx.ingress.kubernetes.io/affinity": pulumi.String("cookie"),
		"nginx.ingress.kubernetes.io/session-cookie-name":    pulumi.String("k8s-service-affinity"),
		"nginx.ingress.kubernetes.io/session-cookie-max-age": pulumi.String("86400"),
	}
	for _, rule := range []struct{ ingress, host, path, pathType string }{
		{"shop.example.com", "shop.example.com", "/", "Prefix"}, {"example.com-shop", "example.com", "/shop(/|$)(.*)", "ImplementationSpecific"},
	} {
		annotations := pulumi.StringMap{}
		for k, v := range affinity {
			annotations[k] = v
		}
		if rule.pathType == "ImplementationSpecific" {
			annotations["nginx.ingress.kubernetes.io/use-regex"] = pulumi.String("true")
			annotations["nginx.ingress.kubernetes.io/rewrite-target"] = pulumi.String("/$2")
		}
		ingress := name + "-" + rule.ingress
		if _, err := networkingv1.NewIngress(ctx, ingress, &networkingv1.IngressArgs{Metadata: meta(ingress, annotations),
			Spec: networkingv1.IngressSpecArgs{IngressClassName: pulumi.String("nginx"), Rules: networkingv1.IngressRuleArray{networkingv1.IngressRuleArgs{
				Host: pulumi.String(rule.host),
				Http: networkingv1.HTTPIngressRuleValueArgs{Paths: networkingv1.HTTPIngressPathArray{networkingv1.HTTPIngressPathArgs{
					Path: pulumi.String(rule.path), PathType: pulumi.String(rule.pathType),
					Backend: networkingv1.IngressBackendArgs{Service: networkingv1.IngressServiceBackendArgs{
						Name: pulumi.String(name), Port: networkingv1.ServiceBackendPortArgs{Name: pulumi.String("http")}}},
				}}},
			}}}}); err != nil {
			return err
		}
	}
	if _, err := networkingv1.NewNetworkPolicy(ctx, name, &networkingv1.NetworkPolicyArgs{Metadata: meta(name, nil),
		Spec: networkingv1.NetworkPolicySpecArgs{PodSelector: selector,
			PolicyTypes: pulumi.StringArray{pulumi.String("Ingress"), pulumi.String("Egress")},
			Ingress: networkingv1.NetworkPolicyIngressRuleArray{networkingv1.NetworkPolicyIngressRuleArgs{Ports: networkingv1.NetworkPolicyPortArray{
				networkingv1.NetworkPolicyPortArgs{Port: pulumi.Int(8080), Protocol: pulumi.String("TCP")}}}},
			Egress: networkingv1.NetworkPolicyEgressRuleArray{networkingv1.NetworkPolicyEgressRuleArgs{}},
		}}); err != nil {
		return err
	}
	// The cron job's pods are not the service's: no selector label, and no ingress.
	if _, err := networkingv1.NewNetworkPolicy(ctx, name+"-cron-jobs", &networkingv1.NetworkPolicyArgs{Metadata: meta(name+"-cron-jobs", nil),
		Spec: networkingv1.NetworkPolicySpecArgs{
			PodSelector: metav1.LabelSelectorArgs{MatchLabels: pulumi.StringMap{"k8s-service.io/service": pulumi.String(name)},
				MatchExpressions: metav1.LabelSelectorRequirementArray{metav1.LabelSelectorRequirementArgs{
					Key: pulumi.String("k8s-service.io/cron-job"), Operator: pulumi.String("Exists")}}},
			PolicyTypes: pulumi.StringArray{pulumi.String("Ingress"), pulumi.String("Egress")},
			Egress:      networkingv1.NetworkPolicyEgressRuleArray{networkingv1.NetworkPolicyEgressRuleArgs{}},
		}}); err != nil {
		return err
	}
	job := podSpec(container())
	job.RestartPolicy = pulumi.String("Never")
	report := container()
	report.Command = pulumi.StringArray{pulumi.String("/app/report")}
	job.Containers = corev1.ContainerArray{report}
	cronPodLabels := pulumi.StringMap{"k8s-service.io/service": pulumi.String(name), "k8s-service.io/cron-job": pulumi.String(name + "-report")}
	_, err = batchv1.NewCronJob(ctx, name+"-report", &batchv1.CronJobArgs{Metadata: meta(name+"-report", nil),
		Spec: batchv1.CronJobSpecArgs{Schedule: pulumi.String("0 * * * *"), ConcurrencyPolicy: pulumi.String("Forbid"),
			StartingDeadlineSeconds: pulumi.Int(300), SuccessfulJobsHistoryLimit: pulumi.Int(3), FailedJobsHistoryLimit: pulumi.Int(1),
			JobTemplate: batchv1.JobTemplateSpecArgs{Spec: batchv1.JobSpecArgs{BackoffLimit: pulumi.Int(2), Template: template(job, cronPodLabels)}}}})
	return err
}
