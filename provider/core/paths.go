package core

import "k8s.io/apimachinery/pkg/util/validation/field"

// ChildPath is parent's child name, or the root path name when parent is nil: the path
// of a field found while walking the args.
func ChildPath(parent *field.Path, name string) *field.Path {
	if parent == nil {
		return field.NewPath(name)
	}
	return parent.Child(name)
}
