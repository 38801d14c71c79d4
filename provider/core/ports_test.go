package core

import (
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The simple form names one port by its kind; the list form is checked entry by entry;
// both together are refused. Errors name the field under the path given.
func TestResolvePorts(t *testing.T) {
	at := field.NewPath("spec")
	got, errs := resolvePorts(PortArgs{Port: map[string]int{"grpc": 9000}}, at)
	if len(errs) != 0 || len(got) != 1 || got[0].Name != "grpc" || got[0].Port != 9000 || got[0].ServicePort != 9000 {
		t.Errorf("grpc: %+v %v", got, errs)
	}
	got, errs = resolvePorts(PortArgs{Ports: []Port{{Name: "web", Type: "http", Port: 8080}, {Name: "admin", Type: "tcp", Port: 9090}}}, at)
	if len(errs) != 0 || len(got) != 2 || got[0].ServicePort != 8080 || got[1].Name != "admin" {
		t.Errorf("list: %+v %v", got, errs)
	}
	for _, tc := range []struct {
		in    PortArgs
		field string
	}{
		{PortArgs{Port: map[string]int{"http": 80}, Ports: []Port{{Name: "web", Type: "http", Port: 80}}}, "spec.ports"},
		{PortArgs{Port: map[string]int{"udp": 53}}, "spec.port[udp]"},
		{PortArgs{Port: map[string]int{"http": 70000}}, "spec.port[http]"},
		{PortArgs{Ports: []Port{{Name: "a", Type: "tcp", Port: 80}, {Name: "a", Type: "tcp", Port: 81}}}, "spec.ports[1].name"},
	} {
		if _, errs := resolvePorts(tc.in, at); len(errs) == 0 || errs[0].Field != tc.field {
			t.Errorf("%+v: errors %v, want one on %s", tc.in, errs, tc.field)
		}
	}
}
