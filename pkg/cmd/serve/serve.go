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
	"github.com/cjm-dev/cjm/pkg/cmd/render"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/paths"
	"github.com/cjm-dev/cjm/pkg/serve"
)

// DefaultAddr is where the preview listens unless --addr says otherwise:
// loopback only.
const DefaultAddr = "127.0.0.1:8080"

// Views are the views the preview shows, in order.
var Views = []string{"map", "flow"}

// Options are the dependencies and flag values of `cjm serve`.
type Options struct {
	IO   *iostreams.IOStreams
	Root string

	Path string
	Addr string
	// MaxBytes is --max-size: the largest file read.
	MaxBytes int64

	// Render renders one file and Deps lists the files its last render
	// read; nil means a Pipeline on Root.
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
	cmdutil.AddMaxSizeFlag(cmd.Flags(), &opts.MaxBytes)
	cmd.Flags().StringVar(&opts.Addr, "addr", DefaultAddr, "listen on `HOST:PORT`; port 0 picks a free one")
	return cmd
}

// Pipeline checks files and draws their views with the pipeline of `cjm
// render`, Graphviz running in this process (behind its one lock). It
// remembers which files each render read, for serve.Options.Deps.
type Pipeline struct {
	Root string
	// MaxBytes is the size limit of each file read (0: the default).
	MaxBytes int64

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
	res := check.File(path, load.Options{Root: p.Root, MaxBytes: p.MaxBytes})
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
	views, err = render.ViewSVGs(ctx, path, res.Map, graphviz.InProcess, Views)
	return views, res.Diags, err
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
		p := &Pipeline{Root: opts.Root, MaxBytes: opts.MaxBytes}
		rnd, deps = p.Render, p.Deps
	}
	// A directory must hold a map to preview (exit 2 otherwise, as every
	// command that reads maps does).
	if fi, err := os.Stat(opts.Path); err == nil && fi.IsDir() {
		if _, err := paths.Journeys([]string{opts.Path}); err != nil {
			return err
		}
	}
	srv, err := serve.New(serve.Options{Path: opts.Path, Render: rnd, Deps: deps, Views: Views})
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
