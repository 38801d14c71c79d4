package core

import (
	"fmt"
	"hash/fnv"
	"strings"

	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Labels on every object; SelectorLabel alone selects the pods, so that the immutable
// selectors never change when pod labels do.
const (
	SelectorLabel  = "app.kubernetes.io/name"
	ManagedByLabel = "app.kubernetes.io/managed-by"
	ManagedBy      = "k8s-service"
)

// A cron job's pods carry these instead of SelectorLabel: they are not the service's
// pods, so the Service, the PodDisruptionBudget and the autoscaler must not select them
// (a running job pod counted by the budget, which cannot scale a Job, blocks every drain).
const (
	// CronServiceLabel names the service a cron job's pod runs for.
	CronServiceLabel = "k8s-service.io/service"
	// CronJobLabel names the CronJob that started the pod.
	CronJobLabel = "k8s-service.io/cron-job"
)

// validateName checks the component's name, which names the Kubernetes objects; a
// Service name must be a DNS-1035 label.
func validateName(name string) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range validation.IsDNS1035Label(name) {
		errs = append(errs, field.Invalid(field.NewPath("name"), name,
			"the resource name names the Kubernetes Service and workload: "+msg))
	}
	return errs
}

func validatePodMetadata(args *ServiceArgs) field.ErrorList {
	errs := validateLabels(args.PodLabels, field.NewPath("podLabels"))
	for _, reserved := range []string{SelectorLabel, CronServiceLabel, CronJobLabel} {
		if _, ok := args.PodLabels[reserved]; ok {
			errs = append(errs, field.Forbidden(field.NewPath("podLabels").Key(reserved), "is set by the service to select its pods and to tell its cron jobs' pods apart"))
		}
	}
	return append(errs, validateAnnotations(args.PodAnnotations, field.NewPath("podAnnotations"))...)
}

// validateLabels applies apimachinery's label rules, as metav1 validation.ValidateLabels
// does; that package would link the whole API machinery into the plugin (2 MiB).
func validateLabels(labels map[string]string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(labels) {
		errs = append(errs, invalid(p, k, validation.IsQualifiedName(k))...)
		errs = append(errs, invalid(p, labels[k], validation.IsValidLabelValue(labels[k]))...)
	}
	return errs
}

// maxAnnotationBytes is Kubernetes' limit on all of an object's annotations together.
const maxAnnotationBytes = 256 * 1024

// validateAnnotations applies apimachinery's annotation rules, as api validation's
// ValidateAnnotations does, without linking the API machinery.
func validateAnnotations(annotations map[string]string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	total := 0
	for _, k := range sortedKeys(annotations) {
		errs = append(errs, invalid(p, k, validation.IsQualifiedName(strings.ToLower(k)))...)
		total += len(k) + len(annotations[k])
	}
	if total > maxAnnotationBytes {
		errs = append(errs, field.TooLong(p, "", maxAnnotationBytes))
	}
	return errs
}

func validateNamespace(args *ServiceArgs) field.ErrorList {
	p := field.NewPath("namespace")
	if deref(args.CreateNamespace, false) && args.Namespace == nil {
		return field.ErrorList{field.Required(p, "createNamespace needs the namespace to create")}
	}
	var errs field.ErrorList
	if ns, ok := knownString(args.Namespace); ok {
		errs = append(errs, invalid(p, ns, validation.IsDNS1123Label(ns))...)
	}
	return errs
}

// SkipAwait tells pulumi-kubernetes not to wait for an object to become ready: set on
// objects whose readiness nothing proves beyond what the workload's own rollout await
// already does (docs/design.md, "What `pulumi up` waits for").
const SkipAwait = "pulumi.com/skipAwait"

// ShortHash is 8 hex characters identifying s: for names derived from content.
func ShortHash(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// TimeoutAnnotation bounds pulumi-kubernetes' await of an object, in seconds.
const TimeoutAnnotation = "pulumi.com/timeoutSeconds"

// PatchForce makes pulumi-kubernetes' server-side apply take back the fields the
// component declares from whoever changed them since (`kubectl edit`, `kubectl set image`,
// `kubectl rollout undo`): the program is the source of truth, and without it the next
// `pulumi up` that touches the object fails with a field manager conflict. Fields the
// component leaves to others (the autoscaler's replicas) are not in its apply.
const PatchForce = "pulumi.com/patchForce"

// meta names an object in the service's namespace with the common labels and the given
// annotations.
func (b *builder) meta(name string, annotations map[string]string) metav1.ObjectMetaArgs {
	return metav1.ObjectMetaArgs{
		Name:        pulumi.String(name),
		Namespace:   b.namespace,
		Labels:      pulumi.ToStringMap(b.labels()),
		Annotations: pulumi.ToStringMap(merge(annotations, map[string]string{PatchForce: "true"})),
	}
}

func (b *builder) selector() map[string]string {
	return map[string]string{SelectorLabel: b.cfg.Name}
}

func (b *builder) labels() map[string]string {
	return map[string]string{SelectorLabel: b.cfg.Name, ManagedByLabel: ManagedBy}
}

// cronPodLabels are a cron job's pod labels: none of them is SelectorLabel.
func (b *builder) cronPodLabels(job string) map[string]string {
	return map[string]string{CronServiceLabel: b.cfg.Name, CronJobLabel: job, ManagedByLabel: ManagedBy}
}
