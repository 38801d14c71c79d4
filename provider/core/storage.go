package core

import (
	"fmt"
	"path"

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

func resolveStorage(name string, args *ServiceArgs, scaling Scaling, restricted bool) ([]PersistentStorage, field.ErrorList) {
	var errs field.ErrorList
	if len(args.PersistentStorage) > 0 && len(name) > maxStatefulName {
		errs = append(errs, field.TooLong(field.NewPath("name"), name, maxStatefulName))
	}
	seen := map[string]bool{}
	for i, s := range args.PersistentStorage {
		p := field.NewPath("persistentStorage").Index(i)
		if !path.IsAbs(s.Path) || path.Clean(s.Path) != s.Path || s.Path == "/" {
			errs = append(errs, field.Invalid(p.Child("path"), s.Path, "must be a clean absolute path below / such as `/data`"))
		}
		if seen[s.Path] {
			errs = append(errs, field.Duplicate(p.Child("path"), s.Path))
		}
		if restricted && s.Path == "/tmp" {
			errs = append(errs, field.Forbidden(p.Child("path"),
				"/tmp is the restricted profile's writable scratch directory; mount the volume elsewhere"))
		}
		seen[s.Path] = true
		if s.Size <= 0 {
			errs = append(errs, field.Invalid(p.Child("size"), s.Size, "must be more than 0 (GiB)"))
		}
	}
	if args.StorageClassName != nil {
		for _, msg := range validation.IsDNS1123Subdomain(*args.StorageClassName) {
			errs = append(errs, field.Invalid(field.NewPath("storageClassName"), *args.StorageClassName, msg))
		}
	}
	if len(args.PersistentStorage) > 0 && scaling.Max == 0 {
		errs = append(errs, field.Forbidden(field.NewPath("persistentStorage"),
			"a cron-only service (maxContainers: 0) has no replicas to attach volumes to"))
	}
	return args.PersistentStorage, errs
}

func volumeName(i int) string { return fmt.Sprintf("storage-%d", i) }

func storageMounts(storage []PersistentStorage) corev1.VolumeMountArray {
	var mounts corev1.VolumeMountArray
	for i, s := range storage {
		mounts = append(mounts, corev1.VolumeMountArgs{Name: pulumi.String(volumeName(i)), MountPath: pulumi.String(s.Path)})
	}
	return mounts
}

// claimTemplates gives every replica its own volume per storage entry. Claim templates
// are immutable; pulumi-kubernetes replaces the StatefulSet when they change.
func claimTemplates(storage []PersistentStorage, storageClass pulumi.StringInput) corev1.PersistentVolumeClaimTypeArray {
	var claims corev1.PersistentVolumeClaimTypeArray
	for i, s := range storage {
		claims = append(claims, corev1.PersistentVolumeClaimTypeArgs{
			Metadata: metav1.ObjectMetaArgs{Name: pulumi.String(volumeName(i))},
			Spec: corev1.PersistentVolumeClaimSpecArgs{
				AccessModes:      pulumi.StringArray{pulumi.String("ReadWriteOnce")},
				StorageClassName: storageClass,
				Resources: corev1.VolumeResourceRequirementsArgs{
					Requests: pulumi.StringMap{"storage": pulumi.String(fmt.Sprintf("%dGi", s.Size))},
				},
			},
		})
	}
	return claims
}

// StorageClass describes the class a cloud variant wants for its CSI disk driver; the
// core creates it (cluster-scoped, with a generated name) unless the user names one.
type StorageClass struct {
	Provisioner string
	Parameters  map[string]string
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
