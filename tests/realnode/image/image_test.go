package image

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"golang.org/x/net/websocket"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// The application packed by Pack, pushed to the loopback registry by tag, comes back by
// tag and by digest as the same image: one OCI layer with /app (executable, static ELF),
// /app the entrypoint, non-root. Then the binary taken out of the pulled image serves what
// the real-node cases rely on.
func TestPackPushPullAndRun(t *testing.T) {
	root, _ := filepath.Abs("../../..")
	binary, err := BuildApp(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	img, err := Pack(binary, "v1")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := StartRegistry()
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	byDigest, err := reg.Push(img, "k8s-service/app", "v1")
	if err != nil {
		t.Fatal(err)
	}
	byTag, err := name.NewTag(reg.Host+"/k8s-service/app:v1", name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	pulled, err := remote.Image(byTag)
	if err != nil {
		t.Fatalf("pull by tag: %v", err)
	}
	pulledByDigest, err := remote.Image(byDigest)
	if err != nil {
		t.Fatalf("pull by digest: %v", err)
	}
	tagDigest, _ := pulled.Digest()
	digestDigest, _ := pulledByDigest.Digest()
	if tagDigest.String() != byDigest.DigestStr() || digestDigest != tagDigest {
		t.Errorf("digests: by tag %s, by digest %s, pushed %s", tagDigest, digestDigest, byDigest.DigestStr())
	}
	if mt, _ := pulled.MediaType(); mt != "application/vnd.oci.image.manifest.v1+json" {
		t.Errorf("manifest media type %s, want OCI", mt)
	}
	cfg, err := pulled.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cfg.Config.Entrypoint, " ") != "/app" || cfg.Config.User != NonRoot || cfg.OS != "linux" {
		t.Errorf("config %+v", cfg.Config)
	}
	app := extractApp(t, pulled)

	port, grpcPort := freePort(t), freePort(t)
	data := t.TempDir()
	var logs bytes.Buffer
	run := exec.Command(app)
	run.Env = append(os.Environ(), "PORT="+port, "GRPC_PORT="+grpcPort, "DATA_DIR="+data, "VERSION=v1", "GREETING=hello")
	run.Stdout, run.Stderr = &logs, &logs
	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = run.Process.Kill() }()
	base := "http://127.0.0.1:" + port
	waitFor(t, base+"/ready")

	expect(t, base+"/", http.StatusOK, `"version":"v1"`)
	expect(t, base+"/ready", http.StatusOK, "ok")
	expect(t, base+"/control/ready?fail=1", http.StatusOK, "ok")
	expect(t, base+"/ready", http.StatusServiceUnavailable, "failing")
	expect(t, base+"/healthz", http.StatusOK, "ok")
	expect(t, base+"/env", http.StatusOK, `"GREETING":"hello"`)
	put, _ := http.NewRequest(http.MethodPut, base+"/data", strings.NewReader("kept bytes"))
	if resp, err := http.DefaultClient.Do(put); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT /data: %v %v", resp, err)
	}
	expect(t, base+"/data", http.StatusOK, "kept bytes")
	expect(t, base+"/file?path="+filepath.Join(data, "data"), http.StatusOK, "kept bytes")
	expect(t, base+"/metrics", http.StatusOK, "app_requests_total")

	conn, err := grpc.NewClient("127.0.0.1:"+grpcPort, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	health, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{})
	if err != nil || health.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("gRPC health: %v %v", health, err)
	}
	ws, err := websocket.Dial("ws://127.0.0.1:"+port+"/ws", "", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Write([]byte("echo me")); err != nil {
		t.Fatal(err)
	}
	echo := make([]byte, 7)
	if _, err := io.ReadFull(ws, echo); err != nil || string(echo) != "echo me" {
		t.Errorf("WebSocket echo %q %v", echo, err)
	}
	ws.Close()

	// SIGTERM while a request is in flight: the request completes, the log counts it.
	slow := make(chan error, 1)
	go func() {
		resp, err := http.Get(base + "/slow?ms=1500")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"slept_ms":1500`) {
				err = fmt.Errorf("status %d, body %s", resp.StatusCode, body)
			}
		}
		slow <- err
	}()
	time.Sleep(300 * time.Millisecond)
	if err := run.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := <-slow; err != nil {
		t.Errorf("the in-flight request during SIGTERM: %v", err)
	}
	if err := run.Wait(); err != nil {
		t.Errorf("the app after SIGTERM: %v", err)
	}
	if !strings.Contains(logs.String(), "1 requests in flight; draining") || !strings.Contains(logs.String(), "drained") {
		t.Errorf("the app's log does not show the drain:\n%s", logs.String())
	}
}

// extractApp writes /app of the image's only layer to a file and returns its path.
func extractApp(t *testing.T, img v1.Image) string {
	t.Helper()
	layers, err := img.Layers()
	if err != nil || len(layers) != 1 {
		t.Fatalf("layers %d %v, want 1", len(layers), err)
	}
	rc, err := layers[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	hdr, err := tr.Next()
	if err != nil || hdr.Name != "app" || hdr.Mode&0o111 == 0 {
		t.Fatalf("the layer's first entry %+v %v, want an executable app", hdr, err)
	}
	path := filepath.Join(t.TempDir(), "app")
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	head := bufio.NewReader(tr)
	if magic, _ := head.Peek(4); string(magic) != "\x7fELF" {
		t.Fatalf("/app is not an ELF binary: %q", magic)
	}
	if _, err := io.Copy(out, head); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return path
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

// waitFor polls url (at most 10 s) until it answers.
func waitFor(t *testing.T, url string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return
		}
	}
	t.Fatalf("%s never answered", url)
}

// expect checks a GET's status and that its body holds want.
func expect(t *testing.T, url string, status int, want string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status || !strings.Contains(string(body), want) {
		t.Errorf("GET %s: %d %q, want %d with %q", url, resp.StatusCode, body, status, want)
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") && !json.Valid(body) {
		t.Errorf("GET %s: invalid JSON %q", url, body)
	}
}
