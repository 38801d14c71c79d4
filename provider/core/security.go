package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Security profiles, named after the Pod Security Standards they meet.
const (
	ProfileBaseline   = "baseline"
	ProfileRestricted = "restricted"
)

const tmpVolume = "tmp"

func resolveSecurityProfile(args *ServiceArgs) (bool, field.ErrorList) {
	profile := deref(args.SecurityProfile, ProfileBaseline)
	if profile != ProfileBaseline && profile != ProfileRestricted {
		return false, field.ErrorList{field.NotSupported(field.NewPath("securityProfile"), profile,
			[]string{ProfileBaseline, ProfileRestricted})}
	}
	return profile == ProfileRestricted, nil
}

func podSecurityContext(cfg *Config) corev1.PodSecurityContextArgs {
	ctx := corev1.PodSecurityContextArgs{
		SeccompProfile: corev1.SeccompProfileArgs{Type: pulumi.String("RuntimeDefault")},
	}
	if cfg.Restricted {
		ctx.RunAsNonRoot = pulumi.Bool(true)
	}
	return ctx
}

func containerSecurityContext(cfg *Config) corev1.SecurityContextArgs {
	ctx := corev1.SecurityContextArgs{AllowPrivilegeEscalation: pulumi.Bool(false)}
	if cfg.Restricted {
		ctx.RunAsNonRoot = pulumi.Bool(true)
		ctx.ReadOnlyRootFilesystem = pulumi.Bool(true)
		ctx.Capabilities = corev1.CapabilitiesArgs{Drop: pulumi.StringArray{pulumi.String("ALL")}}
	}
	return ctx
}

// restrictedVolumes gives a read-only root filesystem a writable /tmp.
func restrictedVolumes(cfg *Config) (corev1.VolumeArray, corev1.VolumeMountArray) {
	if !cfg.Restricted {
		return nil, nil
	}
	return corev1.VolumeArray{corev1.VolumeArgs{Name: pulumi.String(tmpVolume), EmptyDir: corev1.EmptyDirVolumeSourceArgs{}}},
		corev1.VolumeMountArray{corev1.VolumeMountArgs{Name: pulumi.String(tmpVolume), MountPath: pulumi.String("/tmp")}}
}
