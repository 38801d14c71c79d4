package inferpatch

import (
	"fmt"
	"runtime/debug"
)

// onFreshGoroutine runs build on a goroutine of its own and returns its result.
//
// The Go SDK sends the registering goroutine's whole call stack with every resource, and
// the engine keeps it in the state beside the resource (after the stack of the program
// that declared the component). Under the gRPC server a child's stack was 20 frames of
// the server, the SDK and pulumi-go-provider, 2.3 KB per resource: 41 % of a minimal
// service's state, which the file backend serializes and rewrites twice per step. On a
// fresh goroutine the stack holds the component's own frames only.
//
// A panic in build becomes the Construct call's error instead of ending the plugin.
func onFreshGoroutine[T any](build func() (T, error)) (result T, err error) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("k8s-service: internal error (please report it): %v\n%s", r, debug.Stack())
			}
		}()
		result, err = build()
	}()
	<-done
	return result, err
}
