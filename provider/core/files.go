package core

import (
	"path"
	"regexp"
	"strings"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Volumes of the pod that hold the files; persistentStorage may not use these names.
const (
	configFilesVolume = "config-files"
	secretFilesVolume = "secret-files"
)

// filesMode makes the files readable by any user, the restricted profile's included,
// and writable by none.
const filesMode = 0o444

// maxObjectBytes is the most a ConfigMap or Secret may hold.
const maxObjectBytes = 1 << 20

var nonKeyRun = regexp.MustCompile(`[^-._a-zA-Z0-9]+`)

func resolveFiles(in FileArgs, fldPath *field.Path) (Files, field.ErrorList) {
	var files Files
	var errs field.ErrorList
	for _, set := range []struct {
		name    string
		content map[string]pulumi.StringInput
		out     *[]File
	}{{"configFiles", in.ConfigFiles, &files.Config}, {"secretFiles", in.SecretFiles, &files.Secret}} {
		keys := map[string]bool{}
		size := 0
		for _, p := range sortedKeys(set.content) {
			fp := fldPath.Child(set.name).Key(p)
			if !path.IsAbs(p) || path.Clean(p) != p || p == "/" {
				errs = append(errs, field.Invalid(fp, p, "must be a clean absolute file path such as `/etc/app/config.yaml`"))
			}
			if _, ok := in.ConfigFiles[p]; ok && set.name == "secretFiles" {
				errs = append(errs, field.Duplicate(fp, "also set in configFiles"))
			}
			if s, ok := KnownString(set.content[p]); ok {
				size += len(s)
			}
			key := pathKey(p)
			if key == "" || keys[key] {
				key += "-" + ShortHash(p)
			}
			keys[key] = true
			*set.out = append(*set.out, File{Path: p, Key: key})
		}
		if size > maxObjectBytes {
			errs = append(errs, field.TooLong(fldPath.Child(set.name), "<content>", maxObjectBytes))
		}
	}
	return files, errs
}

// registerFiles stores the files in an immutable ConfigMap and an immutable Secret, as
// registerSecret does for env secrets: a change of content replaces the object under a
// new name, so the pod templates change and the pods roll; the old object is kept
// (versionedMeta). It returns the volumes that hold them.
func (b *builder) registerFiles(ctx *pulumi.Context, opts []pulumi.ResourceOption) (corev1.VolumeArray, error) {
	var volumes corev1.VolumeArray
	meta := b.versionedMeta()
	opts = append(opts, pulumi.RetainOnDelete(true))
	if len(b.cfg.Files.Config) > 0 {
		data := pulumi.StringMap{}
		for _, f := range b.cfg.Files.Config {
			data[f.Key] = b.cfg.Inputs.ConfigFiles[f.Path]
		}
		cm, err := corev1.NewConfigMap(ctx, b.cfg.Name+"-files", &corev1.ConfigMapArgs{
			Metadata: meta, Immutable: pulumi.Bool(true), Data: data,
		}, append(opts, pulumi.ReplaceOnChanges([]string{"data"}))...)
		if err != nil {
			return nil, err
		}
		volumes = append(volumes, corev1.VolumeArgs{Name: pulumi.String(configFilesVolume), ConfigMap: corev1.ConfigMapVolumeSourceArgs{
			Name: cm.Metadata.Name().Elem(), DefaultMode: pulumi.Int(filesMode),
		}})
	}
	if len(b.cfg.Files.Secret) > 0 {
		data := pulumi.StringMap{}
		for _, f := range b.cfg.Files.Secret {
			data[f.Key] = b.cfg.Inputs.SecretFiles[f.Path]
		}
		secret, err := corev1.NewSecret(ctx, b.cfg.Name+"-secret-files", &corev1.SecretArgs{
			Metadata: meta, Type: pulumi.String("Opaque"), Immutable: pulumi.Bool(true), StringData: data,
		}, append(opts, pulumi.ReplaceOnChanges([]string{"stringData"}))...)
		if err != nil {
			return nil, err
		}
		volumes = append(volumes, corev1.VolumeArgs{Name: pulumi.String(secretFilesVolume), Secret: corev1.SecretVolumeSourceArgs{
			SecretName: secret.Metadata.Name().Elem(), DefaultMode: pulumi.Int(filesMode),
		}})
	}
	return volumes, nil
}

// pathKey is a file's path made a valid Secret or ConfigMap key, e.g. etc_app_config.yaml.
func pathKey(file string) string {
	return strings.Trim(nonKeyRun.ReplaceAllString(file, "_"), "_.")
}

// fileMounts mounts each file on its own (subPath), so that the rest of its directory
// in the image stays visible.
func fileMounts(files Files) corev1.VolumeMountArray {
	var mounts corev1.VolumeMountArray
	for _, set := range []struct {
		volume string
		files  []File
	}{{configFilesVolume, files.Config}, {secretFilesVolume, files.Secret}} {
		for _, f := range set.files {
			mounts = append(mounts, corev1.VolumeMountArgs{
				Name: pulumi.String(set.volume), MountPath: pulumi.String(f.Path), SubPath: pulumi.String(f.Key), ReadOnly: pulumi.Bool(true),
			})
		}
	}
	return mounts
}
