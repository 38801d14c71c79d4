package core

import (
	"context"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
)

// EntryName names the child made for one entry of a list input after what the entry is
// (its parts: a policy ARN, a role and a bucket, ...; name turns their values into the
// name's suffix, joined with '-' when nil), never after its position, so removing or
// reordering an entry touches that entry's child alone. A part that is an output unknown
// at preview (a policy created in the same update) cannot name anything: the preview
// then shows the entry as `<prefix>-<index>`, and `up`, where the value is known, creates
// it under its identity; a secret part keeps the positional name. The returned option aliases the name 0.1 used,
// `<prefix>-<index>`, so stacks created by it keep their children.
func EntryName(prefix string, index int, name func(values []string) string, parts ...pulumi.StringInput) (string, pulumi.ResourceOption) {
	positional := fmt.Sprintf("%s-%d", prefix, index)
	values := make([]string, len(parts))
	for i, part := range parts {
		value, known := awaitKnown(part)
		if !known {
			return positional, pulumi.Aliases(nil)
		}
		values[i] = value
	}
	suffix := strings.Join(values, "-")
	if name != nil {
		suffix = name(values)
	}
	if full := prefix + "-" + suffix; full != positional {
		return full, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(positional)}})
	}
	return positional, pulumi.Aliases(nil)
}

// awaitKnown is the value of input if it is known now, whether plain or an output of a
// resource that exists (at preview, an output of one not yet created is not), and not a
// secret, which must never reach a resource name. Unlike KnownString (image.go), which
// only takes plain values so that composing them loses no secret or dependency, a name
// needs the value itself.
func awaitKnown(input pulumi.StringInput) (string, bool) {
	value, known, secret := awaitValue(input)
	return value, known && !secret
}

// awaitValue is input's value once resolved, whether the preview knows it, and whether
// it is a secret (which a preview says even of an unknown value).
func awaitValue(input pulumi.StringInput) (value string, known, secret bool) {
	if input == nil {
		return "", false, false
	}
	result, err := internals.UnsafeAwaitOutput(context.Background(), input.ToStringOutput())
	if err != nil {
		return "", false, false
	}
	value, ok := result.Value.(string)
	return value, result.Known && ok, result.Secret
}
