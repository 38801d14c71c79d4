package tests

import (
	"os/exec"
	"testing"
)

// The Makefile's recipes run with pipefail: a pipe whose first command fails fails the
// target (`npm publish --dry-run | grep` in release-check, `go test | tee` in test-engine),
// however its last command ends.
func TestMakefilePipesFailWhenAnyCommandFails(t *testing.T) {
	probe := func(recipe string) error {
		cmd := exec.Command("make", "-s", "-f", "Makefile", "--eval", "pipe-probe:\n\t"+recipe, "pipe-probe")
		cmd.Dir = ".."
		return cmd.Run()
	}
	if err := probe("false | grep -q . || true; exit 0"); err != nil {
		t.Fatalf("the probe itself fails: %v", err)
	}
	if err := probe("echo published | false | grep -q published"); err == nil {
		t.Errorf("a failing command in the middle of a pipe did not fail the recipe")
	}
	if err := probe("sh -c 'echo name: x; exit 1' | grep -q name:"); err == nil {
		t.Errorf("a failing first command of a pipe whose grep matched did not fail the recipe")
	}
}
