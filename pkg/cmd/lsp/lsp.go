package lsp

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/lsp"
)

// Options are the dependencies and flag values of `cjm lsp`.
type Options struct {
	IO       *iostreams.IOStreams
	Root     string
	Config   string
	NoConfig bool
	Version  string
	// MaxBytes is --max-size: the largest file read.
	MaxBytes int64
	// Stdio is --stdio, accepted because clients pass it; stdio is the
	// only transport.
	Stdio bool
}

// NewCmdLSP builds `cjm lsp`. runF replaces lspRun in tests.
func NewCmdLSP(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server for editors (LSP over stdio)",
		Long: `Run cjm's language server: the Language Server Protocol (3.17) on standard
input and output, for editors. It checks every open map as you type with
all the rules of cjm validate and the project configuration (.cjm.yaml),
and offers completion of keys, values and the map's ids, hover, go to
definition, find references, rename, an outline, quick fixes and
formatting (cjm fmt). Open buffers take precedence over the files on disk,
so an edit to an open catalogue re-checks the open maps that include it.

It runs until the editor closes its input or sends exit. Editor set-up:
docs/editors.md.`,
		Example: `  cjm lsp
  cjm lsp --stdio      # the same; some clients pass it`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Root, opts.Config, opts.NoConfig, opts.Version = f.Root, f.Config, f.NoConfig, f.Version
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return lspRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Stdio, "stdio", false, "accepted for clients that pass it; standard input and output are the only transport")
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	return cmd
}

// stdio joins standard input and output into the stream the server
// reads and writes.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

func lspRun(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := lsp.Serve(ctx, stdio{opts.IO.In, opts.IO.Out}, lsp.Options{
		Root: opts.Root, Config: opts.Config, NoConfig: opts.NoConfig, MaxBytes: opts.MaxBytes,
		Version: opts.Version, Log: opts.IO.ErrOut,
	})
	if err == lsp.ErrNoShutdown {
		return cmdutil.SilentError
	}
	return err
}
