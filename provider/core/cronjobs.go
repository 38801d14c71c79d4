package core

import (
	"strings"

	batchv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/batch/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/robfig/cron/v3"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// maxCronJobName is the CronJob name limit: the controller appends 11 characters to
// name its Jobs, which must stay within 63.
const maxCronJobName = 52

// startingDeadlineSeconds: a run that could not start within this long after its time
// (controller down, Forbid overlap) is skipped rather than started late.
const startingDeadlineSeconds = 300

func resolveCronJobs(service string, jobs []CronJob, fldPath *field.Path) ([]ResolvedCronJob, field.ErrorList) {
	var errs field.ErrorList
	var out []ResolvedCronJob
	seen := map[string]bool{}
	for i, job := range jobs {
		p := fldPath.Index(i)
		// Unnamed, a job is named after its command, not its position: removing another
		// job leaves this one's CronJob alone.
		short := deref(job.Name, "cron-"+ShortHash(strings.Join(append(append([]string{}, job.Commands...), job.Args...), "\x00")))
		name := service + "-" + short
		errs = append(errs, invalid(short, validation.IsDNS1123Label(short), p.Child("name"))...)
		if len(name) > maxCronJobName {
			errs = append(errs, field.TooLong(p.Child("name"), name, maxCronJobName))
		}
		if seen[short] {
			errs = append(errs, field.Duplicate(p.Child("name"), short))
		}
		seen[short] = true
		if len(job.Commands) == 0 {
			errs = append(errs, field.Required(p.Child("commands"), "the command to run, e.g. [\"/bin/sh\", \"-c\", \"echo hello\"]"))
		}
		errs = append(errs, validateSchedule(job.Schedule, p.Child("schedule"))...)
		out = append(out, ResolvedCronJob{Name: name, Commands: job.Commands, Args: job.Args, Schedule: job.Schedule})
	}
	return out, errs
}

// validateSchedule parses with the same parser and options as the CronJob controller;
// time zones belong in the CronJob's timeZone field, which Kubernetes requires.
func validateSchedule(schedule string, fldPath *field.Path) field.ErrorList {
	if strings.Contains(schedule, "TZ=") {
		return field.ErrorList{field.Invalid(fldPath, schedule, "time zones (TZ=, CRON_TZ=) are not supported in the schedule")}
	}
	if _, err := cron.ParseStandard(schedule); err != nil {
		return field.ErrorList{field.Invalid(fldPath, schedule,
			"must be a five-field cron schedule such as `*/5 * * * *` or a macro such as `@hourly`: "+err.Error())}
	}
	return nil
}

// cronJobArgs runs the job with the service's pod: image, env, secrets, resources,
// tolerations and service account, but not its selector label (cronPodLabels). Runs never
// overlap, so a slow run cannot pile up.
func (b *builder) cronJobArgs(job ResolvedCronJob) *batchv1.CronJobArgs {
	pod := b.podSpec(b.container(job.Commands, job.Args))
	pod.RestartPolicy = pulumi.String("Never")
	return &batchv1.CronJobArgs{
		Metadata: b.meta(job.Name, nil),
		Spec: batchv1.CronJobSpecArgs{
			Schedule:                   pulumi.String(job.Schedule),
			ConcurrencyPolicy:          pulumi.String("Forbid"),
			StartingDeadlineSeconds:    pulumi.Int(startingDeadlineSeconds),
			SuccessfulJobsHistoryLimit: pulumi.Int(3),
			FailedJobsHistoryLimit:     pulumi.Int(1),
			JobTemplate: batchv1.JobTemplateSpecArgs{
				Spec: batchv1.JobSpecArgs{
					BackoffLimit: pulumi.Int(2),
					Template:     b.podTemplate(pod, b.cronPodLabels(job.Name), nil),
				},
			},
		},
	}
}

// registerJobs registers the cron jobs.
func (b *builder) registerJobs(ctx *pulumi.Context, opts []pulumi.ResourceOption) error {
	for _, job := range b.cfg.CronJobs {
		if _, err := batchv1.NewCronJob(ctx, job.Name, b.cronJobArgs(job), opts...); err != nil {
			return err
		}
	}
	return nil
}
