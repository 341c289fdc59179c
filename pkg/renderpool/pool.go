package renderpool

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/cjm-dev/cjm/pkg/graphviz"
)

// WorkerEnv is set in a worker's environment; a test binary checks it in
// TestMain to act as a worker.
const WorkerEnv = "CJM_RENDER_WORKER"

// WorkerCommand is the hidden sub-command of cjm that runs Serve.
const WorkerCommand = "__render-worker"

// Defaults of Options.
const (
	DefaultMaxRenders = 200
	DefaultMaxRSS     = 160 << 20
)

// DefaultLayoutTimeout is the deadline of a layout that cjm's commands
// use unless told otherwise (cjm render --layout-timeout, cjm serve). A
// zero Options.LayoutTimeout means no deadline.
const DefaultLayoutTimeout = 60 * time.Second

// Options tune a Pool.
type Options struct {
	// Workers is the largest number of worker processes running at once;
	// zero means one.
	Workers int
	// MaxRenders replaces a worker after this many layouts; zero means
	// DefaultMaxRenders.
	MaxRenders int
	// MaxRSS replaces a worker once its resident memory passes this many
	// bytes (measured after each layout where the system tells); zero
	// means DefaultMaxRSS.
	MaxRSS int64
	// LayoutTimeout bounds one layout: past it the worker is killed and
	// Render returns an error that wraps graphviz.ErrTimeout. Zero means
	// no bound.
	LayoutTimeout time.Duration
	// Command returns the command that starts a worker; nil means this
	// executable with the WorkerCommand argument. Either way the worker
	// is started so that it dies with this process (see dieWithParent).
	Command func() *exec.Cmd
}

// Stats count what a pool did.
type Stats struct {
	Renders int // layouts done
	Started int // worker processes started
	Killed  int // workers killed (cancelled or timed-out layouts)
	PeakRSS int64
}

// Pool hands layouts to worker processes. It is safe for concurrent use;
// Render blocks while all workers are busy.
type Pool struct {
	opts  Options
	slots chan struct{} // one token per worker that may run
	mu    sync.Mutex
	idle  []*worker
	stats Stats
	done  bool
	// retiring counts workers being stopped; Close waits for them, so
	// every worker is reaped before the pool's owner exits.
	retiring sync.WaitGroup
}

// New returns a pool; workers start on first use.
func New(opts Options) *Pool {
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	if opts.MaxRenders <= 0 {
		opts.MaxRenders = DefaultMaxRenders
	}
	if opts.MaxRSS <= 0 {
		opts.MaxRSS = DefaultMaxRSS
	}
	if opts.Command == nil {
		opts.Command = selfCommand
	}
	p := &Pool{opts: opts, slots: make(chan struct{}, opts.Workers)}
	for i := 0; i < opts.Workers; i++ {
		p.slots <- struct{}{}
	}
	return p
}

func selfCommand() *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	cmd := exec.Command(exe, WorkerCommand)
	cmd.Env = WorkerEnviron()
	return cmd
}

// WorkerEnviron is the environment of a worker: this process's, with
// WorkerEnv set and GOMAXPROCS=1. A layout runs on one thread; more
// threads only let the Go runtime spread its own work over cores that the
// other workers need (measured: a worker with GOMAXPROCS=1 lays out a
// small map in 24 ms of CPU, with 2 in 32 ms).
func WorkerEnviron() []string {
	return append(os.Environ(), WorkerEnv+"=1", "GOMAXPROCS=1")
}

// request and response are the gob values on the pipes.
type request struct {
	DOT    []byte
	Engine string
	Format string
}

type response struct {
	Data []byte
	Err  string
	// Kind names the sentinel error that Err wraps, so the error keeps
	// its identity across the pipe (errors.Is works in the parent).
	Kind errKind
	// RSS is the worker's resident memory after the layout, 0 if unknown.
	RSS int64
	// Broken says the worker's Graphviz cannot be used any more; it exits.
	Broken bool
}

type worker struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	enc     *gob.Encoder
	dec     *gob.Decoder
	stderr  *tailBuffer
	renders int
	exited  chan struct{}
}

