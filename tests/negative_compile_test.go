package tests

import (
	"os/exec"
	"strings"
	"testing"
)

// Structural inputs are plain in the schema, so a Go program that passes an output to
// `ports` is a compile-time error, not a failure at `pulumi preview`.
func TestOutputToPortsDoesNotCompile(t *testing.T) {
	build := exec.Command("go", "vet", "./testdata/negative/go-ports-output")
	out, err := build.CombinedOutput()
	if err == nil {
		t.Fatal("a program passing an output to ports compiled")
	}
	if !strings.Contains(string(out), "cannot use ports") || !strings.Contains(string(out), "[]k8sservice.PortArgs") {
		t.Errorf("the compile error does not say that ports takes plain values:\n%s", out)
	}
}
