package core

import (
	"github.com/distribution/reference"
	"github.com/opencontainers/go-digest"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// AutoImageValue is the `image` value that asks a cloud variant to create a registry.
const AutoImageValue = "AUTO"

func validateImage(in ImageArgs, autoImage bool, fldPath *field.Path) field.ErrorList {
	image, imageKnown := KnownString(in.Image)
	tag, tagKnown := KnownString(in.Tag)
	dig, digestKnown := KnownString(in.Digest)
	var errs field.ErrorList
	if in.Image == nil || (imageKnown && image == "") {
		return field.ErrorList{field.Required(fldPath.Child("image"), "an image reference such as `nginx:1.27`")}
	}
	if image == AutoImageValue {
		if !autoImage {
			errs = append(errs, field.Invalid(fldPath.Child("image"), image,
				"AUTO creates a registry and is only available on the aws, gcp and azure variants; give an image reference"))
		}
		if in.Tag != nil && in.Digest != nil {
			errs = append(errs, field.Forbidden(fldPath.Child("digest"), "with AUTO, give a tag or a digest, not both"))
		}
		image = "registry.invalid/auto" // stand-in to check the tag and digest
	}
	if imageKnown && (in.Tag == nil || tagKnown) && (in.Digest == nil || digestKnown) {
		if _, err := ComposeImage(image, tag, dig); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// ComposeImage returns the reference the pods run: image, with `:tag` and `@digest`
// appended when given. The result is parsed as Kubernetes' container runtime would.
func ComposeImage(image, tag, dig string) (string, *field.Error) {
	named, err := reference.ParseNormalizedNamed(image)
	if err != nil {
		return "", field.Invalid(field.NewPath("image"), image, "must be an image reference such as `nginx:1.27`: "+err.Error())
	}
	ref := reference.Reference(named)
	if tag != "" {
		if _, tagged := named.(reference.Tagged); tagged {
			return "", field.Forbidden(field.NewPath("tag"), "image "+image+" already has a tag")
		}
		if ref, err = reference.WithTag(named, tag); err != nil {
			return "", field.Invalid(field.NewPath("tag"), tag, "must be a valid image tag: "+err.Error())
		}
	}
	if dig != "" {
		d, err := digest.Parse(dig)
		if err != nil {
			return "", field.Invalid(field.NewPath("digest"), dig, "must be a digest such as `sha256:<64 hex digits>`: "+err.Error())
		}
		if _, digested := named.(reference.Digested); digested {
			return "", field.Forbidden(field.NewPath("digest"), "image "+image+" already has a digest")
		}
		if ref, err = reference.WithDigest(ref.(reference.Named), d); err != nil {
			return "", field.Invalid(field.NewPath("digest"), dig, err.Error())
		}
	}
	if tag == "" && dig == "" {
		return image, nil // keep the user's spelling, e.g. `nginx` rather than `docker.io/library/nginx`
	}
	return reference.FamiliarString(ref), nil
}

// imageParts are the tag and the digest an image reference names (currentTag and
// currentDigest): "latest" for the tag of a reference with neither, as the node pulls it;
// both empty for no reference.
func imageParts(ref string) (tag, dig string) {
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return "", ""
	}
	if tagged, ok := named.(reference.Tagged); ok {
		tag = tagged.Tag()
	}
	if digested, ok := named.(reference.Digested); ok {
		dig = digested.Digest().String()
	} else if tag == "" {
		tag = "latest"
	}
	return tag, dig
}

// currentImage composes the image: at once when image, tag and digest are known (no
// apply, so no goroutine per service), else once they are.
func currentImage(in ImageArgs) pulumi.StringInput {
	image, imageKnown := KnownString(in.Image)
	tag, tagKnown := KnownString(in.Tag)
	dig, digestKnown := KnownString(in.Digest)
	if imageKnown && (tagKnown || in.Tag == nil) && (digestKnown || in.Digest == nil) {
		if ref, err := ComposeImage(image, tag, dig); err == nil {
			return pulumi.String(ref)
		}
	}
	return pulumi.All(in.Image, orEmpty(in.Tag), orEmpty(in.Digest)).ApplyT(func(v []any) (string, error) {
		image, _ := v[0].(string)
		tag, _ := v[1].(string)
		dig, _ := v[2].(string)
		ref, err := ComposeImage(image, tag, dig)
		if err != nil {
			return "", err
		}
		return ref, nil
	}).(pulumi.StringOutput)
}

// orEmpty is an optional input, "" when not given.
func orEmpty(in pulumi.StringInput) pulumi.StringInput {
	if in == nil {
		return pulumi.String("")
	}
	return in
}

// IsAuto is true when the image is AUTO: a cloud variant creates the registry.
func IsAuto(in ImageArgs) bool {
	image, known := KnownString(in.Image)
	return known && image == AutoImageValue
}

// RegistryExtensions are what a registry created for AUTO adds: its URL, and the image
// `<url>:<tag>` or `<url>@<digest>`; with neither, no pods run until one is pushed.
func RegistryExtensions(repoURL pulumi.StringOutput, in Inputs) Extensions {
	ext := Extensions{DockerRepoUrl: repoURL}
	switch {
	case in.Digest != nil:
		ext.Image = pulumi.Sprintf("%s@%s", repoURL, in.Digest)
	case in.Tag != nil:
		ext.Image = pulumi.Sprintf("%s:%s", repoURL, in.Tag)
	default:
		ext.NoPods = true
	}
	return ext
}

// RequireNamespace reports that a cloud identity needs an explicit namespace: its trust
// names exactly system:serviceaccount:<namespace>:<name>.
func RequireNamespace(args *ServiceArgs, why string) field.ErrorList {
	if args.Namespace == nil {
		return field.ErrorList{field.Required(field.NewPath("namespace"), why)}
	}
	return nil
}
