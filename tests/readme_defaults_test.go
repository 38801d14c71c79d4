package tests

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The README's input table states every default the schema carries (declared once in
// provider/core/defaults.go), at the same position: a cell `a` / `b` lists the defaults
// of the inputs `a` / `b`.
func TestReadmeStatesTheSchemaDefaults(t *testing.T) {
	raw, err := os.ReadFile("../schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Resources map[string]struct {
			InputProperties map[string]struct{ Default any } `json:"inputProperties"`
		}
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	stated := readmeDefaults(string(readme))
	defaults := 0
	for name, p := range schema.Resources["k8s-service:index:Service"].InputProperties {
		if p.Default == nil {
			continue
		}
		defaults++
		if got, want := stated[name], fmt.Sprint(p.Default); got != want {
			t.Errorf("README says %s defaults to %q; the schema says %q", name, got, want)
		}
	}
	if defaults < 10 {
		t.Errorf("the schema carries only %d defaults", defaults)
	}
}

// readmeDefaults reads the rows `| names | defaults | meaning |` of the Inputs table.
func readmeDefaults(readme string) map[string]string {
	section := readme[strings.Index(readme, "## Inputs"):]
	section = section[:strings.Index(section[3:], "\n## ")+3]
	separator := regexp.MustCompile(` / |, `)
	out := map[string]string{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) < 3 || !strings.HasPrefix(line, "| `") {
			continue
		}
		names := separator.Split(strings.TrimPrefix(cells[0], "| "), -1)
		values := separator.Split(cells[1], -1)
		if len(names) != len(values) {
			continue
		}
		for i, n := range names {
			out[strings.Trim(n, "`")] = strings.Trim(values[i], "`")
		}
	}
	return out
}
