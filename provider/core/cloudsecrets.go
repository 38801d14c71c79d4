package core

import (
	"path"

	"github.com/pulumi/pulumi-go-provider/infer"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// SecretDelivery is where a secret from the cloud's store reaches the containers: an env
// var or a file. Each cloud variant's secret reference has the two fields (`env`, `path`,
// described by DescribeDelivery) and hands them over as one.
type SecretDelivery struct {
	Env, Path *string
}

// DescribeDelivery documents a secret reference's `env` and `path` fields.
func DescribeDelivery(a infer.Annotator, env, path **string) {
	a.Describe(env, "The env var that holds the secret's value in every container of the service (its cron jobs and "+
		"pre-deploy Job included). One of `env` or `path`.")
	a.Describe(path, "The absolute path of a read-only file that holds the secret's value. One of `env` or `path`.")
}

// Delivered is a variant's secret reference, which says where it is delivered.
type Delivered interface{ Delivery() SecretDelivery }

// ValidateSecretDeliveries checks that each reference names exactly one env var or file,
// and that none of them is an env var or file the service already sets. fldPath is the
// variant's list of secret references (each at fldPath[i]).
func ValidateSecretDeliveries[T Delivered](args *ServiceArgs, refs []T, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	envs, paths := map[string]bool{}, map[string]bool{}
	for i, ref := range refs {
		d := ref.Delivery()
		p := fldPath.Index(i)
		switch {
		case d.Env == nil && d.Path == nil:
			errs = append(errs, field.Required(p, "one of `env` (an env var) or `path` (a file) to deliver the secret to"))
		case d.Env != nil && d.Path != nil:
			errs = append(errs, field.Forbidden(p.Child("path"), "one of `env` or `path`, not both"))
		case d.Env != nil:
			env := *d.Env
			errs = append(errs, invalid(env, validation.IsEnvVarName(env), p.Child("env"))...)
			_, plain := args.EnvVars[env]
			_, secret := args.Secrets[env]
			_, from := args.EnvVarsFrom[env]
			if plain || secret || from || envs[env] {
				errs = append(errs, field.Duplicate(p.Child("env"), env+" (also set in envVars, secrets, envVarsFrom or another entry)"))
			}
			envs[env] = true
		default:
			file := *d.Path
			if !path.IsAbs(file) || path.Clean(file) != file || file == "/" {
				errs = append(errs, field.Invalid(p.Child("path"), file, "must be a clean absolute file path such as `/etc/app/token`"))
			}
			_, config := args.ConfigFiles[file]
			_, secret := args.SecretFiles[file]
			if config || secret || paths[file] {
				errs = append(errs, field.Duplicate(p.Child("path"), file+" (also set in configFiles, secretFiles or another entry)"))
			}
			paths[file] = true
		}
	}
	return errs
}

// Target returns the env var and the path of a delivery ("" for the one not set).
func (d SecretDelivery) Target() (env, path string) {
	return deref(d.Env, ""), deref(d.Path, "")
}
