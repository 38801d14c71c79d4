package core

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// A cron job is named <service>-<name>, or <service>-cron-<hash of its command> without a
// name, which stays put when other entries come and go and changes with the command.
func TestResolveCronJobs(t *testing.T) {
	at := field.NewPath("cronJobs")
	report := CronJob{Commands: []string{"/app/report"}, Schedule: "@daily"}
	nightly := CronJob{Name: ptr("nightly"), Commands: []string{"/app/backup"}, Schedule: "0 3 * * *"}
	got, errs := resolveCronJobs("shop", []CronJob{nightly, report}, at)
	if len(errs) != 0 || len(got) != 2 || got[0].Name != "shop-nightly" || !strings.HasPrefix(got[1].Name, "shop-cron-") {
		t.Fatalf("got %+v %v", got, errs)
	}
	alone, _ := resolveCronJobs("shop", []CronJob{report}, at)
	if alone[0].Name != got[1].Name {
		t.Errorf("removing the other entry renamed the unnamed job: %s → %s", got[1].Name, alone[0].Name)
	}
	other, _ := resolveCronJobs("shop", []CronJob{{Commands: []string{"/app/other"}, Schedule: "@daily"}}, at)
	if other[0].Name == got[1].Name {
		t.Errorf("another command kept the name %s", other[0].Name)
	}
	_, errs = resolveCronJobs("shop", []CronJob{report, {Commands: []string{"x"}, Schedule: "every day"}}, at)
	if len(errs) != 1 || errs[0].Field != "cronJobs[1].schedule" {
		t.Errorf("a bad schedule: %v, want one error on cronJobs[1].schedule", errs)
	}
}
