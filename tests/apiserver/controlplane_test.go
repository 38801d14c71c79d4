package apiserver

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"

	kubecluster "github.com/k8s-service/pulumi-k8s-service/tests/cluster"
)

// The control plane every test in this package shares: the API server alone
// (tests/cluster without controllers), so objects are stored exactly as applied.
var cluster struct {
	dynamic dynamic.Interface
	mapper  *restmapper.DeferredDiscoveryRESTMapper
}

func TestMain(m *testing.M) {
	os.Exit(runWithControlPlane(m))
}

func runWithControlPlane(m *testing.M) int {
	dir, err := os.MkdirTemp("", "k8s-service-apiserver-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin := os.Getenv("ENGINE_BIN")
	if bin == "" {
		bin, _ = filepath.Abs("../../.cache/engine-bin")
	}
	c, err := kubecluster.Start(dir, kubecluster.Options{Bin: bin})
	if err != nil {
		fmt.Fprintf(os.Stderr, "starting the control plane (built by `make engine-tools`): %v\n", err)
		return 1
	}
	defer c.Stop()
	if cluster.dynamic, err = dynamic.NewForConfig(c.Config); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	dc, err := discovery.NewDiscoveryClientForConfig(c.Config)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	cluster.mapper = restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))
	return m.Run()
}
