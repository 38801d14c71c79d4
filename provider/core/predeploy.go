package core

import (
	"strconv"

	batchv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/batch/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

const (
	// PreDeployLabel marks the pre-deploy Job's pods, which carry the cron jobs' service
	// label instead of the selector label: no Service, budget or autoscaler counts them.
	PreDeployLabel = "k8s-service.io/pre-deploy"
	// ReplaceUnreadyAnnotation has pulumi-kubernetes replace a Job that did not complete
	// in an earlier update, so the next `up` runs a failed pre-deploy Job again.
	ReplaceUnreadyAnnotation = "pulumi.com/replaceUnready"
	defaultPreDeployTimeout  = 600
	maxPreDeployTimeout      = 24 * 3600
)

func resolvePreDeploy(in *PreDeploy, scaling Scaling, fldPath *field.Path) (*ResolvedPreDeploy, field.ErrorList) {
	if in == nil {
		return nil, nil
	}
	job := &ResolvedPreDeploy{Commands: in.Commands, Args: in.Args, TimeoutSeconds: deref(in.TimeoutSeconds, defaultPreDeployTimeout)}
	var errs field.ErrorList
	if len(in.Commands) == 0 {
		errs = append(errs, field.Required(fldPath.Child("commands"), "the command the Job runs, e.g. [\"/app/migrate\"]"))
	}
	if job.TimeoutSeconds < 1 || job.TimeoutSeconds > maxPreDeployTimeout {
		errs = append(errs, field.Invalid(fldPath.Child("timeoutSeconds"), job.TimeoutSeconds, "must be between 1 and 86400 seconds"))
	}
	if scaling.Max == 0 {
		errs = append(errs, field.Forbidden(fldPath, "gates the workload's rollout; a cron-only service (maxContainers: 0) has none"))
	}
	return job, errs
}

// preDeployArgs is the Job: the service's container with the Job's command, one attempt,
// ended at the timeout. It has a generated name, and its pod template is immutable, so a
// change of anything it runs replaces it with a new Job, created (and awaited) before the
// old one is deleted; no change, no new Job. It keeps no TTL: under Pulumi a Job deleted
// by Kubernetes would be forgotten by the next refresh and run again by the next `up`.
func (b *builder) preDeployArgs() *batchv1.JobArgs {
	job := b.cfg.PreDeploy
	pod := b.podSpec(b.container(job.Commands, job.Args))
	pod.RestartPolicy = pulumi.String("Never")
	meta := b.meta(b.cfg.Name, map[string]string{
		TimeoutAnnotation:        strconv.Itoa(job.TimeoutSeconds + 30), // the Job's own deadline reports first
		ReplaceUnreadyAnnotation: "true",
	})
	meta.Name = nil
	labels := map[string]string{CronServiceLabel: b.cfg.Name, PreDeployLabel: "true", ManagedByLabel: ManagedBy}
	return &batchv1.JobArgs{
		Metadata: meta,
		Spec: batchv1.JobSpecArgs{
			BackoffLimit:          pulumi.Int(0),
			ActiveDeadlineSeconds: pulumi.Int(job.TimeoutSeconds),
			Template:              b.podTemplate(pod, labels, nil),
		},
	}
}

// registerPreDeploy registers the Job, when there is one; the workload depends on it.
func (b *builder) registerPreDeploy(ctx *pulumi.Context, opts []pulumi.ResourceOption) (pulumi.Resource, error) {
	if b.cfg.PreDeploy == nil {
		return nil, nil
	}
	return batchv1.NewJob(ctx, b.cfg.Name+"-pre-deploy", b.preDeployArgs(), opts...)
}
