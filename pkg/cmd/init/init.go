package initcmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/atomicfile"
	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/export/xlsx"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/schema"
	"github.com/cjm-dev/cjm/pkg/templates"
)

// Options are the dependencies and flag values of `cjm init`.
type Options struct {
	IO *iostreams.IOStreams

	// File is where to write; empty means stdout.
	File     string
	Template string
	Lang     string
	// Format is --format: "yaml" (the journey file) or "xlsx" (the same
	// map as a workshop workbook, pkg/export/xlsx).
	Format string
	Force  bool
}

// NewCmdInit builds `cjm init`. runF replaces initRun in tests.
func NewCmdInit(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starting map",
		Long: `Write a valid, commented starting map to FILE, or to stdout without FILE.

Templates:
  b2b-funnel       a B2B sales funnel: awareness, research, consideration,
                   evaluation, decision, after-sale
  abm              account-based marketing: identify, expand, engage,
                   advocate, with a buying committee and per-persona emotion
  saas-onboarding  the customer journey after a SaaS sign-up

Each template exists in English and Russian (--lang), passes
cjm validate --strict, and starts with the modeline
"# yaml-language-server: $schema=cjm.schema.json" for editors (see cjm schema).
An existing FILE is never overwritten without --force; a missing parent
directory of FILE is created.

With --format xlsx (the default for a FILE ending in .xlsx) the template is
written as the workbook cjm render -f xlsx writes, for a workshop to fill
in; cjm import turns it back into a journey file.`,
		Example: `  cjm init maps/journey.yaml
  cjm init --template abm --lang ru maps/abm.yaml
  cjm init --template saas-onboarding > onboarding.yaml
  cjm init --template b2b-funnel --format xlsx workshop.xlsx`,
		Args: cobra.MaximumNArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return []string{"yaml", "yml", "xlsx"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			if !slices.Contains(templates.Names, opts.Template) {
				return cmdutil.FlagErrorf("unknown template %q; use one of %s", opts.Template, strings.Join(templates.Names, ", "))
			}
			if !slices.Contains(journey.Languages, opts.Lang) {
				return cmdutil.FlagErrorf("unknown language %q; use one of %s", opts.Lang, strings.Join(journey.Languages, ", "))
			}
			if !cmd.Flags().Changed("format") && strings.EqualFold(filepath.Ext(opts.File), ".xlsx") {
				opts.Format = "xlsx"
			}
			if !slices.Contains(formats, opts.Format) {
				return cmdutil.FlagErrorf("unknown format %q; use one of %s", opts.Format, strings.Join(formats, ", "))
			}
			if opts.Format == "xlsx" && opts.File == "" {
				return cmdutil.FlagErrorf("--format xlsx writes a binary workbook: name the FILE to write (or - for stdout)")
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Template, "template", templates.Names[0], "`NAME` of the template: "+strings.Join(templates.Names, ", "))
	fl.StringVar(&opts.Lang, "lang", journey.Languages[0], "`LANG` of the map's texts and labels: "+strings.Join(journey.Languages, ", "))
	fl.StringVar(&opts.Format, "format", formats[0], "`FORMAT` of FILE: "+strings.Join(formats, ", "))
	fl.BoolVar(&opts.Force, "force", false, "overwrite FILE if it exists")
	_ = cmd.RegisterFlagCompletionFunc("template", cobra.FixedCompletions(templates.Names, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(journey.Languages, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// formats are the values of --format.
var formats = []string{"yaml", "xlsx"}

// workbook is the template as an XLSX workbook.
func workbook(name string, src []byte) ([]byte, error) {
	res := check.Bytes(name+".yaml", src, check.Options{})
	if res.Diags.HasErrors() || res.Map == nil {
		return nil, fmt.Errorf("the template %s does not load (%v); please report this", name, res.Diags)
	}
	return xlsx.Render(res.Map)
}

func initRun(opts *Options) error {
	src, err := templates.Get(opts.Template, opts.Lang)
	if err != nil {
		return err
	}
	if opts.Format == "xlsx" {
		if src, err = workbook(opts.Template, src); err != nil {
			return err
		}
	}
	if opts.File == "" || opts.File == "-" {
		_, err := opts.IO.Out.Write(src)
		return err
	}
	fi, err := os.Stat(opts.File)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s is a directory; name the file to write, e.g. %s", opts.File, filepath.Join(opts.File, "journey.yaml"))
	case err == nil && !opts.Force:
		return fmt.Errorf("%s already exists; use --force to overwrite it", opts.File)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	// Like render's -o, a missing parent directory is created.
	if dir := filepath.Dir(opts.File); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot create the directory of %s: %w", opts.File, err)
		}
	}
	if err := atomicfile.WriteFile(opts.File, src, 0o644); err != nil {
		return err
	}
	if !opts.IO.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "wrote %s (template %s, %s)\n", opts.File, opts.Template, opts.Lang)
		schemaPath := filepath.Join(filepath.Dir(opts.File), schema.FileName)
		if opts.Format == "xlsx" {
			fmt.Fprintf(opts.IO.ErrOut, "when the workshop has filled it in: cjm import %s\n", opts.File)
		} else if _, err := os.Stat(schemaPath); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "for completion in your editor: cjm schema > %s\n", schemaPath)
		}
	}
	return nil
}
