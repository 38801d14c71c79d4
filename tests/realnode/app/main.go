// Command app is the real-node tier's test application: one static binary that serves what
// the component's run-time promises are checked against (probes it can be told to fail,
// its env and mounted files, a file on its volume, metrics, gRPC health, a WebSocket echo)
// and drains in-flight requests on SIGTERM, logging how many there were.
//
//	PORT (8080)       HTTP: /, /healthz, /ready, /env, /file?path=, /data, /metrics, /slow?ms=, /burn?ms=,
//	                  /fetch?url= (a GET from inside the pod, for network policies), /ws, /control/...
//	GRPC_PORT (9090)  gRPC health (grpc.health.v1)
//	DATA_DIR          where /data reads and writes (a persistent volume)
//	VERSION           reported by / (the image sets it)
//	FAIL_READY=1      /ready fails from the start; FAIL_LIVE=1 the same for /healthz
//	EXIT_AFTER=<dur>  exit 1 after that long (a crashing container)
//	READY_AFTER=<dur> /ready fails until that long after start (a slow starter)
//	LIVE_AFTER=<dur>  /healthz fails until that long after start (a slow starter)
//
// `app pause` only waits for SIGTERM: the real node's pod sandbox image.
// `app check-env KEY=VALUE...` exits 0 when the environment holds each pair, else 1 (a
// cron job's run).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/net/websocket"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "pause" {
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
		<-stop
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "check-env" {
		os.Exit(checkEnv(os.Args[2:]))
	}
	a := newApp(os.Getenv)
	if d, err := time.ParseDuration(os.Getenv("EXIT_AFTER")); err == nil {
		go func() { time.Sleep(d); log.Printf("exiting after %s, as EXIT_AFTER says", d); os.Exit(1) }()
	}
	httpServer := &http.Server{Addr: ":" + env("PORT", "8080"), Handler: a.routes(), ReadHeaderTimeout: 10 * time.Second}
	grpcServer := grpc.NewServer()
	healthpb.RegisterHealthServer(grpcServer, a.grpcHealth)
	grpcListener, err := net.Listen("tcp", ":"+env("GRPC_PORT", "9090"))
	if err != nil {
		log.Fatal(err)
	}
	go func() { _ = grpcServer.Serve(grpcListener) }()
	go func() {
		if err := httpServer.ListenAndServe(); err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	log.Printf("serving HTTP on %s and gRPC on %s, version %q", httpServer.Addr, grpcListener.Addr(), a.version)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	sig := <-stop
	log.Printf("%s: %d requests in flight; draining", sig, a.inFlight.Load())
	a.grpcHealth.Shutdown()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(ctx); err != nil {
		log.Printf("drain: %v", err)
	}
	grpcServer.GracefulStop()
	log.Printf("drained; %d requests served", a.served.Load())
}

// app is the application's state: whether it reports itself live and ready, and its counters.
type app struct {
	version          string
	dataDir          string
	started          time.Time
	readyAfter       time.Duration
	liveAfter        time.Duration
	failLive         atomic.Bool
	failReady        atomic.Bool
	inFlight, served atomic.Int64
	grpcHealth       *health.Server
}

func newApp(getenv func(string) string) *app {
	a := &app{version: getenv("VERSION"), dataDir: getenv("DATA_DIR"), started: time.Now(), grpcHealth: health.NewServer()}
	a.readyAfter, _ = time.ParseDuration(getenv("READY_AFTER"))
	a.liveAfter, _ = time.ParseDuration(getenv("LIVE_AFTER"))
	a.failLive.Store(getenv("FAIL_LIVE") == "1")
	a.failReady.Store(getenv("FAIL_READY") == "1")
	return a
}

func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", a.hello)
	mux.HandleFunc("/healthz", a.check(&a.failLive, a.liveAfter))
	mux.HandleFunc("/ready", a.check(&a.failReady, a.readyAfter))
	mux.HandleFunc("/env", a.env)
	mux.HandleFunc("/file", a.file)
	mux.HandleFunc("/data", a.data)
	mux.HandleFunc("/metrics", a.metrics)
	mux.HandleFunc("/slow", a.slow)
	mux.HandleFunc("/burn", a.burn)
	mux.HandleFunc("/fetch", a.fetch)
	mux.HandleFunc("/control/", a.control)
	mux.Handle("/ws", websocket.Handler(func(ws *websocket.Conn) { _, _ = io.Copy(ws, ws) }))
	return a.counted(mux)
}

