package core

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// invalid is an error of the field at fldPath, holding v, for each message of an apimachinery
// check (validation.IsDNS1123Label and the like): none when the check passed.
func invalid(v any, msgs []string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range msgs {
		errs = append(errs, field.Invalid(fldPath, v, msg))
	}
	return errs
}

// validateObjectName checks the name of an object another input refers to (a
// PriorityClass, a StorageClass, a Secret) when it is known; an output is checked by the
// API server once it resolves.
func validateObjectName(name pulumi.StringInput, fldPath *field.Path) field.ErrorList {
	if v, known := KnownString(name); known {
		return invalid(v, validation.IsDNS1123Subdomain(v), fldPath)
	}
	return nil
}
