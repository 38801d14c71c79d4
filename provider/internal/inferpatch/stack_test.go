package inferpatch

import (
	"errors"
	"strings"
	"testing"
)

func TestOnFreshGoroutineReturnsWhatBuildReturns(t *testing.T) {
	want := errors.New("refused")
	got, err := onFreshGoroutine(func() (int, error) { return 7, want })
	if got != 7 || err != want {
		t.Errorf("got (%d, %v); want (7, %v)", got, err, want)
	}
}

// A panic while building a component fails its Construct call; the plugin, serving every
// other component of the deployment, stays up.
func TestOnFreshGoroutineTurnsAPanicIntoAnError(t *testing.T) {
	_, err := onFreshGoroutine(func() (int, error) { panic("index out of range") })
	if err == nil || !strings.Contains(err.Error(), "internal error") || !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("err = %v; want an internal error naming the panic", err)
	}
}
