package core

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"

	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	storagev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/storage/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// maxStatefulName keeps a StatefulSet's controller-revision-hash label (`<name>-<hash>`,
// at most 63 characters) and its `<name>-headless` Service within Kubernetes' limits.
const maxStatefulName = 52

func resolveStorage(name string, in StorageArgs, scaling Scaling, restricted bool, fldPath *field.Path) ([]Volume, field.ErrorList) {
	var errs field.ErrorList
	if len(in.PersistentStorage) > 0 && len(name) > maxStatefulName {
		errs = append(errs, field.TooLong(fldPath.Child("name"), name, maxStatefulName))
	}
	var volumes []Volume
	paths, names := map[string]bool{}, map[string]bool{}
	for i, s := range in.PersistentStorage {
		p := fldPath.Child("persistentStorage").Index(i)
		if !path.IsAbs(s.Path) || path.Clean(s.Path) != s.Path || s.Path == "/" {
			errs = append(errs, field.Invalid(p.Child("path"), s.Path, "must be a clean absolute path below / such as `/data`"))
		}
		if paths[s.Path] {
			errs = append(errs, field.Duplicate(p.Child("path"), s.Path))
		}
		paths[s.Path] = true
		if restricted && s.Path == "/tmp" {
			errs = append(errs, field.Forbidden(p.Child("path"),
				"/tmp is the restricted profile's writable scratch directory; mount the volume elsewhere"))
		}
		if s.Size <= 0 {
			errs = append(errs, field.Invalid(p.Child("size"), s.Size, "must be more than 0 (GiB)"))
		}
		v := Volume{Name: deref(s.Name, volumeNameFromPath(s.Path)), Path: s.Path, SizeGiB: s.Size}
		errs = append(errs, validateVolumeName(v.Name, s.Name != nil, p)...)
		if names[v.Name] {
			errs = append(errs, field.Duplicate(p.Child("name"), v.Name))
		}
		names[v.Name] = true
		volumes = append(volumes, v)
	}
	errs = append(errs, validateObjectName(in.StorageClassName, fldPath.Child("storageClassName"))...)
	if len(in.PersistentStorage) > 0 && scaling.Max == 0 {
		errs = append(errs, field.Forbidden(fldPath.Child("persistentStorage"),
			"a cron-only service (maxContainers: 0) has no replicas to attach volumes to"))
	}
	return volumes, errs
}

var nonNameChars = regexp.MustCompile(`[^a-z0-9]+`)

// volumeNameFromPath names a volume after where it is mounted: `/var/lib/data` →
// `var-lib-data`. A stable name, unlike a list index, survives inserting other entries.
func volumeNameFromPath(p string) string {
	return strings.Trim(nonNameChars.ReplaceAllString(strings.ToLower(p), "-"), "-")
}

func validateVolumeName(name string, explicit bool, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	msgs := validation.IsDNS1123Label(name)
	if why := reservedVolumeName(name); why != "" {
		msgs = append(msgs, why)
	}
	for _, msg := range msgs {
		if explicit {
			errs = append(errs, field.Invalid(fldPath.Child("name"), name, msg))
		} else {
			errs = append(errs, field.Invalid(fldPath.Child("path"), name,
				"the volume is named after its path, and that name is not valid: "+msg+"; set `name`"))
		}
	}
	return errs
}

// ClaimName is the claim the StatefulSet controller looks for: `<template>-<set>-<ordinal>`.
func ClaimName(volume, service string, ordinal int) string {
	return fmt.Sprintf("%s-%s-%d", volume, service, ordinal)
}

// storageClassArgs binds volumes where the pod lands (zonal disks) and lets them grow.
func (b *builder) storageClassArgs(sc *StorageClass) *storagev1.StorageClassArgs {
	meta := metav1.ObjectMetaArgs{Labels: pulumi.ToStringMap(b.labels())}
	return &storagev1.StorageClassArgs{
		Metadata:             meta,
		Provisioner:          pulumi.String(sc.Provisioner),
		Parameters:           pulumi.ToStringMap(sc.Parameters),
		ReclaimPolicy:        pulumi.String("Delete"),
		VolumeBindingMode:    pulumi.String("WaitForFirstConsumer"),
		AllowVolumeExpansion: pulumi.Bool(true),
	}
}

// StorageClassImmutableFields are the StorageClass fields Kubernetes refuses to update;
// the class has a generated name, so a new one is created before the old is deleted.
var StorageClassImmutableFields = []string{"provisioner", "parameters", "reclaimPolicy", "volumeBindingMode"}

// registerStorageClass picks the claims' class: the one the user named, else one created
// for the variant's disk driver, else (nil) the cluster default.
func (b *builder) registerStorageClass(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.StringInput, error) {
	switch {
	case b.cfg.StorageClassName != nil:
		return b.cfg.StorageClassName, nil
	case b.ext.StorageClass != nil:
		sc, err := storagev1.NewStorageClass(ctx, b.cfg.Name+"-storage", b.storageClassArgs(b.ext.StorageClass),
			append(opts, pulumi.ReplaceOnChanges(StorageClassImmutableFields))...)
		if err != nil {
			return nil, err
		}
		return sc.Metadata.Name().Elem(), nil
	}
	return nil, nil
}

// storageMounts mount each persistent volume at its path.
func storageMounts(volumes []Volume) corev1.VolumeMountArray {
	var mounts corev1.VolumeMountArray
	for _, v := range volumes {
		mounts = append(mounts, corev1.VolumeMountArgs{Name: pulumi.String(v.Name), MountPath: pulumi.String(v.Path)})
	}
	return mounts
}
