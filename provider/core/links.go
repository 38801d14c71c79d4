package core

import (
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// linkDefaultPorts are each type's own port.
var linkDefaultPorts = map[LinkType]int{LinkPostgres: 5432, LinkMySQL: 3306, LinkMongoDB: 27017, LinkRedis: 6379}

// linkValue is one value a link hands over: its key (the env var's suffix, and the key
// envNames renames), the value, and whether it is a credential.
type linkValue struct {
	key    string
	value  pulumi.StringInput
	secret bool
}

// values are what the link hands over, by its type.
func (l Link) values() []linkValue {
	port := l.Port
	if port == nil {
		port = pulumi.String(strconv.Itoa(linkDefaultPorts[l.Type]))
	}
	if l.Type == LinkRedis {
		return []linkValue{{"cache_host", l.Host, false}, {"cache_port", port, false}, {"cache_auth_token", l.Password, true}}
	}
	return []linkValue{{"db_host", l.Host, false}, {"db_port", port, false}, {"db_name", l.Database, false},
		{"db_user", l.User, false}, {"db_password", l.Password, true}}
}

// envName is the env var of one of the link's values.
func (l Link) envName(key string) string {
	if name, ok := l.EnvNames[key]; ok {
		return name
	}
	return l.Name + "_" + key
}

// ResolveLinks checks links and adds what they hand over to the pods' env: the plain
// values to cfg.Inputs.EnvVars, the credentials to cfg.Inputs.Secrets (the service's
// Secret). No env var may be set twice, by two links or by a link and envVars, secrets or
// envVarsFrom.
func ResolveLinks(links []Link, cfg *Config, fldPath *field.Path) field.ErrorList {
	if len(links) == 0 {
		return nil
	}
	var errs field.ErrorList
	envVars, secrets := cloneMap(cfg.Inputs.EnvVars), cloneMap(cfg.Inputs.Secrets)
	setBy := map[string]string{} // env var → what sets it
	for k := range cfg.Inputs.EnvVars {
		setBy[k] = "envVars"
	}
	for k := range cfg.Inputs.Secrets {
		setBy[k] = "secrets"
	}
	for k := range cfg.Inputs.EnvVarsFrom {
		setBy[k] = "envVarsFrom"
	}
	names := map[string]bool{}
	for i, l := range links {
		p := fldPath.Index(i)
		linkErrs := validateLink(l, p)
		if names[l.Name] {
			linkErrs = append(linkErrs, field.Duplicate(p.Child("name"), l.Name))
		}
		names[l.Name] = true
		errs = append(errs, linkErrs...)
		if len(linkErrs) > 0 {
			continue
		}
		for _, v := range l.values() {
			if v.value == nil {
				continue
			}
			env := l.envName(v.key)
			if by, ok := setBy[env]; ok {
				errs = append(errs, field.Duplicate(p, env+": also set by "+by))
				continue
			}
			setBy[env] = p.String()
			if v.secret {
				secrets[env] = v.value
			} else {
				envVars[env] = v.value
			}
		}
	}
	cfg.Inputs.EnvVars, cfg.Inputs.Secrets = envVars, secrets
	return errs
}

// validateLink checks one link: its name makes env var names, its type is known, it says
// where the server is, and a credential is never a plain string.
func validateLink(l Link, fldPath *field.Path) field.ErrorList {
	errs := invalid(l.Name, validation.IsCIdentifier(l.Name), fldPath.Child("name"))
	errs = append(errs, CheckEnum(l.Type, fldPath.Child("type"))...)
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
	if _, plain := KnownString(l.Password); plain {
		errs = append(errs, field.Forbidden(fldPath.Child("password"),
			"a credential must be a secret (an output the provider marks secret, a secret config value, pulumi.secret() or fn::secret), not a plain string in the program"))
	}
	keys := map[string]bool{}
	for _, v := range l.values() {
		keys[v.key] = true
	}
	for _, key := range sortedKeys(l.EnvNames) {
		p := fldPath.Child("envNames").Key(key)
		if !keys[key] {
			errs = append(errs, field.NotSupported(p, key, sortedKeys(keys)))
			continue
		}
		errs = append(errs, invalid(l.EnvNames[key], validation.IsEnvVarName(l.EnvNames[key]), p)...)
	}
	return errs
}
