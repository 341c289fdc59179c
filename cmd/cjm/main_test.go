package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/cjm-dev/cjm/pkg/cmd/root"
	"github.com/cjm-dev/cjm/pkg/renderpool"
)

// TestMain lets the test binary stand in for cjm inside the scripts.
func TestMain(m *testing.M) {
	// A test that runs serve or a big render in this process starts this
	// binary as its Graphviz worker (pkg/renderpool, by WorkerEnv).
	if os.Getenv(renderpool.WorkerEnv) == "1" {
		os.Exit(root.Main())
	}
	testscript.Main(m, map[string]func(){
		"cjm": func() { os.Exit(root.Main()) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script at the
// repository's top: each one builds files, runs cjm and checks its exit
// status, stdout and stderr. `go test ./cmd/cjm -run TestScript/NAME`
// runs one; -update rewrites cmp files from what cjm printed.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": exits},
	})
}

// exits N COMMAND ARGS... runs COMMAND and fails unless it exits with
// status N; stdout and stderr are kept for the commands that follow.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad status %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
