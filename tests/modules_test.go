package tests

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cloudSDK matches the Pulumi cloud provider SDK modules, whose presence in a program's
// module graph makes the Go language host report (and `pulumi install` download) their
// plugins.
var cloudSDK = regexp.MustCompile(`^github\.com/pulumi/pulumi-(aws|gcp|azure|azure-native-sdk)(/|$)`)

func modules(t *testing.T, dir string) map[string]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "all")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m all in %s: %v", dir, err)
	}
	mods := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 {
			mods[fields[0]] = fields[1]
		} else if len(fields) == 1 {
			mods[fields[0]] = ""
		}
	}
	return mods
}

// A Go program using the SDK (the SDK module itself, each Go example) has the Pulumi SDK
// and this SDK in its module graph, and no cloud provider SDK.
func TestGoProgramsDependOnNoCloudSDK(t *testing.T) {
	dirs, _ := filepath.Glob("../examples/*/go.mod")
	dirs = append(dirs, "../sdk/go.mod")
	if len(dirs) < 4 {
		t.Fatalf("go.mod files: %v, want the SDK's and one per Go example", dirs)
	}
	for _, gomod := range dirs {
		mods := modules(t, filepath.Dir(gomod))
		for mod := range mods {
			if cloudSDK.MatchString(mod) {
				t.Errorf("%s: module graph holds %s", gomod, mod)
			}
		}
		if _, ok := mods["github.com/pulumi/pulumi/sdk/v3"]; !ok {
			t.Errorf("%s: no Pulumi SDK in the module graph", gomod)
		}
	}
}

// The provider's module graph holds one azure-native version, so users of the azure
// variant get one azure-native plugin.
func TestOneAzureNativeVersion(t *testing.T) {
	versions := map[string][]string{}
	for mod, version := range modules(t, "..") {
		if strings.HasPrefix(mod, "github.com/pulumi/pulumi-azure-native-sdk") {
			versions[version] = append(versions[version], mod)
		}
	}
	if len(versions) != 1 {
		t.Errorf("azure-native modules at several versions: %v", versions)
	}
}

// The plugin links no cloud SDK package of which it would use one resource type: each costs
// megabytes (a generated SDK registers all of its types at start-up), so those resources
// are registered by token, proven equal to the typed SDK's requests in the variants' own
// tests (provider/azure and provider/gcp, resources_test.go; docs/benchmarks.md).
func TestPluginLinksNoSingleResourceCloudPackage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "../provider/cmd/pulumi-resource-k8s-service").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	linked := map[string]bool{}
	for _, pkg := range strings.Fields(string(out)) {
		linked[pkg] = true
	}
	for _, pkg := range []string{
		"github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2",
		"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2",
		"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/storage",
		"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/secretmanager",
		"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/projects",
	} {
		if linked[pkg] {
			t.Errorf("the plugin links %s", pkg)
		}
	}
	if !linked["github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"] {
		t.Errorf("go list -deps found no pulumi-kubernetes package: the check reads the wrong list")
	}
}
