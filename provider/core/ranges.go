package core

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Kubernetes holds every integer the component writes (replicas, ports, seconds,
// thresholds, percentages) as a 32-bit integer, and quantities the component writes in
// MiB or GiB fit one too; beyond that the API server refuses the object mid-`up`, with
// part of the stack created.
const maxKubernetesInt = math.MaxInt32

// validateIntRanges checks every integer of args, at any depth, against that range, so
// that an input added later is covered without a rule of its own. Resolve keeps only the
// errors of fields that no more specific rule reported.
func validateIntRanges(args *ServiceArgs) field.ErrorList {
	return intRanges(reflect.ValueOf(args).Elem(), nil)
}

func intRanges(v reflect.Value, p *field.Path) field.ErrorList {
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		if n := v.Int(); n > maxKubernetesInt || n < -maxKubernetesInt {
			return field.ErrorList{field.Invalid(p, n, fmt.Sprintf(
				"must be between %d and %d: Kubernetes holds it as a 32-bit integer", -maxKubernetesInt, maxKubernetesInt))}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return intRanges(v.Elem(), p)
		}
	case reflect.Slice:
		var errs field.ErrorList
		for i := range v.Len() {
			errs = append(errs, intRanges(v.Index(i), p.Index(i))...)
		}
		return errs
	case reflect.Map:
		var errs field.ErrorList
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			errs = append(errs, intRanges(v.MapIndex(k), p.Key(fmt.Sprint(k)))...)
		}
		return errs
	case reflect.Struct:
		var errs field.ErrorList
		for _, f := range reflect.VisibleFields(v.Type()) {
			name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
			if name == "" || !f.IsExported() {
				continue
			}
			errs = append(errs, intRanges(v.FieldByIndex(f.Index), ChildPath(p, name))...)
		}
		return errs
	}
	return nil
}

// unreported is the errors of those fields that errs does not already name.
func unreported(candidates, errs field.ErrorList) field.ErrorList {
	named := map[string]bool{}
	for _, e := range errs {
		named[e.Field] = true
	}
	var out field.ErrorList
	for _, e := range candidates {
		if !named[e.Field] {
			out = append(out, e)
		}
	}
	return out
}
