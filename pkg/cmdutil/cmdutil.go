// Package cmdutil holds what every command shares: the Factory of
// dependencies and global flag values, and the typed errors that Main maps
// to exit codes (0 done, 1 findings or differences, 2 could not run).
package cmdutil

import (
	"errors"
	"fmt"

	"github.com/cjm-dev/cjm/pkg/iostreams"
)

// Factory carries the dependencies and global flags every command uses.
type Factory struct {
	IO *iostreams.IOStreams
	// Root is the --root flag: the directory includes may not leave. Empty
	// means the top of the git work tree holding each file, else the
	// working directory.
	Root string
	// Config is the --config flag: the project configuration file that
	// applies to every map. Empty: the nearest .cjm.yaml of each map.
	Config string
	// NoConfig is the --no-config flag: no project configuration at all.
	NoConfig bool
	// Version is the build's version string.
	Version string
}

// ExitCodes of every command (docs/cli.md).
const (
	ExitOK      = 0
	ExitFailed  = 1 // findings, stale outputs, differences, unformatted files
	ExitTrouble = 2 // the command could not run
)

// SilentError makes Main exit 1 without printing anything more: the command
// has already reported (findings, a diff, stale files).
var SilentError = errors.New("SilentError")

// FlagError is a usage error: Main prints it with a hint and exits 2.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// FlagErrorf builds a FlagError.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// ExitCode maps an error returned by a command to the process exit code.
// Any error that is not SilentError is trouble (2): a missing file, an
// unwritable directory, a bad flag.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, SilentError):
		return ExitFailed
	default:
		return ExitTrouble
	}
}
