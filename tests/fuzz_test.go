package tests

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

// fieldError matches what a rejected input must say: a field path and an apimachinery
// verdict, or the decoder naming the input it could not copy.
var fieldError = regexp.MustCompile(`[\w\]]: (Invalid value|Required value|Unsupported value|Duplicate value|` +
	`Forbidden|Too long)|copying input "\w+"`)

// FuzzConstruct feeds arbitrary inputs, as the engine marshals them, through decoding,
// validation and object building. Nothing may panic or hang; an input is either built
// or rejected with a field error before anything is registered. Seeds: every bad-input
// rule, the examples and the feature fixtures; the corpus found by fuzzing is committed
// in testdata/fuzz/FuzzConstruct. Run: go test ./tests -run '^$' -fuzz FuzzConstruct
func FuzzConstruct(f *testing.F) {
	seeds := []map[string]any{harness.ExampleHTTPBin(), harness.ExampleMinimal()}
	for _, tc := range catalogue.All() {
		if tc.Token == catalogue.PlainToken {
			seeds = append(seeds, tc.In)
		}
	}
	for _, s := range seeds {
		data, err := json.Marshal(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var inputs map[string]any
		if json.Unmarshal(data, &inputs) != nil || inputs == nil {
			return // not an object: the engine never sends one
		}
		c := harness.Construct(t, "k8s-service:index:Service", "app", harness.Props(inputs), false)
		if c.Err == nil {
			if len(c.Children) == 0 {
				t.Fatalf("accepted %s but registered nothing", data)
			}
			return
		}
		if !fieldError.MatchString(c.Err.Error()) {
			t.Fatalf("rejected %s without naming a field: %v", data, c.Err)
		}
		if len(c.Children) != 0 {
			t.Fatalf("registered %v before rejecting %s: %v", c.Types(), data, c.Err)
		}
	})
}
