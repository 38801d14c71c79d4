package inferpatch

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// infer marks plain scalars plain, but not lists, maps, objects and enums, so the SDKs
// took `ports` or `securityProfile` as Input<...> although the component needs them at
// preview. WithPlainInputs marks every input property plain whose Go field is not a
// pulumi.Input, down through the object types it refers to, in the schema the plugin
// serves and gen-sdk writes: an output passed there no longer compiles.
func WithPlainInputs(getSchema func(context.Context, p.GetSchemaRequest) (p.GetSchemaResponse, error),
	args map[tokens.Type]reflect.Type,
) func(context.Context, p.GetSchemaRequest) (p.GetSchemaResponse, error) {
	return func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := getSchema(ctx, req)
		if err != nil {
			return resp, err
		}
		var spec map[string]any
		if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
			return resp, err
		}
		types, _ := spec["types"].(map[string]any)
		resources, _ := spec["resources"].(map[string]any)
		for token, goType := range args {
			resource, _ := resources[string(token)].(map[string]any)
			properties, _ := resource["inputProperties"].(map[string]any)
			markPlain(properties, goType, types, map[string]bool{})
		}
		out, err := json.Marshal(spec)
		resp.Schema = string(out)
		return resp, err
	}
}

// markPlain marks the properties of Go struct t that are plain, and the object types
// they refer to (each once).
func markPlain(properties map[string]any, t reflect.Type, types map[string]any, seen map[string]bool) {
	for name, field := range fieldsOf(t) {
		if property, ok := properties[name].(map[string]any); ok {
			markPlainValue(property, field, types, seen)
		}
	}
}

func markPlainValue(property map[string]any, t reflect.Type, types map[string]any, seen map[string]bool) {
	if t.Kind() == reflect.Interface && t.Implements(inputType) {
		return // an Input: may be an output of another resource
	}
	if property["secret"] == true {
		return // the SDKs mark a secret input secret, which needs an Input
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	property["plain"] = true
	switch t.Kind() {
	case reflect.Slice:
		if items, ok := property["items"].(map[string]any); ok {
			markPlainValue(items, t.Elem(), types, seen)
		}
	case reflect.Map:
		if values, ok := property["additionalProperties"].(map[string]any); ok {
			markPlainValue(values, t.Elem(), types, seen)
		}
	case reflect.Struct:
		ref, _ := property["$ref"].(string)
		token := strings.TrimPrefix(ref, "#/types/")
		if object, ok := types[token].(map[string]any); ok && !seen[token] {
			seen[token] = true
			nested, _ := object["properties"].(map[string]any)
			markPlain(nested, t, types, seen)
		}
	}
}
