package tests

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const linkPassword = "l1nk-p4ss"

// withLinks is in with links, each link's password marked secret as an output of a
// database resource (or fn::secret) arrives.
func withLinks(in map[string]any, links ...map[string]any) property.Map {
	var list []property.Value
	for _, l := range links {
		link := harness.Props(l)
		if password, ok := l["password"].(string); ok {
			link = link.Set("password", property.New(password).WithSecret(true))
		}
		list = append(list, property.New(link))
	}
	return harness.Props(in).Set("links", property.New(property.NewArray(list)))
}

// linkInputs is a plain service with an env var and a cron job, and links.
func linkInputs(links ...map[string]any) property.Map {
	return withLinks(base(map[string]any{"envVars": map[string]any{"MODE": "web"},
		"cronJobs": []any{map[string]any{"commands": []any{"env"}, "schedule": "@hourly"}}}), links...)
}

// env is a container's env as name → value, or → "secret:<key>" for a secretKeyRef.
func env(o harness.Object, prefix string) map[string]string {
	out := map[string]string{}
	list, _ := o.Get(prefix + "env").([]any)
	for _, e := range list {
		e := e.(map[string]any)
		if v, ok := e["value"].(string); ok {
			out[e["name"].(string)] = v
		} else {
			ref := e["valueFrom"].(map[string]any)["secretKeyRef"].(map[string]any)
			out[e["name"].(string)] = "secret:" + ref["key"].(string)
		}
	}
	return out
}

// A database link hands the pods (and the cron jobs) its host, port, name and user as env
// vars named after it, and its password through the service's Secret only; a redis link
// its host, port and auth token; envNames renames; a port defaults to the type's own.
func TestLinksHandOverTheConnection(t *testing.T) {
	c := harness.Construct(t, "k8s-service:index:Service", "app", linkInputs(
		map[string]any{"name": "db", "type": "postgres", "host": "db.internal", "database": "shop", "user": "api", "password": linkPassword},
		map[string]any{"name": "cache", "type": "redis", "host": "cache.internal", "port": "6380", "password": linkPassword + "-redis",
			"envNames": map[string]any{"cache_host": "REDIS_HOST"}},
	), false)
	if c.Err != nil {
		t.Fatal(c.Err)
	}
	want := map[string]string{
		"MODE":       "web",
		"db_db_host": "db.internal", "db_db_port": "5432", "db_db_name": "shop", "db_db_user": "api",
		"db_db_password": "secret:db_db_password",
		"REDIS_HOST":     "cache.internal", "cache_cache_port": "6380", "cache_cache_auth_token": "secret:cache_cache_auth_token",
	}
	for typ, prefix := range map[string]string{"kubernetes:apps/v1:Deployment": container, "kubernetes:batch/v1:CronJob": "spec.jobTemplate.spec.template.spec.containers[0]."} {
		obj := c.Only(t, typ)
		got := env(obj, prefix)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s env %s = %q, want %q (all: %v)", typ, k, got[k], v, got)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s env %v, want exactly %v", typ, got, want)
		}
		if strings.Contains(obj.JSON(), linkPassword) {
			t.Errorf("%s carries a link's password", typ)
		}
	}
	secret := c.Only(t, "kubernetes:core/v1:Secret")
	data := secret.Raw.Get("stringData")
	for key, value := range map[string]string{"db_db_password": linkPassword, "cache_cache_auth_token": linkPassword + "-redis"} {
		v, ok := data.AsMap().GetOk(key)
		if !ok || !(data.Secret() || v.Secret()) || v.AsString() != value {
			t.Errorf("the Secret's %s must hold the password, marked secret; got %v", key, data)
		}
	}
	assertNoPlainSecret(t, c, linkPassword)
}
