package renderpool

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/cjm-dev/cjm/pkg/graphviz"
)

// InProcessLayouts is the largest batch that Default lays out in this
// process: below it, starting worker processes costs more than it gains,
// and Graphviz's memory growth is small.
const InProcessLayouts = 8

// Default is where the commands that draw many maps (cjm render, cjm site)
// run Graphviz: in this process for small batches and in `workers`
// recycled worker processes for larger ones; layouts is the number of
// Graphviz calls the batch makes (render.Plan's Layouts for each input). A
// layout that takes longer than timeout (0: no limit) fails with
// graphviz.ErrTimeout: a pooled one has its worker killed; an in-process
// one cannot be stopped, so its input fails and the layouts after it fail
// at once (the command ends soon after, and the layout with it). The
// returned function releases the workers.
//
// GOMAXPROCS is left alone: with one P a big in-process layout is faster
// (the Go runtime does not spread the WebAssembly engine's allocation and
// GC work over the other core), but setting it changes the whole process
// for every goroutine; docs/rendering.md has the figures.
func Default(layouts, workers int, timeout time.Duration) (graphviz.Renderer, func() error, error) {
	if layouts <= InProcessLayouts {
		return &deadline{r: graphviz.InProcess, timeout: timeout}, func() error { return nil }, nil
	}
	// Each worker may grow to maxRSS before it is replaced; the sum stays
	// near 320 MB whatever -j is, down to 96 MB a worker.
	maxRSS := max(int64(96<<20), int64(320<<20)/int64(max(workers, 1)))
	p := New(Options{Workers: workers, MaxRSS: maxRSS, LayoutTimeout: timeout})
	return p, p.Close, nil
}

// deadline bounds the layouts of an in-process Renderer: past timeout the
// caller gets graphviz.ErrTimeout while the layout runs on in the
// background, holding Graphviz; every later layout then fails at once.
type deadline struct {
	r       graphviz.Renderer
	timeout time.Duration

	mu    sync.Mutex
	stuck error
}

func (d *deadline) Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error) {
	if d.timeout <= 0 {
		return d.r.Render(ctx, dot, engine, format)
	}
	d.mu.Lock()
	stuck := d.stuck
	d.mu.Unlock()
	if stuck != nil {
		return nil, fmt.Errorf("not started: an earlier layout is still running: %w", stuck)
	}
	type result struct {
		data []byte
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		data, err := d.r.Render(ctx, dot, engine, format)
		ch <- result{data, err}
	}()
	t := time.NewTimer(d.timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.data, r.err
	case <-t.C:
		err := fmt.Errorf("%w; it cannot be stopped in this process", graphviz.TimeoutError(d.timeout))
		d.mu.Lock()
		d.stuck = err
		d.mu.Unlock()
		return nil, err
	}
}
