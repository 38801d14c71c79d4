//go:build engine

package engine

import (
	"context"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/k8s-service/pulumi-k8s-service/tests/cluster"
)

// While a cron job's pod runs, it is not one of the service's pods: not behind the
// Service, not counted by the PodDisruptionBudget (a Job cannot be scaled, so a budget
// that counted it would allow no disruption and stall every drain), and a service pod
// can still be evicted.
func TestRunningCronJobPodBlocksNoDrain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ns := namespace(t, "cron-pods")
	s := newYAMLStack(t, ns)
	s.program(ns, webProgram(ns, `      cronJobs:
        - {name: sync, commands: [/bin/sh, -c, "sleep 600"], schedule: "@yearly"}
`))
	s.mustUp(false)

	job := startJobFromCronJob(t, ns, "web-sync")
	var jobPod corev1.Pod
	if !eventually(60*time.Second, func() bool {
		list, err := kube.Client.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: batchv1.JobNameLabel + "=" + job})
		if err != nil || len(list.Items) != 1 || list.Items[0].Status.Phase != corev1.PodRunning {
			return false
		}
		jobPod = list.Items[0]
		return true
	}) {
		t.Fatalf("the job's pod is not running")
	}

	// The budget sees the two service pods and allows one disruption.
	if !eventually(60*time.Second, func() bool {
		pdb, err := kube.Client.PolicyV1().PodDisruptionBudgets(ns).Get(ctx, "web", metav1.GetOptions{})
		return err == nil && pdb.Status.ObservedGeneration == pdb.Generation && pdb.Status.ExpectedPods == 2 && pdb.Status.DisruptionsAllowed == 1
	}) {
		pdb, _ := kube.Client.PolicyV1().PodDisruptionBudgets(ns).Get(ctx, "web", metav1.GetOptions{})
		t.Fatalf("with a cron job's pod running, the budget allows %d disruptions over %d pods; want 1 over the 2 service pods",
			pdb.Status.DisruptionsAllowed, pdb.Status.ExpectedPods)
	}
	// The Service routes to the pods its selector matches, as the EndpointSlice controller
	// computes them (the slices themselves stay empty here: the API server refuses the
	// simulated pods' loopback addresses in them).
	svc, err := kube.Client.CoreV1().Services(ns).Get(ctx, "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	selector := labels.SelectorFromSet(svc.Spec.Selector)
	if selector.Matches(labels.Set(jobPod.Labels)) {
		t.Errorf("the Service's selector %v matches the cron job's pod %s (labels %v): it would get traffic", svc.Spec.Selector, jobPod.Name, jobPod.Labels)
	}
	if n := len(pods(t, ns, "web")); n != 2 || !selector.Matches(labels.Set(pods(t, ns, "web")[0].Labels)) {
		t.Errorf("the Service's selector %v does not match the 2 service pods (%d)", svc.Spec.Selector, n)
	}
	// A drain evicts through the Eviction API, which the budget answers.
	victim := pods(t, ns, "web")[0].Name
	eviction := &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: victim, Namespace: ns}}
	if err := kube.Client.CoreV1().Pods(ns).EvictV1(ctx, eviction); err != nil {
		t.Errorf("evicting service pod %s while a cron job runs: %v", victim, err)
	}
}

// startJobFromCronJob starts a Job from the CronJob's template, as `kubectl create job
// --from=cronjob/<name>` does, with the label that keeps kwok's pod running, and returns
// its name.
func startJobFromCronJob(t *testing.T, ns, cronJob string) string {
	t.Helper()
	ctx := context.Background()
	cj, err := kube.Client.BatchV1().CronJobs(ns).Get(ctx, cronJob, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	spec := cj.Spec.JobTemplate.Spec
	spec.Template.Labels = map[string]string{cluster.HoldLabel: "true"}
	for k, v := range cj.Spec.JobTemplate.Spec.Template.Labels {
		spec.Template.Labels[k] = v
	}
	job := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{
			Name: cronJob + "-manual", Namespace: ns,
			Annotations:     map[string]string{"cronjob.kubernetes.io/instantiate": "manual"},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "batch/v1", Kind: "CronJob", Name: cj.Name, UID: cj.UID}},
		},
		Spec: spec,
	}
	if _, err := kube.Client.BatchV1().Jobs(ns).Create(ctx, job, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	return job.Name
}
