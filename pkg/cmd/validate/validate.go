package validate

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/paths"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	rules "github.com/cjm-dev/cjm/pkg/validate"
)

// Options are the dependencies and flag values of `cjm validate`.
type Options struct {
	IO *iostreams.IOStreams
	// Root is the --root flag (empty: the loader's default).
	Root string
	// Config and NoConfig are the --config and --no-config flags.
	Config   string
	NoConfig bool
	// Today, when set, is the day evidence ages are measured from (tests).
	Today time.Time
	// Getenv reads the environment (GITHUB_STEP_SUMMARY); os.Getenv by
	// default, replaced in tests.
	Getenv func(string) string

	// Version is the version of the cjm build, for the SARIF log.
	Version string

	Paths    []string
	Format   string
	Strict   bool
	MaxBytes int64

	// suppressed are the findings inline comments suppressed (SARIF
	// lists them as suppressed results).
	suppressed []ruleset.Suppressed
}

// loadConfigs loads the project configuration of every file before any is
// checked. It returns the files to check, leaving out those whose
// configuration has errors (no map is checked otherwise than the team
// meant), and the configurations' findings, which are reported with the
// maps' (exit 1). A --config that names no file stops the command (exit 2).
func loadConfigs(opts *Options, finder *config.Finder, files []string) ([]string, diag.Diagnostics, diag.Sources, error) {
	keep := files[:0:0]
	for _, file := range files {
		if _, err := finder.For(file); err != nil {
			return nil, nil, nil, emptyReport(opts, err)
		}
		if _, cds, _ := finder.Check(file); !cds.HasErrors() {
			keep = append(keep, file)
		}
	}
	ds, srcs := finder.Findings()
	return keep, ds, srcs, nil
}

