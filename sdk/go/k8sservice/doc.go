// Deploys a containerised service onto Kubernetes the way a platform team would: rolling updates, autoscaling, health checks, resources, ingress, persistent disks, cron jobs, secrets and a service account.
package k8sservice
