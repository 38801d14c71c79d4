package core

import (
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	networkingv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/networking/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

const tmpVolume = "tmp"

// restrictedID is the user, group and fsGroup of restricted pods: above 10000, so that
// it matches no user of the node or of common base images.
const restrictedID = 10001

func resolveSecurityProfile(in *SecurityProfile, fldPath *field.Path) (bool, field.ErrorList) {
	profile := deref(in, DefaultSecurityProfile)
	return profile == ProfileRestricted, CheckEnum(profile, fldPath)
}

func podSecurityContext(cfg *Config) corev1.PodSecurityContextArgs {
	ctx := corev1.PodSecurityContextArgs{
		SeccompProfile: corev1.SeccompProfileArgs{Type: pulumi.String("RuntimeDefault")},
	}
	if cfg.Restricted {
		ctx.RunAsNonRoot = pulumi.Bool(true)
		ctx.RunAsUser = pulumi.Int(restrictedID)
		ctx.RunAsGroup = pulumi.Int(restrictedID)
		ctx.FsGroup = pulumi.Int(restrictedID) // volumes writable by that group
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

// imagePullPolicy is the user's, else Always under the restricted profile, so that every
// pod start re-checks the registry's authorization and a moved tag is never served stale,
// else Kubernetes' default (unset).
func imagePullPolicy(cfg *Config) pulumi.StringPtrInput {
	switch {
	case cfg.ImagePullPolicy != "":
		return pulumi.String(string(cfg.ImagePullPolicy))
	case cfg.Restricted:
		return pulumi.String(string(PullAlways))
	}
	return nil
}

// cronNetworkPolicyArgs (restricted profile) admits no traffic to the cron jobs' pods,
// which serve nothing, and leaves egress open.
func (b *builder) cronNetworkPolicyArgs(name string) *networkingv1.NetworkPolicyArgs {
	return &networkingv1.NetworkPolicyArgs{
		Metadata: b.meta(name, nil),
		Spec: networkingv1.NetworkPolicySpecArgs{
			PodSelector: metav1.LabelSelectorArgs{
				MatchLabels: pulumi.StringMap{CronServiceLabel: pulumi.String(b.cfg.Name)},
				MatchExpressions: metav1.LabelSelectorRequirementArray{metav1.LabelSelectorRequirementArgs{
					Key: pulumi.String(CronJobLabel), Operator: pulumi.String("Exists"),
				}},
			},
			PolicyTypes: pulumi.StringArray{pulumi.String("Ingress"), pulumi.String("Egress")},
			Egress:      networkingv1.NetworkPolicyEgressRuleArray{networkingv1.NetworkPolicyEgressRuleArgs{}},
		},
	}
}
