// Command kubernetes-as-released stands in front of the engine tier's
// pulumi-resource-kubernetes (the proxy's January 2026 pseudo-version, whose creates are
// server-side-apply upserts) and gives it the create semantics of the 4.30.0 release users
// download (pulumi/pulumi-kubernetes#4278): a create of an object that already exists fails
// with AlreadyExists, unless the provider is configured with upsertExistingObjects or the
// resource is a Patch resource; a preview of such a create shows the inputs as they are.
// A StatefulSet created or updated is awaited as the release awaits it (statefulsets.go).
// Every other call passes through unchanged, byte for byte.
//
// The engine starts it as the kubernetes plugin; it starts the real provider (the path in
// $K8S_SERVICE_KUBERNETES_PROVIDER) with the same arguments and serves its port.
package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
)

// ProviderEnv names the real provider's binary.
const ProviderEnv = "K8S_SERVICE_KUBERNETES_PROVIDER"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "kubernetes-as-released:", err)
		os.Exit(1)
	}
}

func run() error {
	real := os.Getenv(ProviderEnv)
	if real == "" {
		return fmt.Errorf("$%s names no provider binary", ProviderEnv)
	}
	cmd := exec.Command(real, os.Args[1:]...)
	cmd.Stderr = os.Stderr
	// The engine ends a plugin with a signal, or kills it: the provider goes with the proxy.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	// The plugin protocol: the first line a plugin prints is its port; the rest is logs.
	lines := bufio.NewReader(stdout)
	port, err := lines.ReadString('\n')
	if err != nil {
		return fmt.Errorf("reading the provider's port: %w", err)
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(rawCodec{}), grpc.MaxCallRecvMsgSize(1<<30), grpc.MaxCallSendMsgSize(1<<30)))
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	p := &proxy{conn: conn, creates: &releaseCreates{cancelled: make(chan struct{})}}
	server := grpc.NewServer(grpc.ForceServerCodec(rawCodec{}), grpc.UnknownServiceHandler(p.handle),
		grpc.MaxRecvMsgSize(1<<30), grpc.MaxSendMsgSize(1<<30))
	fmt.Printf("%d\n", listener.Addr().(*net.TCPAddr).Port)
	go func() { _, _ = io.Copy(os.Stdout, lines) }()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	go func() {
		// When the provider ends, so does the proxy.
		_ = cmd.Wait()
		server.Stop()
	}()
	go func() {
		// A killed engine (SIGKILL) leaves its plugins behind: the proxy ends with it, and
		// the provider with the proxy (Pdeathsig).
		engine := os.Getppid()
		for range time.Tick(time.Second) {
			if os.Getppid() != engine {
				os.Exit(0)
			}
		}
	}()
	return server.Serve(listener)
}

// proxy forwards every call to the real provider, letting releaseCreates answer first.
type proxy struct {
	conn    *grpc.ClientConn
	creates *releaseCreates
}

const (
	configureMethod = "/pulumirpc.ResourceProvider/Configure"
	createMethod    = "/pulumirpc.ResourceProvider/Create"
	updateMethod    = "/pulumirpc.ResourceProvider/Update"
	cancelMethod    = "/pulumirpc.ResourceProvider/Cancel"
)

func (p *proxy) handle(_ any, in grpc.ServerStream) error {
	method, _ := grpc.MethodFromServerStream(in)
	ctx := in.Context()
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		ctx = metadata.NewOutgoingContext(ctx, md.Copy())
	}
	switch method {
	case cancelMethod:
		p.creates.cancel()
	case configureMethod:
		var req frame
		if err := in.RecvMsg(&req); err != nil {
			return err
		}
		if err := p.creates.configure(req); err != nil {
			return err
		}
		return p.unary(ctx, in, method, req)
	case createMethod, updateMethod:
		var req frame
		if err := in.RecvMsg(&req); err != nil {
			return err
		}
		if method == createMethod {
			answer, err := p.creates.answer(ctx, req)
			if err != nil || answer != nil {
				if err == nil {
					err = in.SendMsg(answer)
				}
				return err
			}
		}
		var resp frame
		if err := p.conn.Invoke(ctx, method, req, &resp); err != nil {
			return err
		}
		if err := p.creates.afterWrite(ctx, method, req, resp); err != nil {
			return err
		}
		return in.SendMsg(resp)
	}
	return p.stream(ctx, in, method)
}

// unary forwards one request already read and sends back the provider's answer.
func (p *proxy) unary(ctx context.Context, in grpc.ServerStream, method string, req frame) error {
	var resp frame
	if err := p.conn.Invoke(ctx, method, req, &resp); err != nil {
		return err
	}
	return in.SendMsg(resp)
}

// stream forwards a call of any shape: messages both ways until either side ends.
func (p *proxy) stream(ctx context.Context, in grpc.ServerStream, method string) error {
	out, err := p.conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}, method)
	if err != nil {
		return err
	}
	sent := make(chan error, 1)
	go func() {
		for {
			var m frame
			if err := in.RecvMsg(&m); err != nil {
				if err == io.EOF {
					err = out.CloseSend()
				}
				sent <- err
				return
			}
			if err := out.SendMsg(m); err != nil {
				sent <- err
				return
			}
		}
	}()
	for {
		var m frame
		if err := out.RecvMsg(&m); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		if err := in.SendMsg(m); err != nil {
			return err
		}
	}
}

// frame is one message as it travels: the proxy reads only what it must.
type frame []byte

// rawCodec passes frames through without decoding them.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }

func (rawCodec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case frame:
		return m, nil
	case *frame:
		return *m, nil
	}
	return nil, fmt.Errorf("rawCodec cannot marshal %T", v)
}

func (rawCodec) Unmarshal(data []byte, v any) error {
	m, ok := v.(*frame)
	if !ok {
		return fmt.Errorf("rawCodec cannot unmarshal into %T", v)
	}
	*m = append((*m)[:0], data...)
	return nil
}
