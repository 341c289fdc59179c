package diff

import (
	"errors"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/diag"
	jdiff "github.com/cjm-dev/cjm/pkg/diff"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
)

// Formats are the values of --format.
var Formats = []string{"text", "md", "json"}

// Options are the dependencies and flag values of `cjm diff`.
type Options struct {
	IO *iostreams.IOStreams
	// Root is the --root flag (empty: the loader's default).
	Root string
	// Dir is where git runs and relative paths start (empty: the current
	// directory).
	Dir string

	Old, New string
	Format   string
	// MaxBytes is --max-size: the largest file read, each side and each
	// included file.
	MaxBytes int64
}

// NewCmdDiff builds `cjm diff`. runF replaces diffRun in tests of flag
// parsing; nil runs the command.
func NewCmdDiff(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two versions of a journey map",
		Long: `Compare two versions of a journey map in the journey's own terms: stages,
touchpoints, personas, channels and owners matched by id (added, removed,
renamed, moved to another stage, reordered), emotions (per persona too),
channels, owners, pains, delights, moments of truth, evidence, next links,
metrics (with the delta, whether it got better and whether it moved toward
its target) and transitions. Changes of layout only (key order, flow or
block style, comments, quoting) report nothing.

Either side may be REV:PATH, read from git (git show REV:PATH): PATH is
relative to the top of the work tree, or to the current directory when it
starts with ./ as in git. Its included catalogues are read from the same
revision. A side may be a catalogue (personas, channels and owners only,
no stages): two catalogues compare their personas, channels and owners.

Formats: text (one line per change), md (a table to post as a pull-request
comment), json (a stable shape, see docs/diff-fmt.md).

Exit status: 0 the maps mean the same, 1 they differ, 2 a side could not be
read or has errors (a diff against a broken map cannot be trusted; its
findings are printed as validate prints them).`,
		Example: `  cjm diff HEAD~1:maps/b2b.yaml maps/b2b.yaml
  cjm diff --format md origin/main:maps/b2b.yaml maps/b2b.yaml > comment.md
  cjm diff old.yaml new.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return cmdutil.FlagErrorf("diff takes two maps, OLD and NEW (got %d): cjm diff HEAD:map.yaml map.yaml", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			opts.Root = f.Root
			if !slices.Contains(Formats, opts.Format) {
				return cmdutil.FlagErrorf("invalid --format %q: want one of %s", opts.Format, strings.Join(Formats, ", "))
			}
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	cmdutil.AddMaxSizeFlag(cmd.Flags(), &opts.MaxBytes)
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: "+strings.Join(Formats, "|"))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(Formats, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= 2 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return cmdutil.CompleteJourneyFiles(nil, args, "")
	}
	return cmd
}

// errBroken is returned when a side has errors; its findings have been
// printed, and Main adds this line and exits 2.
var errBroken = errors.New("cannot diff a map with errors; fix them first (cjm validate)")

func diffRun(opts *Options) error {
	lo := load.Options{Root: opts.Root, MaxBytes: opts.MaxBytes}
	old, oldRes, err := readSide(opts, opts.Old, lo)
	if err != nil {
		return err
	}
	new, newRes, err := readSide(opts, opts.New, lo)
	if err != nil {
		return err
	}
	var ds diag.Diagnostics
	srcs := diag.Sources{}
	for _, r := range []check.Result{oldRes, newRes} {
		for _, d := range r.Diags {
			if d.Severity == diag.Error {
				ds = append(ds, d)
			}
		}
		for k, v := range r.Sources {
			srcs[k] = v
		}
	}
	if len(ds) > 0 || old == nil || new == nil {
		if err := findings.WriteText(opts.IO.ErrOut, ds.Normalize(), srcs, findings.TextOptions{Color: opts.IO.ColorStderr()}); err != nil {
			return err
		}
		return errBroken
	}

	r := &jdiff.Result{Old: opts.Old, New: opts.New, Changes: jdiff.Compare(old, new)}
	switch opts.Format {
	case "md":
		err = jdiff.WriteMarkdown(opts.IO.Out, r)
	case "json":
		err = jdiff.WriteJSON(opts.IO.Out, r)
	default:
		err = jdiff.WriteText(opts.IO.Out, r, jdiff.TextOptions{Color: opts.IO.ColorStdout()})
	}
	if err != nil {
		return err
	}
	if !r.Same() {
		return cmdutil.SilentError
	}
	return nil
}

// readSide loads and validates one side: a file, or REV:PATH from git
// (check.Side, which `cjm render --baseline` shares).
func readSide(opts *Options, arg string, lo load.Options) (*journey.Map, check.Result, error) {
	res, err := check.Side(opts.Dir, arg, lo)
	return res.Map, res, err
}
