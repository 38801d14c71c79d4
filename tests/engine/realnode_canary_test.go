//go:build engine

package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// canaryShareRequests is how many requests measure a share: with a 20 % canary, one
// standard deviation of a binomial count is 2 % of them; the tolerance is four.
const (
	canaryShareRequests = 600
	canaryTolerance     = 4.0
)

// A canary on the real node, through Traefik's Gateway and through the Service: `up` with
// a 20 % canary changes nothing a client notices but the share it takes; the Gateway's
// route gives it 20 % of 600 requests within four standard deviations of a binomial
// count; the Service gives it its share of the ready pods (1 of 3), not its weight.
// Promoting (the service's tag set to the canary's, canary removed) and aborting (canary
// removed) run under a request loop with no failed request and leave one version serving
// (the routes move to the stable Service before the canary is deleted);
// a canary that never becomes Ready fails `up` with its pods' reason and takes no traffic.
func TestRealNodeCanaryTakesItsShareThenPromotesOrAborts(t *testing.T) {
	t.Parallel()
	ns := onRealNode(t, "real-canary")
	createTraefikGateway(t, ns, "edge")
	const host = "canary.real.test"
	viaGateway := func() (string, error) { return getVia(host, "/") }
	route := "      publicUri: [" + host + "]\n      gateway: {name: edge}\n"
	canary := func(tag string, weight int) string {
		return fmt.Sprintf("      canary: {tag: %s, weight: %d}\n", tag, weight)
	}
	s := newRealStack(t, ns)
	s.program(ns, realWebProgram(ns, "v1", route))
	s.mustUp(false)
	awaitOnly(t, viaGateway, "v1")

	s.program(ns, realWebProgram(ns, "v1", route+canary("v2", 20))+"outputs:\n  canaryImage: ${web.canaryImage}\n")
	loop := startTrafficWith(viaGateway, "v1", "v2")
	s.mustUp(false)
	loop.finish().expectNoneFailed(t, "canary v2 at 20 % added")
	if got := s.output("canaryImage"); got != realNode.app["v2"] {
		t.Errorf("canaryImage = %q, want %q", got, realNode.app["v2"])
	}
	// Traefik applies a route's new weights a moment (~2 s) after it reports the route
	// accepted, which is all `up` can wait for.
	awaitShare(t, viaGateway, "v2", 0.20)
	expectShare(t, "through the Gateway's route (weight 20)", share(t, canaryShareRequests, viaGateway), "v2", 0.20)
	for _, track := range []string{"stable", "canary"} {
		want := map[string]string{"stable": "v1", "canary": "v2"}[track]
		url := serviceURL(t, ns, "web-"+track) + "/"
		if served := share(t, 50, func() (string, error) { return get(url) }); served[want] != 50 {
			t.Errorf("the %s Service reached %v, want only %s", track, served, want)
		}
	}
	service := serviceURL(t, ns, "web") + "/"
	awaitServedBy(t, service, servingPods(t, ns, "web")...) // the stable and canary pods
	expectShare(t, "through the Service (1 canary pod of 3)", share(t, canaryShareRequests/2, func() (string, error) { return get(service) }), "v2", 1.0/3)

	// Promote: the service's own pods roll to v2, the canary goes.
	s.program(ns, realWebProgram(ns, "v2", route))
	loop = startTrafficWith(viaGateway, "v1", "v2")
	s.mustUp(false)
	awaitOnly(t, viaGateway, "v2")
	loop.finish().expectNoneFailed(t, "promote v2")
	expectGone(t, ns, "web-canary")

	// Abort: a canary of v1 at 50 %, then removed; only v2 answers after.
	s.program(ns, realWebProgramOf(ns, realNode.app["v2"], 2, route+canary("v1", 50)))
	s.mustUp(false)
	awaitShare(t, viaGateway, "v1", 0.50)
	s.program(ns, realWebProgram(ns, "v2", route))
	loop = startTrafficWith(viaGateway, "v1", "v2")
	s.mustUp(false)
	awaitOnly(t, viaGateway, "v2")
	loop.finish().expectNoneFailed(t, "abort the v1 canary")
	expectGone(t, ns, "web-canary")

	// A canary whose image does not exist fails `up`; v2 keeps every request.
	s.program(ns, realWebProgram(ns, "v2", route+"      rolloutTimeoutSeconds: 30\n"+canary("v9", 20)))
	loop = startTrafficWith(viaGateway, "v2")
	out, err := s.up(false)
	loop.finish().expectNoneFailed(t, "a canary that never becomes Ready")
	if err == nil {
		t.Fatalf("up of a canary whose image does not exist succeeded:\n%s", out)
	}
	if !strings.Contains(out, "ErrImagePull") && !strings.Contains(out, "ImagePullBackOff") {
		t.Errorf("the failure does not give the canary pods' reason:\n%s", out)
	}
}