// Render lays out dot in a worker process. When ctx is done before the
// result arrives, the worker is killed and ctx's error returned; when the
// layout runs past Options.LayoutTimeout, the worker is killed and the
// error wraps graphviz.ErrTimeout. An error of the worker's Graphviz keeps
// its identity: errors.Is(err, graphviz.ErrBroken) works here.
func (p *Pool) Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error) {
	select {
	case <-p.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { p.slots <- struct{}{} }()

	w, err := p.get()
	if err != nil {
		return nil, err
	}
	type result struct {
		resp response
		err  error
	}
	ch := make(chan result, 1)
	var timeout <-chan time.Time
	if p.opts.LayoutTimeout > 0 {
		t := time.NewTimer(p.opts.LayoutTimeout)
		defer t.Stop()
		timeout = t.C
	}
	go func() {
		var r result
		if r.err = w.enc.Encode(request{DOT: dot, Engine: engine, Format: format}); r.err == nil {
			r.err = w.dec.Decode(&r.resp)
		}
		ch <- r
	}()
	select {
	case <-ctx.Done():
		w.kill()
		<-ch
		p.mu.Lock()
		p.stats.Killed++
		p.mu.Unlock()
		return nil, fmt.Errorf("layout stopped: %w", ctx.Err())
	case <-timeout:
		w.kill()
		<-ch
		p.mu.Lock()
		p.stats.Killed++
		p.mu.Unlock()
		return nil, fmt.Errorf("%w; its worker process was killed", graphviz.TimeoutError(p.opts.LayoutTimeout))
	case r := <-ch:
		if r.err != nil {
			w.kill()
			return nil, fmt.Errorf("render worker failed: %v%s", r.err, w.stderr.note())
		}
		w.renders++
		p.mu.Lock()
		p.stats.Renders++
		p.stats.PeakRSS = max(p.stats.PeakRSS, r.resp.RSS)
		p.mu.Unlock()
		if r.resp.Broken || w.renders >= p.opts.MaxRenders || r.resp.RSS > p.opts.MaxRSS {
			p.retire(w)
		} else {
			p.put(w)
		}
		if r.resp.Err != "" {
			return nil, r.resp.Kind.wrap(r.resp.Err)
		}
		return r.resp.Data, nil
	}
}

func (p *Pool) get() (*worker, error) {
	p.mu.Lock()
	if p.done {
		p.mu.Unlock()
		return nil, errors.New("render pool is closed")
	}
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return w, nil
	}
	p.stats.Started++
	p.mu.Unlock()
	return p.start()
}

func (p *Pool) put(w *worker) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		p.retireLocked(w)
		return
	}
	p.idle = append(p.idle, w)
}

// retire stops a worker in the background.
func (p *Pool) retire(w *worker) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.retireLocked(w)
}

func (p *Pool) retireLocked(w *worker) {
	p.retiring.Add(1)
	go func() {
		defer p.retiring.Done()
		w.close()
	}()
}

func (p *Pool) start() (*worker, error) {
	cmd := p.opts.Command()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	tail := &tailBuffer{max: 4 << 10}
	cmd.Stderr = tail
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start a render worker: %w", err)
	}
	w := &worker{cmd: cmd, stdin: stdin, enc: gob.NewEncoder(stdin), dec: gob.NewDecoder(stdout), stderr: tail, exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(w.exited)
	}()
	return w, nil
}

// close asks the worker to finish (EOF on stdin) and kills it if it does
// not within a few seconds.
func (w *worker) close() {
	w.stdin.Close()
	select {
	case <-w.exited:
	case <-time.After(5 * time.Second):
		w.kill()
	}
}

func (w *worker) kill() {
	if w.cmd.Process != nil {
		w.cmd.Process.Kill()
	}
	w.stdin.Close()
	<-w.exited
}

// Close stops all idle workers and those being retired, and waits for
// them. Busy workers finish their layout and are stopped when they come
// back; call Close after the last Render has returned to wait for all.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.done = true
	for _, w := range p.idle {
		p.retireLocked(w)
	}
	p.idle = nil
	p.mu.Unlock()
	p.retiring.Wait()
	return nil
}

// Stats returns what the pool has done so far.
func (p *Pool) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// tailBuffer keeps the last max bytes written to it: a worker's stderr,
// quoted when it dies.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(b), nil
}

func (t *tailBuffer) note() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := strings.TrimSpace(string(bytes.ToValidUTF8(t.buf, []byte("?"))))
	if s == "" {
		return ""
	}
	return "; it said: " + s
}
