package core

import (
	"strings"
	"testing"
)

// Every integer, at any depth of the args, is checked, and named by its schema path.
func TestValidateIntRangesNamesEveryField(t *testing.T) {
	big := 5_000_000_000
	args := &ServiceArgs{
		ScalingArgs:   ScalingArgs{MinContainers: &big},
		PortArgs:      PortArgs{Port: map[string]int{"http": big}},
		StorageArgs:   StorageArgs{PersistentStorage: []PersistentStorage{{Path: "/data", Size: big}}},
		ContainerArgs: ContainerArgs{ResourceRequest: &Resources{Memory: &big}},
	}
	var fields []string
	for _, e := range validateIntRanges(args) {
		fields = append(fields, e.Field)
		if !strings.Contains(e.Error(), "32-bit integer") {
			t.Errorf("%s: %q does not say what is allowed", e.Field, e.Error())
		}
	}
	want := "port[http] minContainers persistentStorage[0].size resourceRequest.memory" // in the args' order
	if got := strings.Join(fields, " "); got != want {
		t.Errorf("range errors for %q, want %q", got, want)
	}
	small := 2
	if errs := validateIntRanges(&ServiceArgs{ScalingArgs: ScalingArgs{MinContainers: &small}, PortArgs: PortArgs{Port: map[string]int{"http": 80}}}); len(errs) > 0 {
		t.Errorf("values in range reported: %v", errs)
	}
}
