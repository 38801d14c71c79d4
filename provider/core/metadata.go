package core

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
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

func validatePodMetadata(labels, annotations map[string]string, fldPath *field.Path) field.ErrorList {
	errs := validateLabels(labels, fldPath.Child("podLabels"))
	for _, reserved := range []string{SelectorLabel, CronServiceLabel, CronJobLabel, TrackLabel} {
		if _, ok := labels[reserved]; ok {
			errs = append(errs, field.Forbidden(fldPath.Child("podLabels").Key(reserved), "is set by the service to select its pods and to tell its cron jobs' pods apart, and a canary's"))
		}
	}
	return append(errs, validateAnnotations(annotations, fldPath.Child("podAnnotations"))...)
}

// validateLabels applies apimachinery's label rules, as metav1 validation.ValidateLabels
// does; that package would link the whole API machinery into the plugin (2 MiB).
func validateLabels(labels map[string]string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(labels) {
		errs = append(errs, invalid(k, validation.IsQualifiedName(k), fldPath)...)
		errs = append(errs, invalid(labels[k], validation.IsValidLabelValue(labels[k]), fldPath)...)
	}
	return errs
}

// maxAnnotationBytes is Kubernetes' limit on all of an object's annotations together.
const maxAnnotationBytes = 256 * 1024

// validateAnnotations applies apimachinery's annotation rules, as api validation's
// ValidateAnnotations does, without linking the API machinery.
func validateAnnotations(annotations map[string]string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	total := 0
	for _, k := range sortedKeys(annotations) {
		errs = append(errs, invalid(k, validation.IsQualifiedName(strings.ToLower(k)), fldPath)...)
		total += len(k) + len(annotations[k])
	}
	if total > maxAnnotationBytes {
		errs = append(errs, field.TooLong(fldPath, "", maxAnnotationBytes))
	}
	return errs
}

func validateNamespace(namespace pulumi.StringInput, create bool, fldPath *field.Path) field.ErrorList {
	if create && namespace == nil {
		return field.ErrorList{field.Required(fldPath, "createNamespace needs the namespace to create")}
	}
	var errs field.ErrorList
	if ns, ok := KnownString(namespace); ok {
		errs = append(errs, invalid(ns, validation.IsDNS1123Label(ns), fldPath)...)
	}
	return errs
}
