package importcmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/atomicfile"
	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/importer/csv"
	"github.com/cjm-dev/cjm/pkg/importer/mermaid"
	"github.com/cjm-dev/cjm/pkg/importer/xlsx"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
)

// stdinName is how standard input is named in output.
const stdinName = "<standard input>"

// Sources are the formats `cjm import` reads, in the order --from lists
// them. A format that is not built in yet is an importer.Unavailable.
func Sources() []importer.Source {
	return []importer.Source{
		mermaid.Source{},
		csv.Source{},
		xlsx.Source{},
	}
}

// Options are the dependencies and flag values of `cjm import`.
type Options struct {
	IO *iostreams.IOStreams

	Files []string
	// From is --from: the format of every input; empty: from each
	// file's extension.
	From string
	// Out is -o: "" (beside each input), "-" (stdout), a .yaml/.yml file
	// (one input) or a directory.
	Out   string
	Force bool
	// MaxBytes is --max-size: the largest input read.
	MaxBytes int64
	// Sources are the formats known; nil: Sources().
	Sources []importer.Source
}

// NewCmdImport builds `cjm import`. runF replaces importRun in tests of
// flag parsing; nil runs the command.
func NewCmdImport(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "import [--from mermaid|csv|xlsx] [-o OUT] [--force] FILE...",
		Short: "Turn Mermaid journeys, CSV tables and XLSX workbooks into journey files",
		Long: `Turn each FILE into a journey file in the canonical layout (the one
cjm fmt keeps): a Mermaid journey (.mmd, .mermaid; or the first fenced mermaid
block with a journey in a Markdown file, .md), a CSV touchpoint table
(.csv, or .tsv with tabs) as cjm render -f csv writes it or in the workshop
layout (English or Russian column names), an XLSX workbook (.xlsx) as
cjm render -f xlsx or cjm init --format xlsx writes it. The format comes
from the extension, or from --from for every FILE; FILE "-" reads standard
input (with --from) and writes to stdout.

Ids are derived from names (transliterated from any script, else a stable
hash), unique and valid. The journey file goes beside its input with the
extension .yaml, or into the directory -o DIR (created when missing), or to
the file -o FILE.yaml (one input), or to stdout with -o -. An existing file
is never overwritten without --force. Files are written atomically.

What the input does not carry (channels of a Mermaid journey, the title of
a CSV) is reported as a warning that says what to fill in, at its place in
the input or in the written file (the findings of cjm validate --strict).
See docs/import.md for the mappings and what is lost.

Exit status: 0 done (warnings alone included), 1 an input has errors
(reported with file, line and column; for CSV the row and cell), 2 the
command could not run (bad flag, unknown format, a missing or unreadable
input, an output that exists without --force or cannot be written).`,
		Example: `  cjm import journey.mmd
  cjm import -o maps/ workshop.csv day.mmd
  cjm import -o - README.md > maps/journey.yaml
  cjm import --from csv --force -o maps/inventory.yaml export.txt`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("no FILE given; name the files to import: cjm import journey.mmd")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if opts.Sources == nil {
				opts.Sources = Sources()
			}
			if opts.From != "" && importer.ByFormat(opts.Sources, opts.From) == nil {
				return cmdutil.FlagErrorf("--from %q: the formats are %s", opts.From, formats(opts.Sources))
			}
			for _, f := range args {
				if f == "-" && opts.From == "" {
					return cmdutil.FlagErrorf("standard input (-) needs --from %s", formats(opts.Sources))
				}
				if f == "-" && len(args) > 1 {
					return cmdutil.FlagErrorf("standard input (-) is imported alone")
				}
			}
			if opts.Out == "-" && len(args) > 1 {
				return cmdutil.FlagErrorf("-o - writes one journey file to stdout; %d files given (use -o DIR)", len(args))
			}
			if isYAML(opts.Out) && len(args) > 1 {
				return cmdutil.FlagErrorf("-o %s names one file; %d files given (use -o DIR)", opts.Out, len(args))
			}
			if runF != nil {
				return runF(opts)
			}
			return importRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.From, "from", "", "the format of every FILE: mermaid, csv or xlsx (default: from the extension)")
	fl.StringVarP(&opts.Out, "output", "o", "", "where to write: a `DIR`, a FILE.yaml (one input) or - for stdout (default: beside each input)")
	fl.BoolVar(&opts.Force, "force", false, "overwrite journey files that exist")
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	_ = cmd.RegisterFlagCompletionFunc("from", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{"mermaid", "csv", "xlsx"}, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{"mmd", "mermaid", "md", "markdown", "csv", "tsv", "xlsx"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return cmd
}

func formats(srcs []importer.Source) string {
	var names []string
	for _, s := range srcs {
		names = append(names, s.Format())
	}
	return strings.Join(names, ", ")
}

func isYAML(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// errTrouble says that some inputs could not be imported for reasons that
// are not the input's content (each has been reported).
var errTrouble = errors.New("some files could not be imported")

func importRun(opts *Options) error {
	if opts.Sources == nil {
		opts.Sources = Sources()
	}
	limit := load.Options{MaxBytes: opts.MaxBytes}.Limit()
	// Every input's format first: an unknown one is a usage error before
	// anything is written.
	srcs := make([]importer.Source, len(opts.Files))
	for i, f := range opts.Files {
		if opts.From != "" {
			srcs[i] = importer.ByFormat(opts.Sources, opts.From)
		} else if srcs[i] = importer.ForFile(opts.Sources, f); srcs[i] == nil {
			return cmdutil.FlagErrorf("%s: cannot tell the format from the extension %q; name it with --from %s", f, filepath.Ext(f), formats(opts.Sources))
		}
	}
	failed, trouble := false, false
	written := map[string]string{} // output → the input it came from
	for i, f := range opts.Files {
		var data []byte
		var d *diag.Diagnostic
		name := f
		if f == "-" {
			name = stdinName
			data, d = load.ReadAll(name, opts.IO.In, limit)
		} else {
			data, d = load.ReadFile(f, limit)
		}
		if d != nil {
			report(opts, diag.Diagnostics{d}, nil)
			trouble = true
			continue
		}
		if out, err := opts.target(f); err == nil && out != "-" {
			key := filepath.Clean(out)
			if prev, dup := written[key]; dup {
				fmt.Fprintf(opts.IO.ErrOut, "cjm: %s: %s is the journey file of %s already; import the two into different directories (-o)\n", f, out, prev)
				trouble = true
				continue
			}
			written[key] = f
		}
		switch err := importOne(opts, srcs[i], f, name, data); {
		case errors.Is(err, cmdutil.SilentError):
			failed = true
		case errors.Is(err, errReported):
			trouble = true
		case err != nil:
			fmt.Fprintf(opts.IO.ErrOut, "cjm: %v\n", err)
			trouble = true
		}
	}
	switch {
	case trouble:
		return errTrouble
	case failed:
		return cmdutil.SilentError
	}
	return nil
}

// errReported marks trouble that has been reported already.
var errReported = errors.New("reported")

// target is where the journey file of input goes; "-" is stdout.
func (o *Options) target(input string) (string, error) {
	base := filepath.Base(input)
	yamlName := strings.TrimSuffix(base, filepath.Ext(base)) + ".yaml"
	switch {
	case input == "-" || o.Out == "-":
		return "-", nil
	case o.Out == "":
		return filepath.Join(filepath.Dir(input), yamlName), nil
	case isYAML(o.Out):
		return o.Out, nil
	default:
		if err := os.MkdirAll(o.Out, 0o755); err != nil {
			return "", err
		}
		return filepath.Join(o.Out, yamlName), nil
	}
}

// importOne converts one input and writes its journey file. It returns
// cmdutil.SilentError when the input has errors (reported), another error
// when the output cannot be written.
func importOne(opts *Options, s importer.Source, input, name string, data []byte) error {
	out, err := opts.target(input)
	if err != nil {
		return err
	}
	if out != "-" {
		if same(out, input) {
			return fmt.Errorf("%s: the journey file would replace its input; name another with -o", input)
		}
		if _, err := os.Stat(out); err == nil && !opts.Force {
			return fmt.Errorf("%s already exists; use --force to overwrite it (or -o to write elsewhere)", out)
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	origin := filepath.Base(name)
	if input == "-" {
		origin = ""
	}
	res := importer.Convert(s, name, data, importer.Options{Origin: origin})
	var srcs diag.Sources
	if utf8.Valid(data) {
		srcs = diag.Sources{name: data}
	}
	report(opts, res.Diags, srcs)
	for _, d := range res.Diags {
		if d.Rule == importer.RuleUnavailable {
			return errReported // this build cannot read the format: exit 2
		}
	}
	if res.Diags.HasErrors() {
		return cmdutil.SilentError
	}
	outName := out
	if out == "-" {
		outName = "<standard output>"
		if _, err := opts.IO.Out.Write(res.YAML); err != nil {
			return err
		}
	} else if err := atomicfile.WriteFile(out, res.YAML, 0o644); err != nil {
		return err
	}
	// What validate --strict says of the new file is what to fill in.
	chk := check.Bytes(outName, res.YAML, check.Options{MaxBytes: -1})
	if limit := (load.Options{MaxBytes: opts.MaxBytes}).Limit(); int64(len(res.YAML)) > limit {
		chk.Diags = append(chk.Diags, diag.Warningf(diag.Range{Filename: outName}, load.RuleFileTooLarge,
			"the journey file is %s, over the limit of %s that cjm applies when it reads a map; pass --max-size to validate, render and the other commands",
			load.FormatSize(int64(len(res.YAML)), true), load.FormatSize(limit, false)))
	}
	report(opts, chk.Diags, diag.Sources{outName: res.YAML})
	if !opts.IO.Quiet {
		tps := 0
		for _, st := range res.Map.Stages {
			tps += len(st.Touchpoints)
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s → %s: %s, %s, %s\n", name, outName,
			plural(len(res.Map.Stages), "stage"), plural(tps, "touchpoint"), plural(len(res.Map.Personas), "persona"))
	}
	if chk.Diags.HasErrors() {
		// The writer produced a file with errors: a bug, reported above.
		return cmdutil.SilentError
	}
	return nil
}

// same reports whether two paths name the same file.
func same(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ai, bi)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func report(opts *Options, ds diag.Diagnostics, srcs diag.Sources) {
	if len(ds) > 0 {
		findings.WriteText(opts.IO.ErrOut, ds, srcs, findings.TextOptions{Color: opts.IO.ColorStderr()})
	}
}
