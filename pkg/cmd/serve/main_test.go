package serve

import (
	"fmt"
	"os"
	"testing"

	"github.com/cjm-dev/cjm/pkg/renderpool"
)

// TestMain lets the test binary act as the preview's Graphviz worker:
// serveRun starts this executable as a worker with renderpool.WorkerEnv
// set.
func TestMain(m *testing.M) {
	if os.Getenv(renderpool.WorkerEnv) == "1" {
		if err := renderpool.Serve(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}
