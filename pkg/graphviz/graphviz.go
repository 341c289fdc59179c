package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	gv "github.com/goccy/go-graphviz"

	// Imported for its init: a heap reserve that halves the collections
	// go-graphviz's garbage causes (see the package).
	_ "github.com/cjm-dev/cjm/pkg/graphviz/internal/heapreserve"
	"github.com/cjm-dev/cjm/pkg/graphviz/internal/wasmcache"
)

// go-graphviz has compiled (or loaded from the cache) its WebAssembly
// module by now; give the rest of the program its TMPDIR back.
func init() { wasmcache.Restore() }

// CacheDir is the directory whose go-graphviz subdirectory holds the
// compiled WebAssembly module; empty when there is no cache.
func CacheDir() string { return wasmcache.Dir }

// Renderer lays out DOT with a Graphviz engine and writes it in a format.
// The in-process engine (Render, InProcess) and the worker pool in
// pkg/renderpool both satisfy it, and the flow view's two-pass builder takes
// one.
type Renderer interface {
	Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error)
}

// Engines are the layout engines Render accepts. "dot" does the
// hierarchical layout; "nop" and "nop2" (neato -n, -n2) keep the positions
// given in the DOT; "neato" is accepted for completeness.
var Engines = []string{"dot", "neato", "nop", "nop1", "nop2"}

// Formats are the output formats Render accepts: "svg" (normalised, see
// NormalizeSVG), "plain" and "plain-ext" (positions as text), "dot" and
// "xdot" (the laid-out graph as DOT).
var Formats = []string{"svg", "plain", "plain-ext", "dot", "xdot"}

// ErrBroken is returned after the WebAssembly instance failed in a way
// that may have left it inconsistent (a trap or a panic inside go-graphviz).
// A process that sees it should stop rendering; a worker process exits.
var ErrBroken = errors.New("graphviz: the layout engine failed and cannot be reused in this process")

// InProcess is the Renderer that runs Graphviz in this process.
var InProcess Renderer = inProcess{}

type inProcess struct{}

func (inProcess) Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error) {
	return Render(ctx, dot, engine, format)
}

var (
	mu     sync.Mutex // guards every go-graphviz call
	gvc    *gv.Graphviz
	broken bool
	count  int
)

// Render lays out dot with engine and returns it in format. SVG output is
// passed through NormalizeSVG with no id prefix (the caller adds one with
// PrefixIDs). Calls are serialised: go-graphviz is not safe for
// concurrent use. A layout cannot be interrupted once started: ctx is
// checked before it starts only.
func Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error) {
	if !contains(Engines, engine) {
		return nil, fmt.Errorf("graphviz: unknown layout engine %q (want one of %s)", engine, strings.Join(Engines, ", "))
	}
	if !contains(Formats, format) {
		return nil, fmt.Errorf("graphviz: unknown output format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	mu.Lock()
	defer mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, err := renderLocked(ctx, dot, engine, format)
	if err != nil {
		return nil, err
	}
	if format == "svg" {
		out = NormalizeSVG(out)
	}
	return out, nil
}

// Renders returns how many layouts this process has run; workers use it
// for their reports.
func Renders() int {
	mu.Lock()
	defer mu.Unlock()
	return count
}

func renderLocked(ctx context.Context, dot []byte, engine, format string) (out []byte, err error) {
	if broken {
		return nil, ErrBroken
	}
	defer func() {
		if r := recover(); r != nil {
			broken = true
			out, err = nil, fmt.Errorf("%w: %v", ErrBroken, r)
		}
	}()
	if gvc == nil {
		// Without go-graphviz's default plugins: they are its Go renderers
		// for PNG and JPEG (which Render refuses) and an image loader for
		// them, and building them took 1 ms of every process that draws.
		// Graphviz's own svg, dot and plain renderers are built in.
		g, err := gv.NewWithPlugins(context.Background())
		if err != nil {
			return nil, fmt.Errorf("graphviz: cannot start: %w", err)
		}
		gvc = g
	}
	count++
	graph, err := gv.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("graphviz: %s", strings.TrimSpace(err.Error()))
	}
	if graph == nil {
		return nil, errors.New("graphviz: the DOT holds no graph")
	}
	defer graph.Close()
	gvc.SetLayout(gv.Layout(engine))
	var buf bytes.Buffer
	if err := gvc.Render(ctx, graph, gv.Format(format), &buf); err != nil {
		return nil, fmt.Errorf("graphviz: %s", strings.TrimSpace(err.Error()))
	}
	if buf.Len() == 0 {
		return nil, fmt.Errorf("graphviz: %s layout wrote no %s", engine, format)
	}
	return buf.Bytes(), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
