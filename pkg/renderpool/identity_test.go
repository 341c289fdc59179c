package renderpool

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/graphviz"
)

// TestErrorIdentity: a worker's ErrBroken is still ErrBroken in the
// parent, with the worker's message; the broken worker is replaced.
func TestErrorIdentity(t *testing.T) {
	p := New(Options{Workers: 1, Command: fakeCommand("broken")})
	defer p.Close()
	for i := 0; i < 2; i++ {
		_, err := p.Render(context.Background(), graphs()[0], "dot", "svg")
		if !errors.Is(err, graphviz.ErrBroken) {
			t.Fatalf("err = %v (%T), want one that wraps graphviz.ErrBroken", err, err)
		}
		if !strings.Contains(err.Error(), "a trap in the engine") {
			t.Errorf("the worker's message is lost: %v", err)
		}
	}
	if s := p.Stats(); s.Started != 2 {
		t.Errorf("started %d workers, want a new one after each broken layout", s.Started)
	}
	// A plain Graphviz error wraps no sentinel.
	q := New(Options{Workers: 1, Command: testCommand})
	defer q.Close()
	_, err := q.Render(context.Background(), []byte("digraph { a -> }"), "dot", "svg")
	if err == nil || errors.Is(err, graphviz.ErrBroken) || errors.Is(err, graphviz.ErrTimeout) {
		t.Errorf("syntax error: %v", err)
	}
}

// TestLayoutTimeout: a layout past Options.LayoutTimeout has its worker
// killed and fails with graphviz.ErrTimeout; the pool goes on. The
// deadline is generous: the next layout starts a fresh worker, whose start
// counts against it, on a loaded machine too.
func TestLayoutTimeout(t *testing.T) {
	p := New(Options{Workers: 1, LayoutTimeout: 2 * time.Second, Command: testCommand})
	defer p.Close()
	start := time.Now()
	_, err := p.Render(context.Background(), runaway(), "dot", "svg")
	if !errors.Is(err, graphviz.ErrTimeout) || !strings.Contains(err.Error(), "2s") || !strings.Contains(err.Error(), "worker process was killed") {
		t.Fatalf("err = %v, want a timeout that says how long and that the worker was killed", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}
	if s := p.Stats(); s.Killed != 1 {
		t.Errorf("killed = %d, want 1", s.Killed)
	}
	if _, err := p.Render(context.Background(), graphs()[0], "dot", "svg"); err != nil {
		t.Fatalf("render after a timeout: %v", err)
	}
}