// counted keeps the in-flight and served counts that SIGTERM logs.
func (a *app) counted(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.inFlight.Add(1)
		defer func() { a.inFlight.Add(-1); a.served.Add(1) }()
		next.ServeHTTP(w, r)
	})
}

func (a *app) hello(w http.ResponseWriter, r *http.Request) {
	host, _ := os.Hostname()
	writeJSON(w, map[string]string{"host": host, "version": a.version, "path": r.URL.Path})
}

// check answers a probe: 503 while told to fail or before its delay, 200 otherwise.
func (a *app) check(fail *atomic.Bool, after time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if fail.Load() || time.Since(a.started) < after {
			http.Error(w, "failing", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	}
}

func (a *app) env(w http.ResponseWriter, _ *http.Request) {
	vars := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	writeJSON(w, vars)
}

func (a *app) file(w http.ResponseWriter, r *http.Request) {
	body, err := os.ReadFile(filepath.Clean(r.URL.Query().Get("path")))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_, _ = w.Write(body)
}

// data reads (GET) or replaces (PUT) DATA_DIR/data.
func (a *app) data(w http.ResponseWriter, r *http.Request) {
	if a.dataDir == "" {
		http.Error(w, "no DATA_DIR", http.StatusNotFound)
		return
	}
	path := filepath.Join(a.dataDir, "data")
	if r.Method == http.MethodPut {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err == nil {
			err = os.WriteFile(path, body, 0o600)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
		return
	}
	body, err := os.ReadFile(path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_, _ = w.Write(body)
}

func (a *app) metrics(w http.ResponseWriter, _ *http.Request) {
	fmt.Fprintf(w, "# TYPE app_requests_total counter\napp_requests_total %d\n# TYPE app_in_flight gauge\napp_in_flight %d\n",
		a.served.Load(), a.inFlight.Load())
}

// slow answers after ms milliseconds: an in-flight request for the drain to wait on.
func (a *app) slow(w http.ResponseWriter, r *http.Request) {
	ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
	time.Sleep(time.Duration(ms) * time.Millisecond)
	writeJSON(w, map[string]any{"slept_ms": ms, "version": a.version})
}

// burn keeps a CPU busy for ms milliseconds (at most 1 s): load for the autoscaler.
func (a *app) burn(w http.ResponseWriter, r *http.Request) {
	ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
	deadline := time.Now().Add(time.Duration(min(ms, 1000)) * time.Millisecond)
	n := 0
	for time.Now().Before(deadline) {
		n++
	}
	writeJSON(w, map[string]any{"burned_ms": ms, "version": a.version, "spins": n})
}

// fetch GETs url from inside the pod (within 3 s) and says what came back: 200 with the
// body when the request was answered, 502 with the error when it was not (refused, timed
// out: what a network policy does to it).
func (a *app) fetch(w http.ResponseWriter, r *http.Request) {
	client := http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get(r.URL.Query().Get("url"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body)
}

// control flips the probes: /control/ready?fail=1, /control/live?fail=0.
func (a *app) control(w http.ResponseWriter, r *http.Request) {
	fail := r.URL.Query().Get("fail") == "1"
	switch strings.TrimPrefix(r.URL.Path, "/control/") {
	case "ready":
		a.failReady.Store(fail)
	case "live":
		a.failLive.Store(fail)
	default:
		http.NotFound(w, r)
		return
	}
	fmt.Fprintln(w, "ok")
}

// checkEnv is 0 when every KEY=VALUE pair is in the environment.
func checkEnv(pairs []string) int {
	for _, pair := range pairs {
		k, want, _ := strings.Cut(pair, "=")
		if got := os.Getenv(k); got != want {
			log.Printf("%s is %q, want %q", k, got, want)
			return 1
		}
	}
	log.Printf("the environment holds %v", pairs)
	return 0
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
