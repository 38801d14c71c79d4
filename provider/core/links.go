package core

import (
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// linkDefaultPorts are each type's own port.
var linkDefaultPorts = map[LinkType]int{LinkPostgres: 5432, LinkMySQL: 3306, LinkMongoDB: 27017, LinkRedis: 6379}

// LinkValue is one value a link hands the pods: its key (the env var's suffix, and the key
// envNames renames), the value, and whether it is a credential (then it goes through the
// service's Secret).
type LinkValue struct {
	Key    string
	Value  pulumi.StringInput
	Secret bool
}

// Handover is what one link of any variant hands the pods: its values, each as the env var
// `<Name>_<key>` unless EnvNames renames it. Path is where the link sits, for errors.
type Handover struct {
	Name     string
	Values   []LinkValue
	EnvNames map[string]string
	Path     *field.Path
}

// Handover is what a database or cache link hands over, by its type.
func (l Link) Handover(fldPath *field.Path) Handover {
	port := l.Port
	if port == nil {
		port = pulumi.String(strconv.Itoa(linkDefaultPorts[l.Type]))
	}
	values := []LinkValue{{"db_host", l.Host, false}, {"db_port", port, false}, {"db_name", l.Database, false},
		{"db_user", l.User, false}, {"db_password", l.Password, true}}
	if l.Type == LinkRedis {
		values = []LinkValue{{"cache_host", l.Host, false}, {"cache_port", port, false}, {"cache_auth_token", l.Password, true}}
	}
	return Handover{Name: l.Name, Values: values, EnvNames: l.EnvNames, Path: fldPath}
}

// envName is the env var of one of the values.
func (h Handover) envName(key string) string {
	if name, ok := h.EnvNames[key]; ok {
		return name
	}
	return h.Name + "_" + key
}

// ResolveLinks checks the core links and hands over what they connect to (HandOver).
func ResolveLinks(links []Link, cfg *Config, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	var handovers []Handover
	for i, l := range links {
		p := fldPath.Index(i)
		if linkErrs := ValidateLink(l, p); len(linkErrs) > 0 {
			errs = append(errs, linkErrs...)
			continue
		}
		handovers = append(handovers, l.Handover(p))
	}
	return append(errs, HandOver(handovers, cfg)...)
}

// HandOver adds what links hand over to the pods' env: the plain values to
// cfg.Inputs.EnvVars, the credentials to cfg.Inputs.Secrets (the service's Secret). Each
// link's name must make env var names and be its own; no env var may be set twice, by two
// links or by a link and envVars, secrets or envVarsFrom.
func HandOver(handovers []Handover, cfg *Config) field.ErrorList {
	if len(handovers) == 0 {
		return nil
	}
	var errs field.ErrorList
	envVars, secrets := cloneMap(cfg.Inputs.EnvVars), cloneMap(cfg.Inputs.Secrets)
	setBy := map[string]string{} // env var → what sets it
	for by, keys := range map[string][]string{"envVars": sortedKeys(cfg.Inputs.EnvVars),
		"secrets": sortedKeys(cfg.Inputs.Secrets), "envVarsFrom": sortedKeys(cfg.Inputs.EnvVarsFrom)} {
		for _, k := range keys {
			setBy[k] = by
		}
	}
	names := map[string]bool{}
	for _, h := range handovers {
		handoverErrs := validateHandover(h)
		if names[h.Name] {
			handoverErrs = append(handoverErrs, field.Duplicate(h.Path.Child("name"), h.Name))
		}
		names[h.Name] = true
		errs = append(errs, handoverErrs...)
		if len(handoverErrs) > 0 {
			continue
		}
		for _, v := range h.Values {
			if v.Value == nil {
				continue
			}
			env := h.envName(v.Key)
			if by, ok := setBy[env]; ok {
				errs = append(errs, field.Duplicate(h.Path, env+": also set by "+by))
				continue
			}
			setBy[env] = h.Path.String()
			if v.Secret {
				secrets[env] = v.Value
			} else {
				envVars[env] = v.Value
			}
		}
	}
	cfg.Inputs.EnvVars, cfg.Inputs.Secrets = envVars, secrets
	return errs
}

// validateHandover: the name makes env var names, and envNames renames values the link
// has to valid env var names.
func validateHandover(h Handover) field.ErrorList {
	errs := invalid(h.Name, validation.IsCIdentifier(h.Name), h.Path.Child("name"))
	keys := map[string]bool{}
	for _, v := range h.Values {
		keys[v.Key] = true
	}
	for _, key := range sortedKeys(h.EnvNames) {
		p := h.Path.Child("envNames").Key(key)
		if !keys[key] {
			errs = append(errs, field.NotSupported(p, key, sortedKeys(keys)))
			continue
		}
		errs = append(errs, invalid(h.EnvNames[key], validation.IsEnvVarName(h.EnvNames[key]), p)...)
	}
	return errs
}

// ValidateLink checks what a database or cache link says: its type is known, it says where
// the server is, and a credential is never a plain string.
func ValidateLink(l Link, fldPath *field.Path) field.ErrorList {
	errs := CheckEnum(l.Type, fldPath.Child("type"))
	if l.Host == nil {
		errs = append(errs, field.Required(fldPath.Child("host"), "the server's host name or address"))
	}
	if l.Type == LinkRedis {
		for _, child := range []struct {
			name string
			in   pulumi.StringInput
		}{{"database", l.Database}, {"user", l.User}} {
			if child.in != nil {
				errs = append(errs, field.Forbidden(fldPath.Child(child.name), "a redis link has host, port and password (its auth token)"))
			}
		}
	}
	return append(errs, CheckCredential(l.Password, fldPath.Child("password"))...)
}

// CheckCredential refuses a credential given as a plain string: it would sit in the
// program's source and in plain text in the state.
func CheckCredential(in pulumi.StringInput, fldPath *field.Path) field.ErrorList {
	if _, plain := KnownString(in); plain {
		return field.ErrorList{field.Forbidden(fldPath,
			"a credential must be a secret (an output the provider marks secret, a secret config value, pulumi.secret() or fn::secret), not a plain string in the program")}
	}
	return nil
}
