package inferpatch

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Inputs arrive as the engine's property values, typed by whoever sent them. Pulumi YAML
// sends `FLAG: true` and a string config value "4" as a boolean and a number, where the
// schema says string. normalizeInputs converts such scalars to the type of the Go field
// that receives them and reports every value of the wrong kind with its path, so that
// decoding (CopyTo) only ever sees values it can take.

var (
	stringInputType = reflect.TypeFor[pulumi.StringInput]()
	inputType       = reflect.TypeFor[pulumi.Input]()
)

// normalizeInputs walks inputs along the fields of args, a pointer to an args struct.
func normalizeInputs(inputs property.Map, args any) (property.Map, error) {
	var errs field.ErrorList
	out := normalizeStruct(inputs, reflect.TypeOf(args).Elem(), nil, &errs)
	if len(errs) > 0 {
		return inputs, errs.ToAggregate()
	}
	return out, nil
}

// fieldsOf maps the `pulumi` tag names of t's fields, embedded structs' included, to their types.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for _, f := range reflect.VisibleFields(t) {
		if tag, ok := f.Tag.Lookup("pulumi"); ok && f.IsExported() {
			fields[strings.Split(tag, ",")[0]] = f.Type
		}
	}
	return fields
}

func normalizeStruct(m property.Map, t reflect.Type, path *field.Path, errs *field.ErrorList) property.Map {
	fields := fieldsOf(t)
	values := map[string]property.Value{}
	for name, v := range m.All {
		if ft, ok := fields[name]; ok {
			v = normalizeValue(v, ft, path.Child(name), errs)
		}
		values[name] = v
	}
	return property.NewMap(values)
}

// normalizeValue converts v to what a Go field of type t takes. Input-typed fields (and
// the values inside them) may be unknown at preview; plain ones must be known.
func normalizeValue(v property.Value, t reflect.Type, p *field.Path, errs *field.ErrorList) property.Value {
	if v.IsNull() {
		return v
	}
	isInput := t.Kind() == reflect.Interface && t.Implements(inputType)
	if v.IsComputed() {
		if !isInput {
			*errs = append(*errs, field.Invalid(p, "<unknown>", "must be known at preview (a plain value, not an "+
				"output of another resource): it decides which Kubernetes objects are created"))
		}
		return v
	}
	keep := func(n property.Value) property.Value {
		return n.WithSecret(v.Secret()).WithDependencies(v.Dependencies())
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == stringInputType || t.Kind() == reflect.String || (isInput && t.Implements(stringInputType)):
		if s, ok := scalarString(v); ok {
			return keep(property.New(s))
		}
		*errs = append(*errs, field.Invalid(p, describe(v), "must be a string"))
	case t.Kind() == reflect.Int || t.Kind() == reflect.Float64:
		if v.IsNumber() {
			return v
		}
		if n, err := strconv.ParseFloat(stringOf(v), 64); err == nil && v.IsString() {
			return keep(property.New(n))
		}
		*errs = append(*errs, field.Invalid(p, describe(v), "must be a number"))
	case t.Kind() == reflect.Bool:
		if v.IsBool() {
			return v
		}
		if b, err := strconv.ParseBool(stringOf(v)); err == nil && v.IsString() {
			return keep(property.New(b))
		}
		*errs = append(*errs, field.Invalid(p, describe(v), "must be true or false"))
	case t.Kind() == reflect.Map:
		if !v.IsMap() {
			*errs = append(*errs, field.Invalid(p, describe(v), "must be a map of names to values"))
			return v
		}
		values := map[string]property.Value{}
		for k, e := range v.AsMap().All {
			values[k] = normalizeValue(e, t.Elem(), p.Child(k), errs)
		}
		return keep(property.New(values))
	case t.Kind() == reflect.Slice:
		if !v.IsArray() {
			*errs = append(*errs, field.Invalid(p, describe(v), "must be a list"))
			return v
		}
		var items []property.Value
		for i, e := range v.AsArray().All {
			items = append(items, normalizeValue(e, t.Elem(), p.Index(i), errs))
		}
		return keep(property.New(items))
	case t.Kind() == reflect.Struct:
		if !v.IsMap() {
			*errs = append(*errs, field.Invalid(p, describe(v), "must be an object"))
			return v
		}
		return keep(property.New(normalizeStruct(v.AsMap(), t, p, errs)))
	}
	return v
}

// scalarString is a string, boolean or number as the string a user wrote.
func scalarString(v property.Value) (string, bool) {
	switch {
	case v.IsString():
		return v.AsString(), true
	case v.IsBool():
		return strconv.FormatBool(v.AsBool()), true
	case v.IsNumber():
		return strconv.FormatFloat(v.AsNumber(), 'f', -1, 64), true
	}
	return "", false
}

func stringOf(v property.Value) string {
	if v.IsString() {
		return strings.TrimSpace(v.AsString())
	}
	return ""
}

// describe names a value's kind for an error message, never its content (it may be secret).
func describe(v property.Value) string {
	switch {
	case v.Secret():
		return "<secret>"
	case v.IsString(), v.IsBool(), v.IsNumber():
		s, _ := scalarString(v)
		return s
	case v.IsMap():
		return "<object>"
	case v.IsArray():
		return "<list>"
	}
	return "<value>"
}
