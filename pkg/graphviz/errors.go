package graphviz

import (
	"errors"
	"fmt"
	"time"
)

// ErrTimeout is the error of a layout that did not finish in the time it
// was given (the worker pool kills its worker; see TimeoutError).
var ErrTimeout = errors.New("graphviz: the layout took too long")

// TimeoutError is the error of a layout stopped after d: it wraps
// ErrTimeout and says how long it was given.
func TimeoutError(d time.Duration) error {
	return fmt.Errorf("%w: stopped after %s", ErrTimeout, d)
}
