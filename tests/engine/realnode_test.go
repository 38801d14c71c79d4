//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/image"
	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/local"
	"github.com/k8s-service/pulumi-k8s-service/tests/realnode/target"
)

// realNode is where the real-node cases run (tests/realnode/target): the tier's own real
// node, or the cluster REALNODE_CLUSTER describes; and the images they run, the test
// application (tests/realnode/app) pushed to the target's registry.
var realNode struct {
	ready  chan struct{}
	err    error
	target target.Cluster
	// local is the tier's own node and registry; nil on another cluster.
	local *local.Node
	// registry is where the images are: the local one, or the target's.
	registry *image.Registry
	// app are the application's references by version (v1, v2), by tag.
	app map[string]string
	// digests are the same images by digest.
	digests map[string]name.Digest
	// binary is the application's, to pack more images from.
	binary string
	// dir holds the application's build and image archives.
	dir string
}

// appVersions are the application's images: one binary, VERSION told apart.
var appVersions = []string{"v1", "v2"}

// startRealNode brings the node up and pushes the images in the background, while the rest
// of the tier gets ready; a test waits for it in onRealNode. stop ends the node and reports
// what it could not undo.
func startRealNode(dir, bin string) (stop func() error) {
	return inBackground(dir, func() (err error) {
		realNode.local, err = local.Start(local.Options{
			Dir: dir, Bin: bin, Root: root, Kubeconfig: kube.Kubeconfig, APIServerCA: kube.ServingCert(),
		})
		if err != nil {
			return err
		}
		realNode.target, realNode.registry, realNode.binary = realNode.local.Target, realNode.local.Registry, realNode.local.App
		return pushApp()
	})
}

// useCluster readies the cases to run on another cluster: the application is built and
// pushed to the cluster's registry in the background.
func useCluster(dir string, c target.Cluster) (stop func() error) {
	return inBackground(dir, func() (err error) {
		realNode.target, realNode.registry = c, &image.Registry{Host: c.Registry}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if realNode.binary, err = image.BuildApp(root, dir); err != nil {
			return err
		}
		return pushApp()
	})
}

func inBackground(dir string, prepare func() error) (stop func() error) {
	realNode.ready, realNode.dir = make(chan struct{}), dir
	go func() {
		defer close(realNode.ready)
		realNode.err = prepare()
	}()
	return func() error {
		<-realNode.ready
		if realNode.local == nil {
			return nil
		}
		return realNode.local.Stop()
	}
}

// pushApp pushes the application's versions to the registry.
func pushApp() error {
	realNode.app, realNode.digests = map[string]string{}, map[string]name.Digest{}
	for _, version := range appVersions {
		img, err := image.Pack(realNode.binary, version)
		if err != nil {
			return err
		}
		digest, err := realNode.registry.Push(img, "k8s-service-app", version)
		if err != nil {
			return err
		}
		realNode.app[version] = realNode.registry.Host + "/k8s-service-app:" + version
		realNode.digests[version] = digest
	}
	return nil
}

// onRealNode creates a namespace for one test whose pods all run on the real node (or
// where the target's namespace annotations put them), and deletes it after.
func onRealNode(t testing.TB, name string) string {
	t.Helper()
	<-realNode.ready
	if realNode.err != nil {
		t.Fatalf("the real node did not start: %v", realNode.err)
	}
	ctx := context.Background()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Annotations: realNode.target.NamespaceAnnotations}}
	if _, err := kube.Client.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = kube.Client.CoreV1().Namespaces().Delete(ctx, name, metav1.DeleteOptions{}) })
	return name
}

// newRealStack is a stack of a real-node test: on failure its pods and events are logged
// before the stack is destroyed.
func newRealStack(t *testing.T, ns string) *yamlStack {
	s := newYAMLStack(t, ns)
	t.Cleanup(func() { describePodsOnFailure(t, ns) })
	return s
}

// describePodsOnFailure logs the namespace's pods and events when the test failed: what a
// user would look at with kubectl get pods and kubectl get events.
func describePodsOnFailure(t testing.TB, ns string) {
	if !t.Failed() {
		return
	}
	ctx := context.Background()
	list, _ := kube.Client.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{})
	for _, p := range list.Items {
		t.Logf("pod %s on %s, IP %s, phase %s, ready %v, deleting %v", p.Name, p.Spec.NodeName, p.Status.PodIP, p.Status.Phase, ready(&p), p.DeletionTimestamp != nil)
		for _, c := range p.Status.ContainerStatuses {
			t.Logf("  container %s: restarts %d, state %+v, last %+v", c.Name, c.RestartCount, c.State, c.LastTerminationState)
		}
	}
	events, _ := kube.Client.CoreV1().Events(ns).List(ctx, metav1.ListOptions{})
	for _, e := range events.Items {
		t.Logf("event %s %s/%s: %s: %s", e.Type, e.InvolvedObject.Kind, e.InvolvedObject.Name, e.Reason, e.Message)
	}
}

// request is one bounded GET on a connection of its own (so that kube-proxy balances each
// one, as it would separate clients); only a 200 whose body the application wrote counts,
// since an unreachable address may still answer.
var request = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}