// share sends n requests and counts the answers by version; a failed request fails the test.
func share(t *testing.T, n int, send func() (string, error)) map[string]int {
	t.Helper()
	served, err := tally(n, send)
	if err != nil {
		t.Fatal(err)
	}
	return served
}

// tally sends n requests and counts the answers by version, up to the first that fails.
func tally(n int, send func() (string, error)) (map[string]int, error) {
	served := map[string]int{}
	for i := 0; i < n; i++ {
		body, err := send()
		var answer struct{ Version string }
		if err != nil || json.Unmarshal([]byte(body), &answer) != nil {
			return served, fmt.Errorf("request %d of %d: %v %s", i+1, n, err, body)
		}
		served[answer.Version]++
	}
	return served, nil
}

// awaitShare waits (up to 20 s) until version answers a share of 100 requests within 10
// of p: the route's weights are in force.
func awaitShare(t *testing.T, send func() (string, error), version string, p float64) {
	t.Helper()
	var last map[string]int
	if !eventually(20*time.Second, func() bool {
		last, _ = tally(100, send)
		return math.Abs(float64(last[version])-100*p) <= 10
	}) {
		t.Fatalf("%s never took %.0f %% of the requests within 20 s (last 100: %v)", version, 100*p, last)
	}
}

// expectShare: the canary version's count is within canaryTolerance standard deviations
// of a binomial count with probability p.
func expectShare(t *testing.T, what string, served map[string]int, version string, p float64) {
	t.Helper()
	n := 0
	for _, c := range served {
		n += c
	}
	mean, sd := float64(n)*p, math.Sqrt(float64(n)*p*(1-p))
	got := float64(served[version])
	t.Logf("canary share %s: %d of %d (%.1f %%), expected %.0f ± %.0f (%.0f sd)", what, served[version], n, 100*got/float64(n), mean, canaryTolerance*sd, canaryTolerance)
	if math.Abs(got-mean) > canaryTolerance*sd {
		t.Errorf("canary share %s: %d of %d, outside %.0f ± %.0f", what, served[version], n, mean, canaryTolerance*sd)
	}
}

// awaitOnly waits (up to 20 s: Traefik applies a route change a moment after it) until 50
// requests in a row are all answered by version.
func awaitOnly(t *testing.T, send func() (string, error), version string) {
	t.Helper()
	var last map[string]int
	if !eventually(20*time.Second, func() bool {
		last, _ = tally(50, send)
		return last[version] == 50
	}) {
		t.Fatalf("requests did not settle on %s within 20 s (last 50: %v)", version, last)
	}
}

// expectGone: the canary's Deployment and Service are deleted; the stable Service, which
// the routes go to with or without a canary, stays.
func expectGone(t *testing.T, ns, canary string) {
	t.Helper()
	ctx := context.Background()
	if _, err := kube.Client.AppsV1().Deployments(ns).Get(ctx, canary, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("Deployment %s still there after the canary was removed (%v)", canary, err)
	}
	if _, err := kube.Client.CoreV1().Services(ns).Get(ctx, canary, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("Service %s still there after the canary was removed (%v)", canary, err)
	}
}
