package tests

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// Every invalid input fails Construct (so `pulumi preview`) with a message naming the
// field and what is allowed, before any resource, the component included, is registered.
func TestBadInputIsRejectedBeforeAnythingIsRegistered(t *testing.T) {
	for _, tc := range catalogue.All() {
		t.Run(tc.Token+"/"+tc.Name, func(t *testing.T) {
			assertRejected(t, harness.Construct(t, tc.Token, "app", harness.Props(tc.In), false), tc.Field, tc.Allowed)
		})
	}
}

func TestInvalidResourceNameIsRejected(t *testing.T) {
	c := harness.Construct(t, "k8s-service:index:Service", "My_App", harness.Props(base(nil)), false)
	assertRejected(t, c, "name", "DNS-1035 label")
}

// A StatefulSet's name must leave room for its revision-hash label and headless Service.
func TestLongNameWithStorageIsRejected(t *testing.T) {
	name := "a" + strings.Repeat("b", 52) // 53 characters: a valid Service name, too long for a StatefulSet
	storage := base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/data", "size": 1}}})
	assertRejected(t, harness.Construct(t, "k8s-service:index:Service", name, harness.Props(storage), false), "name", "may not be more than 52")
	if c := harness.Construct(t, "k8s-service:index:Service", name, harness.Props(base(nil)), false); c.Err != nil {
		t.Errorf("without storage the name is fine: %v", c.Err)
	}
}

func assertRejected(t *testing.T, c harness.Construction, field, allowed string) {
	t.Helper()
	if c.Err == nil {
		t.Fatalf("want an error naming %s, got success", field)
	}
	msg := c.Err.Error()
	if !strings.Contains(msg, field+":") {
		t.Errorf("error does not name the field %q: %s", field, msg)
	}
	if !strings.Contains(msg, allowed) {
		t.Errorf("error does not say %q: %s", allowed, msg)
	}
	if strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine") {
		t.Errorf("error looks like a crash: %s", msg)
	}
	if len(c.Children) != 0 {
		t.Errorf("registered %v before rejecting the input", c.Types())
	}
}

func TestUnknownStructuralInputNamesTheField(t *testing.T) {
	in := harness.Props(map[string]any{"image": "nginx"}).Set("ports", harness.UnknownValue())
	c := harness.Construct(t, "k8s-service:index:Service", "app", in, true)
	if c.Err == nil || !strings.Contains(c.Err.Error(), "ports:") || !strings.Contains(c.Err.Error(), "known at preview") {
		t.Fatalf("want an error naming ports and saying it must be known at preview, got %v", c.Err)
	}
	if len(c.Children) != 0 {
		t.Errorf("registered %v", c.Types())
	}
}

// docs/validation.md's table of bad inputs is the catalogue, case for case and in order,
// with its counts: `go test ./tests -run TestCatalogueIsDocumented -update` writes it.
func TestCatalogueIsDocumented(t *testing.T) {
	const path, begin, end = "../docs/validation.md", "<!-- catalogue: begin -->\n", "<!-- catalogue: end -->\n"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(doc), begin)
	_, after, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("%s has no %q ... %q section", path, begin, end)
	}
	want := catalogueTable(catalogue.All())
	if *update {
		if err := os.WriteFile(path, []byte(before+begin+want+end+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := rest[:len(rest)-len(after)-len(end)]; got != want {
		t.Errorf("%s's catalogue table differs from tests/catalogue (run this test with -update):\n%s", path, lineDiff(got, want))
	}
}

var update = flag.Bool("update", false, "rewrite the generated parts of the docs")

// catalogueTable is the count of the cases and one row per case.
func catalogueTable(cases []catalogue.Case) string {
	var rows strings.Builder
	core := 0
	for i, tc := range cases {
		variant := strings.TrimSuffix(strings.TrimPrefix(tc.Token, "k8s-service:"), ":Service")
		if variant == "index" {
			variant = "plain"
			core++
		}
		cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
		fmt.Fprintf(&rows, "| %d | %s | %s | `%s` | %s |\n", i+1, variant, cell(tc.Name), cell(tc.Field), cell(tc.Allowed))
	}
	return fmt.Sprintf("%d invalid configurations: %d on the Kubernetes core (plain variant), %d on the cloud variants.\n\n", len(cases), core, len(cases)-core) +
		"| # | variant | invalid configuration | field named | the message says |\n|---|---|---|---|---|\n" + rows.String()
}

// lineDiff names the first line where got and want differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n  docs: %s\n  want: %s", i+1, gl, wl)
		}
	}
	return ""
}
