package core

import (
	"context"
	"time"

	"github.com/distribution/reference"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// pinLookupTimeout bounds one registry lookup of pinDigest.
const pinLookupTimeout = 30 * time.Second

// pinImage is image pinned to the digest its tag names in the registry now (pinDigest):
// `repo:tag@sha256:…`, which the node pulls by digest, so a tag moved later changes no
// running pod, and the next preview shows the new digest as a change. A reference that
// already has a digest is exact and is kept. A known image is looked up at once, so a tag
// the registry lacks fails before any object is registered; an image that is not known
// yet (AUTO's registry, an output) is looked up when it is.
func pinImage(image pulumi.StringInput) (pulumi.StringInput, error) {
	if ref, known := KnownString(image); known {
		pinned, err := pinReference(ref)
		if err != nil {
			return nil, err
		}
		return pulumi.String(pinned), nil
	}
	return image.ToStringOutput().ApplyT(func(ref string) (string, error) {
		pinned, err := pinReference(ref)
		if err != nil {
			return "", err
		}
		return pinned, nil
	}).(pulumi.StringOutput), nil
}

// pinReference looks the reference's tag up (`latest` without one) with the credentials
// docker uses (~/.docker/config.json and its credential helpers: `docker login`, `aws ecr
// get-login-password`, `gcloud auth configure-docker`, `az acr login`).
func pinReference(ref string) (string, *field.Error) {
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return "", field.Invalid(field.NewPath("image"), ref, "must be an image reference: "+err.Error())
	}
	if _, digested := named.(reference.Digested); digested {
		return ref, nil
	}
	tag, err := name.ParseReference(ref)
	if err != nil {
		return "", field.Invalid(field.NewPath("image"), ref, "must be an image reference: "+err.Error())
	}
	ctx, cancel := context.WithTimeout(context.Background(), pinLookupTimeout)
	defer cancel()
	desc, err := remote.Head(tag, remote.WithContext(ctx), remote.WithAuthFromKeychain(authn.DefaultKeychain))
	if err != nil {
		return "", field.Invalid(field.NewPath("image"), ref,
			"pinDigest could not find its tag in the registry (nothing was changed): "+err.Error())
	}
	return ref + "@" + desc.Digest.String(), nil
}
