package render

import (
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/renderpool"
)

// NewCmdWorker builds the hidden `cjm __render-worker`: a Graphviz worker
// process for `cjm render` batches (pkg/renderpool). It reads requests on
// stdin and writes results on stdout until stdin ends, and exits when its
// parent goes away, even in the middle of a layout.
func NewCmdWorker(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:    renderpool.WorkerCommand,
		Short:  "Graphviz worker process of cjm render (internal)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			go watchParent()
			return renderpool.Serve(f.IO.In, f.IO.Out)
		},
	}
}

// watchParent ends the worker when the process that started it is gone
// (it is then re-parented), so a killed `cjm render` leaves no layout
// running.
func watchParent() {
	ppid := os.Getppid()
	for range time.Tick(500 * time.Millisecond) {
		if os.Getppid() != ppid {
			os.Exit(3)
		}
	}
}
