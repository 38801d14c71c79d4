package core

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// invalid is an error of the field at p, holding v, for each message of an apimachinery
// check (validation.IsDNS1123Label and the like): none when the check passed.
func invalid(p *field.Path, v any, msgs []string) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range msgs {
		errs = append(errs, field.Invalid(p, v, msg))
	}
	return errs
}

// validateObjectName checks the name of an object another input refers to (a
// PriorityClass, a StorageClass, a Secret) when it is known; an output is checked by the
// API server once it resolves.
func validateObjectName(p *field.Path, name pulumi.StringInput) field.ErrorList {
	if v, known := KnownString(name); known {
		return invalid(p, v, validation.IsDNS1123Subdomain(v))
	}
	return nil
}
