package tests

import (
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

// docs/validation.md lists every case of the catalogue.
func TestCatalogueIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/validation.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := func(name, field string) {
		if !strings.Contains(string(doc), "| "+name+" | `"+field+"` |") {
			t.Errorf("docs/validation.md does not list %q (field %s)", name, field)
		}
	}
	for _, tc := range catalogue.All() {
		listed(tc.Name, tc.Field)
	}
}