func get(url string) (string, error) {
	resp, err := request.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return string(body), fmt.Errorf("GET %s: %s: %s", url, resp.Status, body)
	}
	return string(body), nil
}

// serviceURL is the http URL of a Service's first port on its ClusterIP.
func serviceURL(t *testing.T, ns, svc string) string {
	t.Helper()
	s, err := kube.Client.CoreV1().Services(ns).Get(context.Background(), svc, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("http://%s:%d", s.Spec.ClusterIP, s.Spec.Ports[0].Port)
}

// trafficLoop sends requests to a URL one after another, each on a new connection, until
// stopped or its bounds (count and time) are reached, and counts what came back. Only a
// 200 whose JSON names one of the expected versions counts as served.
type trafficLoop struct {
	stop     chan struct{}
	done     chan struct{}
	versions map[string]bool
	sent     int
	served   map[string]int // by version
	failures []string
	started  time.Time
	took     time.Duration
}

const (
	loopMaxRequests = 20000
	loopMaxDuration = 6 * time.Minute
	loopPause       = 10 * time.Millisecond
)

// startTraffic starts a loop against url whose answers must come from one of versions.
func startTraffic(url string, versions ...string) *trafficLoop {
	return startTrafficWith(func() (string, error) { return get(url) }, versions...)
}

// startTrafficWith starts a loop of send, whose answers must come from one of versions.
func startTrafficWith(send func() (string, error), versions ...string) *trafficLoop {
	l := &trafficLoop{stop: make(chan struct{}), done: make(chan struct{}), versions: map[string]bool{}, served: map[string]int{}, started: time.Now()}
	for _, v := range versions {
		l.versions[v] = true
	}
	go func() {
		defer close(l.done)
		for l.sent < loopMaxRequests && time.Since(l.started) < loopMaxDuration {
			select {
			case <-l.stop:
				l.took = time.Since(l.started)
				return
			case <-time.After(loopPause):
			}
			l.sent++
			body, err := send()
			var answer struct{ Version string }
			switch {
			case err != nil:
				l.failures = append(l.failures, fmt.Sprintf("at %s: %v", time.Since(l.started).Round(time.Millisecond), err))
			case json.Unmarshal([]byte(body), &answer) != nil || !l.versions[answer.Version]:
				l.failures = append(l.failures, fmt.Sprintf("at %s: unexpected answer %s", time.Since(l.started).Round(time.Millisecond), body))
			default:
				l.served[answer.Version]++
			}
		}
		l.took = time.Since(l.started)
	}()
	return l
}

// finish stops the loop and returns it, done.
func (l *trafficLoop) finish() *trafficLoop {
	close(l.stop)
	<-l.done
	return l
}

// report is the loop's figures for the log: N, the rate, failures.
func (l *trafficLoop) report() string {
	return fmt.Sprintf("%d requests in %s (%.0f/s), %d failed, served by version %v",
		l.sent, l.took.Round(100*time.Millisecond), float64(l.sent)/l.took.Seconds(), len(l.failures), l.served)
}

// expectNoneFailed: every request of the loop was served, and enough were sent to mean it.
func (l *trafficLoop) expectNoneFailed(t *testing.T, what string) {
	t.Helper()
	t.Logf("%s: %s", what, l.report())
	if len(l.failures) > 0 {
		first := l.failures
		if len(first) > 5 {
			first = first[:5]
		}
		t.Errorf("%s: %d of %d requests failed; first: %q", what, len(l.failures), l.sent, first)
	}
	if l.sent < 50 {
		t.Errorf("%s: only %d requests were sent; the loop proves nothing", what, l.sent)
	}
}

// appAnswer is what the application's / says.
type appAnswer struct{ Host, Version string }

// askPod sends one request to a pod's own address on port 8080.
func askPod(p corev1.Pod, path string) (string, error) {
	return get(fmt.Sprintf("http://%s:8080%s", p.Status.PodIP, path))
}

// awaitServedBy waits (up to 20 s) until requests through the Service at url reach exactly
// the given pods: kube-proxy programs an EndpointSlice change about a second after it, so
// right after `up` a request may still go where the Service sent it before.
func awaitServedBy(t *testing.T, url string, pods ...string) {
	t.Helper()
	want := map[string]bool{}
	for _, p := range pods {
		want[p] = true
	}
	var seen map[string]int
	ok := eventually(20*time.Second, func() bool {
		seen = map[string]int{}
		for i := 0; i < 10*len(pods); i++ {
			body, err := get(url)
			var answer appAnswer
			if err != nil || json.Unmarshal([]byte(body), &answer) != nil || !want[answer.Host] {
				return false
			}
			seen[answer.Host]++
		}
		return len(seen) == len(want)
	})
	if !ok {
		t.Fatalf("requests through %s did not settle on the pods %v within 20 s (last round: %v)", url, pods, seen)
	}
}

// servingPods are the names of the service's pods that are Ready and not terminating.
func servingPods(t *testing.T, ns, svc string) []string {
	var names []string
	for _, p := range pods(t, ns, svc) {
		if p.DeletionTimestamp == nil && ready(&p) {
			names = append(names, p.Name)
		}
	}
	return names
}
