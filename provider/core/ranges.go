package core

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"

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

func intRanges(v reflect.Value, fldPath *field.Path) field.ErrorList {
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		if n := v.Int(); n > maxKubernetesInt || n < -maxKubernetesInt {
			return field.ErrorList{field.Invalid(fldPath, n, fmt.Sprintf(
				"must be between %d and %d: Kubernetes holds it as a 32-bit integer", -maxKubernetesInt, maxKubernetesInt))}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return intRanges(v.Elem(), fldPath)
		}
	case reflect.Slice:
		var errs field.ErrorList
		for i := range v.Len() {
			errs = append(errs, intRanges(v.Index(i), fldPath.Index(i))...)
		}
		return errs
	case reflect.Map:
		var errs field.ErrorList
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			errs = append(errs, intRanges(v.MapIndex(k), fldPath.Key(fmt.Sprint(k)))...)
		}
		return errs
	case reflect.Struct:
		var errs field.ErrorList
		for _, f := range intFields(v.Type()) {
			errs = append(errs, intRanges(v.FieldByIndex(f.index), fldPath.Child(f.name))...)
		}
		return errs
	}
	return nil
}

// intField is a field of an args struct that holds integers, at any depth.
type intField struct {
	name  string // its schema name
	index []int
}

// intFieldsOf caches intFields per struct type: Resolve runs on every preview and up,
// and most fields (strings, booleans, inputs) hold no integer to check.
var intFieldsOf sync.Map // reflect.Type → []intField

func intFields(t reflect.Type) []intField {
	if cached, ok := intFieldsOf.Load(t); ok {
		return cached.([]intField)
	}
	var fields []intField
	for _, f := range reflect.VisibleFields(t) {
		name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
		if name != "" && f.IsExported() && holdsInts(f.Type, map[reflect.Type]bool{}) {
			fields = append(fields, intField{name: name, index: f.Index})
		}
	}
	intFieldsOf.Store(t, fields)
	return fields
}

// holdsInts tells whether a value of type t can contain an integer that intRanges checks.
func holdsInts(t reflect.Type, seen map[reflect.Type]bool) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int64:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Map:
		return holdsInts(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return false
		}
		seen[t] = true
		for _, f := range reflect.VisibleFields(t) {
			if f.IsExported() && f.Tag.Get("pulumi") != "" && holdsInts(f.Type, seen) {
				return true
			}
		}
	}
	return false
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
