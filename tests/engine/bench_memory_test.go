//go:build engine

package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchPluginMemory reports the k8s-service plugin's peak resident memory (VmHWM, MiB)
// during `pulumi preview` and `pulumi up` of n new minimal services: the engine starts
// one plugin per command, which constructs every service.
func benchPluginMemory(b *testing.B, n int) {
	for i := 0; i < b.N; i++ {
		ns := namespace(b, fmt.Sprintf("bench-memory-%d-%d", n, benchRuns.Add(1)))
		s := newYAMLStack(b, ns)
		s.program(ns, componentProgram(b, ns, n, "1.27"))
		for _, step := range [][]string{{"preview"}, {"up", "--yes", "--skip-preview"}} {
			stop := samplePluginPeak()
			timed(b, benchStep(b, s.dir, step[0], step...))
			b.ReportMetric(stop(), "plugin-"+step[0]+"-MiB")
		}
	}
}

// samplePluginPeak watches every running k8s-service plugin process until stop is called,
// and stop returns the largest peak resident set (VmHWM) seen, in MiB. VmHWM only grows,
// so the last reading of each process before it exits is its peak to within the interval.
func samplePluginPeak() (stop func() float64) {
	var (
		mu   sync.Mutex
		peak float64
	)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			for _, kib := range pluginHighWaterMarks() {
				mu.Lock()
				peak = max(peak, float64(kib)/1024)
				mu.Unlock()
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(done)
		<-finished
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// pluginHighWaterMarks is the VmHWM, in KiB, of each running k8s-service plugin.
func pluginHighWaterMarks() []int {
	procs, _ := filepath.Glob("/proc/[0-9]*")
	var marks []int
	for _, proc := range procs {
		exe, err := os.Readlink(filepath.Join(proc, "exe"))
		if err != nil || filepath.Base(exe) != "pulumi-resource-k8s-service" {
			continue
		}
		status, err := os.ReadFile(filepath.Join(proc, "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if value, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				if kib, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(value), " kB")); err == nil {
					marks = append(marks, kib)
				}
			}
		}
	}
	return marks
}
