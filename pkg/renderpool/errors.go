package renderpool

import (
	"context"
	"errors"

	"github.com/cjm-dev/cjm/pkg/graphviz"
)

// errKind names, on the pipe, the sentinel error a worker's error wraps.
type errKind int

const (
	kindNone errKind = iota
	kindBroken
	kindTimeout
	kindCanceled
	kindDeadline
)

// sentinels are the errors whose identity survives the pipe, by kind.
var sentinels = map[errKind]error{
	kindBroken:   graphviz.ErrBroken,
	kindTimeout:  graphviz.ErrTimeout,
	kindCanceled: context.Canceled,
	kindDeadline: context.DeadlineExceeded,
}

// kindOf is the kind of the first sentinel that err wraps.
func kindOf(err error) errKind {
	for _, k := range []errKind{kindBroken, kindTimeout, kindCanceled, kindDeadline} {
		if errors.Is(err, sentinels[k]) {
			return k
		}
	}
	return kindNone
}

// wrap rebuilds a worker's error: its message as the worker wrote it,
// wrapping the sentinel of its kind.
func (k errKind) wrap(msg string) error {
	return &remoteError{msg: msg, kind: sentinels[k]}
}

// remoteError is an error that came over the pipe.
type remoteError struct {
	msg  string
	kind error // nil when it wraps no known sentinel
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.kind }
