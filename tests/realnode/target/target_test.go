package target

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A description written by Write reads back the same; one missing what the cases need is
// refused, naming each missing field.
func TestReadChecksTheDescription(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cluster.json")
	want := Cluster{Kubeconfig: "/k", Registry: "localhost:5001", Traefik: "172.18.0.10:80",
		LoadImage: []string{"kind", "load", "image-archive", "{archive}"}, NamespaceAnnotations: map[string]string{"a": "b"}}
	if err := want.Write(path); err != nil {
		t.Fatal(err)
	}
	if got, err := Read(path); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Read = %+v, %v; want %+v", got, err, want)
	}

	if err := os.WriteFile(path, []byte(`{"kubeconfig": "/k", "loadImage": ["kind", "load", "image-archive"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(path)
	if err == nil {
		t.Fatal("a description without registry, traefik and {archive} was accepted")
	}
	for _, field := range []string{"registry", "traefik", `loadImage (a command with the argument "{archive}")`} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("the error %q does not name %s", err, field)
		}
	}
}
