// Package iostreams carries the standard streams of a command and what is
// known about them (a terminal or not, colour wanted or not), so commands
// never touch os.Stdout directly and tests can swap in buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// IOStreams are the streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdoutTTY bool
	stderrTTY bool
	// NoColor is set by --no-color or the NO_COLOR environment variable.
	NoColor bool
	// Quiet is set by -q: progress and summaries are not printed.
	Quiet bool
}

// System returns the process's own streams.
func System() *IOStreams {
	noColor := os.Getenv("NO_COLOR") != "" // no-color.org: set and not empty
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
		NoColor:   noColor,
	}
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// Test returns streams backed by buffers: in, out and errOut.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// SetStdoutTTY lets a test pretend stdout is a terminal.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetStderrTTY lets a test pretend stderr is a terminal.
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// ColorStderr reports whether diagnostics on stderr may be coloured: only
// on a terminal, and never under --no-color or NO_COLOR.
func (s *IOStreams) ColorStderr() bool { return s.stderrTTY && !s.NoColor }

// ColorStdout reports whether stdout may be coloured.
func (s *IOStreams) ColorStdout() bool { return s.stdoutTTY && !s.NoColor }
