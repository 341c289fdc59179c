package render

import (
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/renderpool"
)

// NewCmdWorker builds the hidden `cjm __render-worker`: a Graphviz worker
// process for `cjm render` batches and `cjm serve` (pkg/renderpool). It
// reads requests on stdin and writes results on stdout until stdin ends.
// It dies with its parent: by the kernel's parent-death signal on Linux
// (set by the pool), and everywhere by polling its parent id, even in the
// middle of a layout (which cannot be interrupted otherwise).
func NewCmdWorker(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:    renderpool.WorkerCommand,
		Short:  "Graphviz worker process of cjm render and cjm serve (internal)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			orphaned := renderpool.WatchParent(500 * time.Millisecond)
			go func() {
				<-orphaned.Done()
				os.Exit(cmdutil.ExitTrouble)
			}()
			return renderpool.Serve(f.IO.In, f.IO.Out)
		},
	}
}
