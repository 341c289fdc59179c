package serve

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"sort"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/render"
	"github.com/cjm-dev/cjm/pkg/renderpool"
	"github.com/cjm-dev/cjm/pkg/serve"
)

// DefaultAddr is where the preview listens unless --addr says otherwise:
// loopback only.
const DefaultAddr = "127.0.0.1:8080"

// WorkerMaxRSS is the size past which the preview's Graphviz worker is
// replaced (after the layout that grew it): the worker holds the only
// Graphviz of the preview, so its memory is what a long session adds.
const WorkerMaxRSS = 160 << 20

// Options are the dependencies and flag values of `cjm serve`.
type Options struct {
	IO   *iostreams.IOStreams
	Root string

	Path string
	Addr string

	// Render renders one file and Deps lists the files its last render
	// read; nil means a Pipeline on Root whose Graphviz runs in a worker
	// process (pkg/renderpool).
	Render serve.Renderer
	Deps   func(file string) []string
	// Listen opens the listener; nil means net.Listen. Tests pass one
	// that returns a listener on a free port.
	Listen func(network, addr string) (net.Listener, error)
}

// NewCmdServe builds `cjm serve`. runF replaces serveRun in tests.
func NewCmdServe(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "serve PATH",
		Short: "Preview maps in the browser, live as you edit",
		Long: `Serve a local page with the rendered views (journey map and touchpoint
flow) of the map at PATH, or an index of the maps in the directory PATH.
Every open page updates within a second of a save; a file with errors shows
its findings instead of the diagrams until it is fixed.

The preview listens on 127.0.0.1 (loopback) unless --addr names another
address, and answers only requests addressed to localhost while it does.
Stop it with Ctrl-C.`,
		Example: `  cjm serve maps/b2b.yaml
  cjm serve --addr 127.0.0.1:9000 maps/`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			opts.Root = f.Root
			if _, _, err := net.SplitHostPort(opts.Addr); err != nil {
				return cmdutil.FlagErrorf("--addr %q is not HOST:PORT (e.g. %s)", opts.Addr, DefaultAddr)
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if runF != nil {
				return runF(ctx, opts)
			}
			ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serveRun(ctx, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", DefaultAddr, "listen on `HOST:PORT`; port 0 picks a free one")
	return cmd
}

// Pipeline checks files and draws every view of the registry with
// pkg/render, as `cjm render -f svg` does (same bytes), Graphviz running
// in Renderer. It remembers which files each render read, for
// serve.Options.Deps.
type Pipeline struct {
	Root string
	// Renderer runs Graphviz: a renderpool.Pool in cjm serve, so that the
	// memory Graphviz never gives back goes with a recycled worker.
	Renderer graphviz.Renderer

	mu   sync.Mutex
	read map[string][]string
}

// Render is a serve.Renderer.
func (p *Pipeline) Render(ctx context.Context, path string) (views map[string][]byte, ds diag.Diagnostics, err error) {
	defer func() {
		if r := recover(); r != nil {
			views, err = nil, fmt.Errorf("internal error while rendering: %v; please report this with the file that caused it", r)
		}
	}()
	res := check.File(path, load.Options{Root: p.Root})
	files := make([]string, 0, len(res.Sources))
	for name := range res.Sources {
		files = append(files, name)
	}
	sort.Strings(files)
	p.mu.Lock()
	if p.read == nil {
		p.read = map[string][]string{}
	}
	p.read[path] = files
	p.mu.Unlock()
	if res.Map == nil || res.Diags.HasErrors() || res.Map.Catalogue {
		return nil, res.Diags, nil
	}
	outs, err := render.Render(ctx, res.Map, render.Options{Views: render.ViewNames(), Formats: []string{"svg"}, File: path, Renderer: p.Renderer})
	if err != nil {
		return nil, res.Diags, err
	}
	views = make(map[string][]byte, len(outs))
	for _, o := range outs {
		views[o.View] = o.Data
	}
	return views, res.Diags, nil
}

// Views are the views the preview shows, in the registry's order, with
// their headings (in English, the language of the page).
func Views() []serve.View {
	var out []serve.View
	for _, v := range render.Views() {
		out = append(out, serve.View{Name: v.Name, Title: v.Heading(i18n.Default)})
	}
	return out
}

// Deps returns the files the last render of path read: the file itself and
// its included catalogues.
func (p *Pipeline) Deps(path string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.read[path]
}

func serveRun(ctx context.Context, opts *Options) error {
	rnd, deps := opts.Render, opts.Deps
	if rnd == nil {
		// One worker: the preview renders one file at a time. A layout
		// that runs away is stopped after the same deadline as cjm
		// render's, and the page shows the error.
		pool := renderpool.New(renderpool.Options{Workers: 1, MaxRSS: WorkerMaxRSS, LayoutTimeout: renderpool.DefaultLayoutTimeout})
		defer pool.Close()
		p := &Pipeline{Root: opts.Root, Renderer: pool}
		rnd, deps = p.Render, p.Deps
	}
	srv, err := serve.New(serve.Options{Path: opts.Path, Render: rnd, Deps: deps, Views: Views()})
	if err != nil {
		return err
	}
	listen := opts.Listen
	if listen == nil {
		listen = net.Listen
	}
	ln, err := listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", opts.Addr, err)
	}
	addr := ln.Addr().String()
	if host, _, _ := net.SplitHostPort(addr); !isLoopback(host) {
		fmt.Fprintf(opts.IO.ErrOut, "warning: listening on %s: other machines on the network can see these maps\n", addr)
	}
	if !opts.IO.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "serving %s at http://%s/ (Ctrl-C to stop)\n", opts.Path, addr)
	}
	return srv.Serve(ctx, ln)
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
