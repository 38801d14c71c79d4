package core

import (
	"fmt"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	externalSecretsAPIVersion = "external-secrets.io/v1"
	// cloudSecretFilesVolume holds the files of the secrets from the cloud's store.
	cloudSecretFilesVolume = "cloud-secret-files"
	// externalSecretTimeoutSeconds bounds the wait for the operator's first sync.
	externalSecretTimeoutSeconds = 300
	// externalSecretRefresh is how often the operator reads an unpinned version again.
	externalSecretRefresh = "1h"
)

// cloudSecretsSynced is what `up` waits for on the ExternalSecret: the operator has read
// every reference and written the Secret, so that no pod starts without it and a denied
// read fails `up` with the operator's message.
const cloudSecretsSynced = "condition=Ready"

// cloudSecretInputs are the env entries, volume and mounts that read the Secret the
// External Secrets Operator syncs.
type cloudSecretInputs struct {
	env     corev1.EnvVarArray
	volumes corev1.VolumeArray
	mounts  corev1.VolumeMountArray
}

// registerCloudSecrets registers the variant's SecretStores and one ExternalSecret for
// all its references. The ExternalSecret is versioned as the Secret of `secrets` is
// (versionedMeta): a changed reference (a new pinned version, say) replaces it under a new
// name, so the pod templates change and the pods roll, and the old one is kept for the
// ReplicaSets that still read it. Its Secret takes its name (the operator's default).
func (b *builder) registerCloudSecrets(ctx *pulumi.Context, opts []pulumi.ResourceOption) (cloudSecretInputs, error) {
	secrets := b.ext.CloudSecrets
	if len(secrets.Refs) == 0 {
		return cloudSecretInputs{}, nil
	}
	var stores []pulumi.Resource
	for _, s := range secrets.Stores {
		name := b.cfg.Name + s.Suffix
		store, err := apiextensions.NewCustomResource(ctx, name, &apiextensions.CustomResourceArgs{
			ApiVersion:  pulumi.String(externalSecretsAPIVersion),
			Kind:        pulumi.String("SecretStore"),
			Metadata:    b.meta(name, nil),
			OtherFields: kubernetes.UntypedArgs{"spec": pulumi.Map{"provider": s.Provider}},
		}, opts...)
		if err != nil {
			return cloudSecretInputs{}, err
		}
		stores = append(stores, store)
	}
	keys := cloudSecretKeys(secrets.Refs)
	var data pulumi.Array
	for i, ref := range secrets.Refs {
		remote := pulumi.Map{"key": ref.Key}
		if ref.Property != "" {
			remote["property"] = pulumi.String(ref.Property)
		}
		if ref.Version != "" {
			remote["version"] = pulumi.String(ref.Version)
		}
		data = append(data, pulumi.Map{
			"secretKey": pulumi.String(keys[i]),
			"remoteRef": remote,
			"sourceRef": pulumi.Map{"storeRef": pulumi.Map{
				"name": pulumi.String(b.cfg.Name + ref.Store), "kind": pulumi.String("SecretStore")}},
		})
	}
	meta := b.versionedMeta()
	meta.Annotations = pulumi.ToStringMap(merge(map[string]string{
		WaitForAnnotation: cloudSecretsSynced, TimeoutAnnotation: fmt.Sprint(externalSecretTimeoutSeconds), PatchForce: "true"}))
	external, err := apiextensions.NewCustomResource(ctx, b.cfg.Name+"-cloud-secrets", &apiextensions.CustomResourceArgs{
		ApiVersion: pulumi.String(externalSecretsAPIVersion),
		Kind:       pulumi.String("ExternalSecret"),
		Metadata:   meta,
		OtherFields: kubernetes.UntypedArgs{"spec": pulumi.Map{
			"refreshInterval": pulumi.String(externalSecretRefresh),
			"target":          pulumi.Map{"creationPolicy": pulumi.String("Owner")},
			"data":            data,
		}},
	}, append(opts, pulumi.DependsOn(stores), pulumi.ReplaceOnChanges([]string{"spec"}), pulumi.RetainOnDelete(true))...)
	if err != nil {
		return cloudSecretInputs{}, err
	}
	return cloudSecretDelivery(secrets.Refs, keys, external.Metadata.Name().Elem()), nil
}

// cloudSecretKeys are the Secret's keys: an env delivery's name, a file's path made a key
// (with a hash when two would collide).
func cloudSecretKeys(refs []CloudSecretRef) []string {
	keys := make([]string, len(refs))
	used := map[string]bool{}
	for i, ref := range refs {
		if ref.Env != "" {
			keys[i] = ref.Env
			used[ref.Env] = true
		}
	}
	for i, ref := range refs {
		if ref.Env == "" {
			key := pathKey(ref.Path)
			if key == "" || used[key] {
				key += "-" + ShortHash(ref.Path)
			}
			keys[i], used[key] = key, true
		}
	}
	return keys
}

func cloudSecretDelivery(refs []CloudSecretRef, keys []string, secretName pulumi.StringInput) cloudSecretInputs {
	var in cloudSecretInputs
	for i, ref := range refs {
		if ref.Env != "" {
			in.env = append(in.env, corev1.EnvVarArgs{
				Name: pulumi.String(ref.Env),
				ValueFrom: corev1.EnvVarSourceArgs{SecretKeyRef: corev1.SecretKeySelectorArgs{
					Name: secretName, Key: pulumi.String(keys[i]),
				}},
			})
			continue
		}
		in.mounts = append(in.mounts, corev1.VolumeMountArgs{
			Name: pulumi.String(cloudSecretFilesVolume), MountPath: pulumi.String(ref.Path), SubPath: pulumi.String(keys[i]), ReadOnly: pulumi.Bool(true),
		})
	}
	if len(in.mounts) > 0 {
		in.volumes = corev1.VolumeArray{corev1.VolumeArgs{Name: pulumi.String(cloudSecretFilesVolume), Secret: corev1.SecretVolumeSourceArgs{
			SecretName: secretName, DefaultMode: pulumi.Int(filesMode),
		}}}
	}
	return in
}
