package fmtcmd

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/atomicfile"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/paths"
	"github.com/cjm-dev/cjm/pkg/udiff"
	"github.com/cjm-dev/cjm/pkg/yamlfmt"
)

// stdinName is how standard input is named in output, as gofmt names it.
const stdinName = "<standard input>"

// Options are the dependencies and flag values of `cjm fmt`.
type Options struct {
	IO *iostreams.IOStreams

	Paths []string
	List  bool // -l
	Diff  bool // -d
	Write bool // -w
	// MaxBytes is --max-size: the largest file read.
	MaxBytes int64
}

// NewCmdFmt builds `cjm fmt`. runF replaces fmtRun in tests of flag
// parsing; nil runs the command.
func NewCmdFmt(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "fmt [-l] [-d] [-w] PATH...",
		Short: "Rewrite journey files in the canonical layout",
		Long: `Rewrite journey files in the canonical layout: keys in the order of the
format spec (unknown keys kept after the known ones), two-space indentation,
block sequences indented under their key, comments and single blank lines
kept where they were, flow {…} and […] collections kept flow with their
spacing normalised. Formatting never changes what a file means, and a
formatted file formats to itself.

Like gofmt: -l lists the files whose layout differs, -d prints a unified
diff, -w rewrites the files (atomically; through a symbolic link, the file
it points to); with no flag, the single input is printed formatted on
stdout. PATH "-" reads standard input. Directories are walked for *.yaml
and *.yml files with a top-level "cjm" key. YAML errors are reported as
validate reports them, at their line and column.

Exit status: 0 done, 1 -l or -d (without -w) found files that differ, 2 a
file could not be read (or is over --max-size), parsed (YAML syntax errors,
as gofmt) or written, or the paths hold no journey file.`,
		Example: `  cjm fmt map.yaml
  cjm fmt -l maps/
  cjm fmt -d maps/b2b.yaml
  cjm fmt -w maps/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("no PATH given; name journey files or directories (or - for stdin): cjm fmt -w maps/")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			for _, p := range args {
				if p == "-" && (opts.Write || len(args) > 1) {
					return cmdutil.FlagErrorf("standard input (-) is formatted alone and cannot be written with -w")
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return fmtRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVarP(&opts.List, "list", "l", false, "list files whose layout differs from the canonical one")
	fl.BoolVarP(&opts.Diff, "diff", "d", false, "print a unified diff of the changes")
	fl.BoolVarP(&opts.Write, "write", "w", false, "write the result to the files (atomically)")
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	cmd.ValidArgsFunction = cmdutil.CompleteJourneyFiles
	return cmd
}

// limit is the size limit of each file read: --max-size, or the loader's
// default when Options come without it.
func (o *Options) limit() int64 { return load.Options{MaxBytes: o.MaxBytes}.Limit() }

// errTrouble says that some files could not be formatted; each has been
// reported on stderr already.
var errTrouble = errors.New("some files could not be formatted")

func fmtRun(opts *Options) error {
	if len(opts.Paths) == 1 && opts.Paths[0] == "-" {
		src, d := load.ReadAll(stdinName, opts.IO.In, opts.limit())
		if d != nil {
			report(opts, diag.Diagnostics{d}, nil)
			return errTrouble
		}
		changed, err := process(opts, stdinName, src)
		var se *yamlfmt.SyntaxError
		if errors.As(err, &se) || errors.Is(err, errNotFormatted) {
			return errTrouble
		}
		if err != nil {
			return err
		}
		return result(opts, changed, false)
	}
	files, err := paths.Journeys(opts.Paths)
	if err != nil {
		return err
	}
	if !opts.List && !opts.Diff && !opts.Write && len(files) > 1 {
		return cmdutil.FlagErrorf("%d files to format: use -l to list, -d to diff or -w to write them (stdout takes a single file)", len(files))
	}
	anyChanged, trouble := false, false
	for _, path := range files {
		src, d := load.ReadFile(path, opts.limit())
		if d != nil {
			report(opts, diag.Diagnostics{d}, nil)
			trouble = true
			continue
		}
		changed, err := process(opts, path, src)
		if err != nil {
			var se *yamlfmt.SyntaxError
			if errors.As(err, &se) || errors.Is(err, errNotFormatted) {
				trouble = true
				continue
			}
			return err
		}
		anyChanged = anyChanged || changed
	}
	return result(opts, anyChanged, trouble)
}

func result(opts *Options, changed, trouble bool) error {
	switch {
	case trouble:
		return errTrouble
	case changed && (opts.List || opts.Diff) && !opts.Write:
		return cmdutil.SilentError
	}
	return nil
}

// errNotFormatted marks a file whose problem has been reported.
var errNotFormatted = errors.New("not formatted")

// process formats one file and does what the flags ask; it reports whether
// the layout differed. A file that cannot be formatted is reported on
// stderr and gives errNotFormatted or a *yamlfmt.SyntaxError.
func process(opts *Options, name string, src []byte) (bool, error) {
	out, err := yamlfmt.Format(src)
	if err != nil {
		var se *yamlfmt.SyntaxError
		if errors.As(err, &se) {
			// Reported as validate reports it: line, column, the source
			// line and a hint, from the loader's one copy of that logic.
			if ds := load.SyntaxErrors(name, src); len(ds) > 0 {
				report(opts, ds, diag.Sources{name: src})
				return false, se
			}
			if se.Line > 0 {
				fmt.Fprintf(opts.IO.ErrOut, "%s:%d: %s\n", name, se.Line, se.Msg)
				return false, se
			}
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s: %v\n", name, err)
		return false, errNotFormatted
	}
	changed := !bytes.Equal(src, out)
	if !opts.List && !opts.Diff && !opts.Write {
		_, err := opts.IO.Out.Write(out)
		return changed, err
	}
	if changed && opts.List {
		fmt.Fprintln(opts.IO.Out, name)
	}
	if changed && opts.Diff {
		if _, err := opts.IO.Out.Write(udiff.Unified(name+".orig", name, src, out, 3)); err != nil {
			return changed, err
		}
	}
	if changed && opts.Write {
		// Through a symbolic link, the file linked to is what is
		// formatted: replacing the link with a regular file would leave
		// the target as it was.
		target := name
		if real, err := filepath.EvalSymlinks(name); err == nil {
			target = real
		}
		if err := atomicfile.WriteFile(target, out, 0o644); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "cjm: %v\n", err)
			return changed, errNotFormatted
		}
	}
	return changed, nil
}

// report prints findings about the input as validate prints them.
func report(opts *Options, ds diag.Diagnostics, srcs diag.Sources) {
	findings.WriteText(opts.IO.ErrOut, ds, srcs, findings.TextOptions{Color: opts.IO.ColorStderr()})
}
