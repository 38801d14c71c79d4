// Package image packs the real-node tier's test application (tests/realnode/app) into an
// OCI image with go-containerregistry, no Dockerfile and no Docker, and serves images from
// a registry on loopback (go-containerregistry's registry package), so that pods pull by
// tag and by digest for real.
package image

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// NonRoot is the user the image runs as, so that it runs under the restricted profile.
const NonRoot = "65532:65532"

// BuildApp compiles the test application statically (root is the repository) into dir
// and returns the binary's path.
func BuildApp(root, dir string) (string, error) {
	out := filepath.Join(dir, "app")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./tests/realnode/app")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+runtime.GOARCH)
	if msg, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the test application: %v\n%s", err, msg)
	}
	return out, nil
}

// Pack is an OCI image of one layer holding the binary as /app, its entrypoint (with args),
// run as NonRoot, with VERSION set to version (the application reports it).
func Pack(binary, version string, args ...string) (v1.Image, error) {
	body, err := os.ReadFile(binary)
	if err != nil {
		return nil, err
	}
	var layerTar bytes.Buffer
	tw := tar.NewWriter(&layerTar)
	if err := tw.WriteHeader(&tar.Header{Name: "app", Mode: 0o755, Size: int64(len(body)), Typeflag: tar.TypeReg, ModTime: time.Unix(0, 0)}); err != nil {
		return nil, err
	}
	if _, err := tw.Write(body); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(layerTar.Bytes())), nil
	}, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		return nil, err
	}
	base := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	base = mutate.ConfigMediaType(base, types.OCIConfigJSON)
	img, err := mutate.AppendLayers(base, layer)
	if err != nil {
		return nil, err
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cfg = cfg.DeepCopy()
	cfg.OS, cfg.Architecture = "linux", runtime.GOARCH
	cfg.Config = v1.Config{
		Entrypoint: append([]string{"/app"}, args...),
		Env:        []string{"VERSION=" + version, "PATH=/"},
		User:       NonRoot,
	}
	return mutate.ConfigFile(img, cfg)
}

// Registry is a registry in memory on 127.0.0.1 (StartRegistry), or one that something else
// serves (only its Host set).
type Registry struct {
	// Host is its address, host:port, as image references name it.
	Host   string
	server *http.Server
}

// StartRegistry serves an empty registry on a free loopback port until Close.
func StartRegistry() (*Registry, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &Registry{Host: listener.Addr().String(), server: &http.Server{
		Handler: registry.New(registry.Logger(log.New(io.Discard, "", 0))), ReadHeaderTimeout: 10 * time.Second,
	}}
	go func() { _ = r.server.Serve(listener) }()
	return r, nil
}

// Push stores img as repository:tag and returns its reference by digest.
func (r *Registry) Push(img v1.Image, repository, tag string) (name.Digest, error) {
	return PushTo(img, r.Host+"/"+repository+":"+tag)
}

// PushTo stores img under a tag reference, host:port/repository:tag, in whatever registry
// that names (plain HTTP on loopback, as go-containerregistry allows for localhost), and
// returns its reference by digest: what `docker push` does.
func PushTo(img v1.Image, reference string) (name.Digest, error) {
	ref, err := name.NewTag(reference, name.Insecure)
	if err != nil {
		return name.Digest{}, err
	}
	if err := remote.Write(ref, img); err != nil {
		return name.Digest{}, err
	}
	digest, err := img.Digest()
	if err != nil {
		return name.Digest{}, err
	}
	return name.NewDigest(ref.Context().String()+"@"+digest.String(), name.Insecure)
}

// Close stops serving, if this process serves it.
func (r *Registry) Close() error {
	if r.server == nil {
		return nil
	}
	return r.server.Close()
}
