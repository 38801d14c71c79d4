//go:build engine

package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// webService is a Deployment-backed service whose day-2 inputs come from config.
func webService(ns, image string, extra ...string) string {
	return `
config:
  apiToken: {type: string, secret: true}
resources:
  web:
    type: k8s-service:index:Service
    properties:
      image: ` + image + `
      namespace: ` + ns + `
      port: {http: 8080}
      minContainers: 2
      maxContainers: 4
      initialReadinessDelay: 0
      secrets:
        API_TOKEN: ${apiToken}
` + strings.Join(extra, "")
}

// Day-2 changes of a Deployment service, each through `pulumi up` with its preview and
// with --skip-preview, with ready pods sampled: a new image, an env change, a secret
// rotation, a public URI added and removed, cron-only and back.
func TestWebServiceDay2(t *testing.T) {
	t.Parallel()
	for _, skipPreview := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipPreview=%v", skipPreview), func(t *testing.T) {
			ns := namespace(t, fmt.Sprintf("web-%v", skipPreview))
			s := newYAMLStack(t, ns)
			setSecret := func(value string) {
				if out, err := s.pulumi("config", "set", "--secret", "apiToken", value); err != nil {
					t.Fatalf("config set: %v\n%s", err, out)
				}
			}
			change := func(name, program string, lowest int) {
				t.Helper()
				s.program(ns, program)
				s.expectNoCreateOfExisting(name)
				sampler := sampleReady(t, ns, "web")
				out, err := s.up(skipPreview)
				low := sampler.done()
				if err != nil {
					t.Fatalf("%s: pulumi up: %v\n%s", name, err, out)
				}
				if low < lowest {
					t.Errorf("%s: ready pods dropped to %d, want at least %d", name, low, lowest)
				}
				s.expectNoChanges()
			}
			setSecret("first-token")
			s.program(ns, webService(ns, "nginx:1.27"))
			s.mustUp(skipPreview)

			change("new image", webService(ns, "nginx:1.28"), 2)
			if img := deploymentImage(t, ns); img != "nginx:1.28" {
				t.Errorf("after the image change the Deployment runs %q", img)
			}
			if !eventually(30*time.Second, func() bool { return podImages(t, ns, "web") == "nginx:1.28" }) {
				t.Errorf("pods did not roll to the new image: %s", podImages(t, ns, "web"))
			}

			change("env change", webService(ns, "nginx:1.28", "      envVars: {MODE: blue}\n"), 2)

			oldSecrets := secretNames(t, ns)
			setSecret("second-token")
			change("secret rotation", webService(ns, "nginx:1.28", "      envVars: {MODE: blue}\n"), 2)
			// A new Secret, which the pods read; the old one is kept for a rollback
			// (docs/operations.md) and goes with the service.
			d, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), "web", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if now, reads := secretNames(t, ns), secretRef(d); len(oldSecrets) != 1 || len(now) != 2 || reads == oldSecrets[0] || !slices.Contains(now, reads) || !slices.Contains(now, oldSecrets[0]) {
				t.Errorf("secret rotation: secrets before %v, after %v, the pods read %q; want a new Secret read by the pods beside the old one", oldSecrets, now, reads)
			}
			assertNoPlaintext(t, "second-token", "first-token")

			uri := "      publicUri: [web.example.com/api]\n"
			change("publicUri added", webService(ns, "nginx:1.28", uri), 2)
			if n := ingressCount(t, ns); n != 1 {
				t.Errorf("publicUri added: %d Ingresses, want 1", n)
			}
			change("publicUri removed", webService(ns, "nginx:1.28"), 2)
			if n := ingressCount(t, ns); n != 0 {
				t.Errorf("publicUri removed: %d Ingresses, want 0", n)
			}

			cron := "      cronJobs:\n        - {name: report, commands: [/bin/true], schedule: '*/5 * * * *'}\n"
			s.program(ns, strings.Replace(strings.Replace(webService(ns, "nginx:1.28", cron),
				"minContainers: 2", "minContainers: 0", 1), "maxContainers: 4", "maxContainers: 0", 1))
			s.expectNoCreateOfExisting("to cron-only")
			s.mustUp(skipPreview)
			s.expectNoChanges()
			if !eventually(60*time.Second, func() bool { return len(pods(t, ns, "web")) == 0 }) || workloadKinds(t, ns) != "" {
				t.Errorf("cron-only: workloads %q, pods %d; want none", workloadKinds(t, ns), len(pods(t, ns, "web")))
			}
			s.program(ns, webService(ns, "nginx:1.28", cron))
			s.expectNoCreateOfExisting("back from cron-only")
			s.mustUp(skipPreview)
			if got := readyPods(t, ns, "web"); got < 2 {
				t.Errorf("back from cron-only: %d ready pods right after up, want 2", got)
			}
			s.expectNoChanges()
		})
	}
}

func deploymentImage(t *testing.T, ns string) string {
	d, err := kube.Client.AppsV1().Deployments(ns).Get(context.Background(), "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d.Spec.Template.Spec.Containers[0].Image
}

func podImages(t *testing.T, ns, service string) string {
	seen := map[string]bool{}
	for _, p := range pods(t, ns, service) {
		if p.DeletionTimestamp == nil {
			seen[p.Spec.Containers[0].Image] = true
		}
	}
	return strings.Join(keys(seen), ",")
}

func secretNames(t *testing.T, ns string) []string {
	list, err := kube.Client.CoreV1().Secrets(ns).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range list.Items {
		if s.DeletionTimestamp == nil {
			names = append(names, s.Name)
		}
	}
	return names
}

func ingressCount(t *testing.T, ns string) int {
	list, err := kube.Client.NetworkingV1().Ingresses(ns).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return len(list.Items)
}

// assertNoPlaintext reads every state file of the local backend.
func assertNoPlaintext(t *testing.T, values ...string) {
	t.Helper()
	_ = filepath.WalkDir(stateDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(path)
		for _, v := range values {
			if strings.Contains(string(b), v) {
				t.Errorf("state file %s holds the secret %q in plaintext", path, v)
			}
		}
		return nil
	})
}
