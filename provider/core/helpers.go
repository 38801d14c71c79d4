package core

import (
	"fmt"
	"hash/fnv"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// deref is *p, or fallback when the optional input is unset.
func deref[T any](p *T, fallback T) T {
	if p == nil {
		return fallback
	}
	return *p
}

// cloneMap is a copy of m to add to, never nil.
func cloneMap[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func merge(maps ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// KnownString returns an input's value when it is a plain value: known, not secret and
// depending on no resource, so that using the string in its place loses nothing.
func KnownString(in pulumi.StringInput) (string, bool) {
	if s, ok := in.(pulumi.String); ok {
		return string(s), true
	}
	return "", false
}

// ShortHash is 8 hex characters identifying s: for names derived from content.
func ShortHash(s string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s)) // a hash never fails to write
	return fmt.Sprintf("%08x", h.Sum32())
}

func stringOr(in pulumi.StringInput) pulumi.StringOutput {
	if in == nil {
		return pulumi.String("").ToStringOutput()
	}
	return in.ToStringOutput()
}
