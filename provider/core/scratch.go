package core

import (
	"fmt"
	"path"
	"strings"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// scratchPrefix starts the scratch volumes' names, which persistentStorage may not use.
const scratchPrefix = "scratch-"

func resolveScratch(volumes []ScratchVolume, fldPath *field.Path) ([]Scratch, field.ErrorList) {
	var out []Scratch
	var errs field.ErrorList
	for i, s := range volumes {
		p := fldPath.Index(i)
		if !path.IsAbs(s.Path) || path.Clean(s.Path) != s.Path || s.Path == "/" {
			errs = append(errs, field.Invalid(p.Child("path"), s.Path, "must be a clean absolute path below / such as `/cache`"))
		}
		if s.SizeLimit <= 0 {
			errs = append(errs, field.Invalid(p.Child("sizeLimit"), s.SizeLimit, "must be more than 0 (MiB)"))
		}
		// Named after the path's hash: the name stays valid for any path and stable
		// when other entries come and go.
		out = append(out, Scratch{Name: scratchPrefix + ShortHash(s.Path), Path: s.Path, SizeLimitMiB: s.SizeLimit, Memory: deref(s.Memory, false)})
	}
	return out, errs
}

// validateMountPaths refuses two mounts at one path, which Kubernetes rejects at apply
// time: persistent volumes, scratch volumes, files and the restricted profile's /tmp.
func validateMountPaths(in FileArgs, storage []PersistentStorage, cfg *Config, fldPath *field.Path) field.ErrorList {
	owner := map[string]string{}
	if cfg.Restricted {
		owner["/tmp"] = "the restricted profile's writable /tmp"
	}
	var errs field.ErrorList
	claim := func(p *field.Path, mount string) {
		if first, taken := owner[mount]; taken {
			errs = append(errs, field.Duplicate(p, fmt.Sprintf("%s is already mounted by %s", mount, first)))
			return
		}
		owner[mount] = p.String()
	}
	stored := map[string]bool{}
	for i, s := range storage {
		if !stored[s.Path] && !(cfg.Restricted && s.Path == "/tmp") { // those resolveStorage reports
			claim(fldPath.Child("persistentStorage").Index(i).Child("path"), s.Path)
		}
		stored[s.Path] = true
	}
	for i, s := range in.ScratchVolumes {
		claim(fldPath.Child("scratchVolumes").Index(i).Child("path"), s.Path)
	}
	for _, f := range cfg.Files.Config {
		claim(fldPath.Child("configFiles").Key(f.Path), f.Path)
	}
	for _, f := range cfg.Files.Secret {
		if _, both := in.ConfigFiles[f.Path]; !both { // reported by resolveFiles
			claim(fldPath.Child("secretFiles").Key(f.Path), f.Path)
		}
	}
	return errs
}

func scratchVolumes(scratch []Scratch) corev1.VolumeArray {
	var volumes corev1.VolumeArray
	for _, s := range scratch {
		dir := corev1.EmptyDirVolumeSourceArgs{SizeLimit: pulumi.String(fmt.Sprintf("%dMi", s.SizeLimitMiB))}
		if s.Memory {
			dir.Medium = pulumi.String("Memory")
		}
		volumes = append(volumes, corev1.VolumeArgs{Name: pulumi.String(s.Name), EmptyDir: dir})
	}
	return volumes
}

func scratchMounts(scratch []Scratch) corev1.VolumeMountArray {
	var mounts corev1.VolumeMountArray
	for _, s := range scratch {
		mounts = append(mounts, corev1.VolumeMountArgs{Name: pulumi.String(s.Name), MountPath: pulumi.String(s.Path)})
	}
	return mounts
}

// reservedVolumeName says why a persistentStorage name cannot be used, or "".
func reservedVolumeName(name string) string {
	switch {
	case name == tmpVolume:
		return "`tmp` is the restricted profile's scratch volume"
	case name == configFilesVolume || name == secretFilesVolume || name == cloudSecretFilesVolume:
		return "`" + name + "` holds the service's files"
	case strings.HasPrefix(name, scratchPrefix):
		return "names starting with `scratch-` are the scratch volumes'"
	}
	return ""
}
