package stats

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/paths"
	"github.com/cjm-dev/cjm/pkg/portfolio"
	"github.com/cjm-dev/cjm/pkg/stats"
)

// Options are the dependencies and flag values of `cjm stats`.
type Options struct {
	IO *iostreams.IOStreams
	// Root is --root; Configs finds each map's project configuration.
	Root    string
	Configs *config.Finder

	Paths    []string
	Format   string
	MaxBytes int64
}

// NewCmdStats builds `cjm stats`. runF replaces statsRun in tests of flag
// parsing; nil runs the command.
func NewCmdStats(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "stats PATH...",
		Short: "Count stages, touchpoints, pain points, KPIs and coverage of journey maps",
		Long: `Stats prints the figures of every journey map under the paths, one row per
map and a total: stages, touchpoints, personas, channels and owners in use;
pain points, points of delight, moments of truth and those without an owner;
KPIs on and off target; and coverage: the shares of touchpoints with an
owner, a channel, an emotion, and evidence by level (observed, reported,
inferred, assumed, none). Catalogues are skipped. docs/site.md defines each
figure.

Formats: text (two tables, default), md (the same as Markdown tables, for a
pull-request comment), json (an object with "maps", one entry per map with
its "path", and "total"; shares are numbers from 0 to 1), csv (one row per
map, then the total).

The project configuration (.cjm.yaml) applies as it does to validate. A map
with errors is left out: its findings are printed as validate prints them
and the command exits 1.

Exit status: 0 ok, 1 a map has errors, 2 the command could not run.`,
		Example: `  cjm stats maps/
  cjm stats --format md maps/ >> "$GITHUB_STEP_SUMMARY"
  cjm stats --format json maps/ | jq '.total.coverage.evidence.assumed'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("no PATH given; name journey files or directories: cjm stats maps/")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Root = f.Root
			if !slices.Contains(stats.Formats, opts.Format) {
				return cmdutil.FlagErrorf("invalid --format %q: want one of %s", opts.Format, strings.Join(stats.Formats, ", "))
			}
			today, err := config.Today(os.Getenv)
			if err != nil {
				return cmdutil.FlagErrorf("%s", err)
			}
			opts.Configs = &config.Finder{Root: f.Root, Explicit: f.Config, Disabled: f.NoConfig, MaxBytes: opts.MaxBytes, Today: today}
			if runF != nil {
				return runF(opts)
			}
			return statsRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", stats.Formats[0], "output `format`: "+strings.Join(stats.Formats, "|"))
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(stats.Formats, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = cmdutil.CompleteJourneyFiles
	return cmd
}

func statsRun(opts *Options) error {
	if err := cmdutil.CheckRoot(opts.Root); err != nil {
		return err
	}
	files, err := paths.Journeys(opts.Paths)
	if err != nil {
		return err
	}
	if _, err := opts.Configs.For(files[0]); err != nil {
		return err // --config names no file
	}
	res := portfolio.Load(files, portfolio.Options{
		Check:   check.Options{Root: opts.Root, MaxBytes: opts.MaxBytes},
		Configs: opts.Configs,
	})
	maps := make([]stats.Map, len(res.Maps))
	for i, e := range res.Maps {
		maps[i] = stats.Of(e.Path, e.Map)
	}
	if err := stats.Write(opts.IO.Out, stats.New(maps), opts.Format); err != nil {
		return err
	}
	if len(res.Diags) > 0 {
		if err := findings.WriteText(opts.IO.ErrOut, res.Diags, res.Sources, findings.TextOptions{Color: opts.IO.ColorStderr()}); err != nil {
			return err
		}
	}
	switch {
	case res.Unreadable > 0:
		return fmt.Errorf("%d of %d files could not be read", res.Unreadable, len(files))
	case res.Invalid > 0:
		if !opts.IO.Quiet {
			fmt.Fprintf(opts.IO.ErrOut, "%d of %d files have errors and are not counted\n", res.Invalid, len(files))
		}
		return cmdutil.SilentError
	}
	return nil
}
