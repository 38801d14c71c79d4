// startup measures the plugin's cold start as the engine sees it: from starting the
// process to the first GetSchema answer, over fresh processes, and prints the median.
//
//	go run ./tests/bench/startup <plugin binary> [runs]
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi-go-provider/integration/fake"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: startup <plugin binary> [runs]")
		os.Exit(2)
	}
	runs := 21
	if len(os.Args) > 2 {
		runs, _ = strconv.Atoi(os.Args[2])
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	engine, _, err := fake.StartEngineServer(ctx, fake.NewEngineServer())
	if err != nil {
		fail(err)
	}
	var times []time.Duration
	for i := 0; i < runs; i++ {
		d, size, err := timeToSchema(os.Args[1], engine)
		if err != nil {
			fail(err)
		}
		if i == 0 {
			fmt.Printf("first run: %v (schema %d bytes)\n", d.Round(time.Millisecond), size)
		}
		times = append(times, d)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("runs: %d  median: %v  min: %v  p90: %v  max: %v\n", runs,
		times[len(times)/2].Round(100*time.Microsecond), times[0].Round(100*time.Microsecond),
		times[len(times)*9/10].Round(100*time.Microsecond), times[len(times)-1].Round(100*time.Microsecond))
}

// timeToSchema starts the plugin as the engine does (engine address as argument; the
// plugin prints its port) and times the first GetSchema answer.
func timeToSchema(plugin, engine string) (time.Duration, int, error) {
	start := time.Now()
	cmd := exec.Command(plugin, engine)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	port, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return 0, 0, fmt.Errorf("reading the plugin's port: %w", err)
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close()
	resp, err := pulumirpc.NewResourceProviderClient(conn).GetSchema(context.Background(), &pulumirpc.GetSchemaRequest{})
	if err != nil {
		return 0, 0, err
	}
	return time.Since(start), len(resp.GetSchema()), nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "startup:", err)
	os.Exit(1)
}
