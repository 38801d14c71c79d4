// Package inferpatch holds what the plugin adds to pulumi-go-provider's infer: the
// construction of components whose args and outputs embed the common ones (infer's own
// Construct sees only a struct's direct fields), the conversion of the engine's raw
// inputs to the Go fields' types (Pulumi YAML sends booleans and numbers where the schema
// says string), the schema's plain marking of every non-Input field, and building each
// component on a goroutine of its own. docs/design.md, "Schema from Go types,
// construction by hand", says why.
package inferpatch