// NewCmdValidate builds `cjm validate`. runF replaces validateRun in tests
// of flag parsing; nil runs the command.
func NewCmdValidate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Getenv: os.Getenv, Version: f.Version}
	cmd := &cobra.Command{
		Use:   "validate PATH...",
		Short: "Check journey files and report every finding",
		Long: `Check journey files against format 1 and report every finding with its
file, line and column. Directories are walked for *.yaml and *.yml files with
a top-level "cjm" key; files named explicitly are always read.

Findings in the text format go to stderr, like a compiler's; the machine
formats go to stdout:
  json    a stable array of findings (file, line, column, end_line,
          end_column, severity, rule, message)
  github  GitHub Actions workflow commands (inline annotations), plus a
          summary table appended to $GITHUB_STEP_SUMMARY when it is set
  sarif   SARIF 2.1.0 for code scanning; URIs relative to the repository
  gitlab  GitLab Code Quality report

The nearest .cjm.yaml above each file (or --config FILE; none with
--no-config) sets rule levels and turns policy rules on; a comment
"# cjm:ignore RULE -- reason" suppresses a finding on its line or the next
(SARIF keeps it, marked suppressed). See docs/config.md.

Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 the
command could not run (a missing path, a file that cannot be read, no
journey file in the paths, a bad flag).`,
		Example: `  cjm validate maps/
  cjm validate --strict --format github maps/
  cjm validate --format sarif maps/ > cjm.sarif`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("no PATH given; name journey files or directories: cjm validate maps/")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Root = f.Root
			opts.Config, opts.NoConfig = f.Config, f.NoConfig
			today, err := config.Today(opts.Getenv)
			if err != nil {
				return cmdutil.FlagErrorf("%s", err)
			}
			opts.Today = today
			if !slices.Contains(findings.Formats, opts.Format) {
				return cmdutil.FlagErrorf("invalid --format %q: want one of %s", opts.Format, strings.Join(findings.Formats, ", "))
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "text", "output `format`: "+strings.Join(findings.Formats, "|"))
	fl.BoolVar(&opts.Strict, "strict", false, "fail (exit 1) on warnings too")
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(findings.Formats, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = cmdutil.CompleteJourneyFiles
	return cmd
}

func validateRun(opts *Options) error {
	if err := cmdutil.CheckRoot(opts.Root); err != nil {
		return emptyReport(opts, err)
	}
	files, err := paths.Journeys(opts.Paths)
	if err != nil {
		return emptyReport(opts, err)
	}

	finder := &config.Finder{Root: opts.Root, Explicit: opts.Config, Disabled: opts.NoConfig, MaxBytes: opts.MaxBytes, Today: opts.Today}
	checked, cds, csrcs, err := loadConfigs(opts, finder, files)
	if err != nil {
		return err
	}
	ds, srcs, sup := checkAll(checked, check.Options{Root: opts.Root, MaxBytes: opts.MaxBytes}, finder.Set)
	opts.suppressed = sup
	if len(cds) > 0 {
		ds = append(ds, cds...).Normalize()
		for name, src := range csrcs {
			srcs[name] = src
		}
	}

	if err := write(opts, ds, srcs, len(files)); err != nil {
		return err
	}
	if err := unreadable(ds); err != nil {
		return err
	}
	errs, warns := ds.Count()
	if errs > 0 || (opts.Strict && warns > 0) {
		return cmdutil.SilentError
	}
	return nil
}

// unreadable is the error for files that could not be read at all (exit
// 2: the command could not check them), after their read-error findings
// have been printed with the others.
func unreadable(ds diag.Diagnostics) error {
	n := 0
	for _, d := range ds {
		if load.Unreadable(d) {
			n++
		}
	}
	switch n {
	case 0:
		return nil
	case 1:
		return errors.New("1 file could not be read")
	}
	return fmt.Errorf("%d files could not be read", n)
}

// checkAll checks files in parallel, at most GOMAXPROCS at a time, and
// returns all findings sorted by path, line and column (a finding in a
// catalogue that several maps include is reported once), with the sources
// of the files that have findings.
func checkAll(files []string, lo check.Options, rulesFor func(string) *ruleset.Set) (diag.Diagnostics, diag.Sources, []ruleset.Suppressed) {
	results := make([]check.Result, len(files))
	workers := min(runtime.GOMAXPROCS(0), len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				o := lo
				if rulesFor != nil {
					o.Rules = rulesFor(files[i])
				}
				r := check.File(files[i], o)
				r.Map = nil // only findings are printed; let the model go
				if len(r.Diags) == 0 && len(r.Suppressed) == 0 {
					r.Sources = nil
				}
				results[i] = r
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	var ds diag.Diagnostics
	var sup []ruleset.Suppressed
	srcs := diag.Sources{}
	seen := map[string]bool{} // a suppressed finding of a shared catalogue, once
	for _, r := range results {
		ds = append(ds, r.Diags...)
		for _, s := range r.Suppressed {
			k := s.Diag.Error()
			if !seen[k] {
				seen[k] = true
				sup = append(sup, s)
			}
		}
		for name, src := range r.Sources {
			srcs[name] = src
		}
	}
	slices.SortStableFunc(sup, func(a, b ruleset.Suppressed) int {
		switch {
		case diag.Less(a.Diag, b.Diag):
			return -1
		case diag.Less(b.Diag, a.Diag):
			return 1
		}
		return 0
	})
	return ds.Normalize(), srcs, sup
}

// emptyReport writes the report of no findings in the machine formats
// that CI keeps as a file (`--format sarif > results.sarif`), so that a
// command that could not run still leaves a valid, empty report for the
// upload step, and returns err.
func emptyReport(opts *Options, err error) error {
	switch opts.Format {
	case "json", "sarif", "gitlab":
		if werr := report(opts, nil, nil); werr != nil {
			return errors.Join(err, werr)
		}
	}
	return err
}

func write(opts *Options, ds diag.Diagnostics, srcs diag.Sources, files int) error {
	streams := opts.IO
	var err error
	switch opts.Format {
	case "text":
		err = findings.WriteText(streams.ErrOut, ds, srcs, findings.TextOptions{Color: streams.ColorStderr()})
	case "github":
		err = findings.WriteGitHub(streams.Out, ds, findings.GitHubOptions{Root: repoRoot(opts.Root)})
		if err == nil {
			stepSummary(opts, ds, files)
		}
	default:
		err = report(opts, ds, srcs)
	}
	if err != nil {
		return err
	}
	if !streams.Quiet {
		return findings.WriteSummary(streams.ErrOut, ds, files)
	}
	return nil
}

// report writes the findings in one of the machine formats written to
// stdout as a whole document: json, sarif, gitlab.
func report(opts *Options, ds diag.Diagnostics, srcs diag.Sources) error {
	out := opts.IO.Out
	switch opts.Format {
	case "json":
		return findings.WriteJSON(out, ds)
	case "sarif":
		return findings.WriteSARIF(out, ds, findings.SARIFOptions{
			Root: repoRoot(opts.Root), Rules: ruleRegistry(), Version: opts.Version, Sources: srcs,
			Suppressed: opts.suppressed,
		})
	case "gitlab":
		return findings.WriteGitLab(out, ds, findings.GitLabOptions{Root: repoRoot(opts.Root)})
	}
	return nil
}

// stepSummary appends the Markdown summary to $GITHUB_STEP_SUMMARY when it
// is set. Failing to write it is worth a note, not a failed check.
func stepSummary(opts *Options, ds diag.Diagnostics, files int) {
	path := opts.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		err = findings.WriteGitHubSummary(f, ds, files, findings.GitHubOptions{Root: repoRoot(opts.Root)})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "cjm: cannot write the step summary: %v\n", err)
	}
}

func ruleRegistry() []findings.Rule {
	out := make([]findings.Rule, 0, len(rules.Rules))
	for _, r := range rules.Rules {
		out = append(out, findings.Rule{
			ID: r.Name, Description: r.Description, Severity: r.Severity,
			FullDescription: r.FullDescription(), HelpText: r.HelpText(), HelpMarkdown: r.HelpMarkdown(), HelpURI: r.HelpURI(),
		})
	}
	return out
}

// repoRoot is the directory SARIF and GitLab paths are relative to: --root
// when given, else the top of the git work tree holding the working
// directory, else the working directory.
func repoRoot(root string) string {
	if root != "" {
		return root
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	if top := load.WorkTreeTop(wd); top != "" {
		return top
	}
	return wd
}
