package site

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/paths"
	"github.com/cjm-dev/cjm/pkg/portfolio"
	"github.com/cjm-dev/cjm/pkg/renderpool"
	"github.com/cjm-dev/cjm/pkg/site"
)

// Options are the dependencies and flag values of `cjm site`.
type Options struct {
	IO      *iostreams.IOStreams
	Root    string
	Configs *config.Finder

	Paths         []string
	OutDir        string
	Jobs          int
	MaxBytes      int64
	LayoutTimeout time.Duration
}

// NewCmdSite builds `cjm site`. runF replaces siteRun in tests of flag
// parsing; nil runs the command.
func NewCmdSite(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "site PATH... -o DIR",
		Short: "Write a static site of every journey map: an index, a page per map, pages across maps",
		Long: `Site writes a static portfolio site of every journey map under the paths into
DIR, for GitHub Pages, GitLab Pages or any file server:

  index.html     every map with its title, scope, personas, counts, pain
                 points, moments of truth, off-target KPIs, evidence coverage
                 and a thumbnail of its map view (sortable; grouped by folder)
  maps/*.html    one page per map: the HTML report with its views
  channels.html  the channel × stage matrix of all maps
  owners.html    touchpoints per owner
  moments.html   every moment of truth
  kpis.html      every off-target KPI with its map
  stats.html     the figures of cjm stats

The site is self-contained (nothing is fetched from elsewhere; links are
relative, so it works from a sub-path and from file://), the same maps give
the same bytes, and every page has a strict Content-Security-Policy.

DIR is replaced as a whole: the site is written beside it and swapped in
with renames, so a failed run leaves the previous site as it was. An
existing DIR must be empty or a site cjm wrote (it holds .cjm-site).

The project configuration (.cjm.yaml) applies as it does to validate. A map
with errors stops the command before anything is written: its findings are
printed as validate prints them and the command exits 1.`,
		Example: `  cjm site maps/ -o public
  cjm site examples -o site && open site/index.html`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("no PATH given; name journey files or directories: cjm site maps/ -o public")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Root = f.Root
			if opts.OutDir == "" || opts.OutDir == "-" {
				return cmdutil.FlagErrorf("-o DIR is required: the directory to write the site into")
			}
			if opts.Jobs < 0 {
				return cmdutil.FlagErrorf("-j must be 1 or more, not %d", opts.Jobs)
			}
			if opts.Jobs == 0 {
				opts.Jobs = runtime.NumCPU()
			}
			if opts.LayoutTimeout < 0 {
				return cmdutil.FlagErrorf("--layout-timeout must be 0 (no limit) or more, not %s", opts.LayoutTimeout)
			}
			today, err := config.Today(os.Getenv)
			if err != nil {
				return cmdutil.FlagErrorf("%s", err)
			}
			opts.Configs = &config.Finder{Root: f.Root, Explicit: f.Config, Disabled: f.NoConfig, MaxBytes: opts.MaxBytes, Today: today}
			if runF != nil {
				return runF(opts)
			}
			return siteRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.OutDir, "out", "o", "", "write the site into `DIR` (required; replaced as a whole)")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "render `N` maps in parallel (default: the number of CPUs)")
	fl.DurationVar(&opts.LayoutTimeout, "layout-timeout", renderpool.DefaultLayoutTimeout, "stop a Graphviz layout after `DURATION` and fail (0: no limit)")
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	_ = cmd.RegisterFlagCompletionFunc("out", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	cmd.ValidArgsFunction = cmdutil.CompleteJourneyFiles
	return cmd
}

func siteRun(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	if err := cmdutil.CheckRoot(opts.Root); err != nil {
		return err
	}
	files, err := paths.Journeys(opts.Paths)
	if err != nil {
		return err
	}
	if err := refuseInputs(opts.OutDir, files); err != nil {
		return err
	}
	if _, err := opts.Configs.For(files[0]); err != nil {
		return err // --config names no file
	}
	res := portfolio.Load(files, portfolio.Options{
		Check:   check.Options{Root: opts.Root, MaxBytes: opts.MaxBytes},
		Configs: opts.Configs,
	})
	if len(res.Diags) > 0 {
		if err := findings.WriteText(opts.IO.ErrOut, res.Diags, res.Sources, findings.TextOptions{Color: opts.IO.ColorStderr()}); err != nil {
			return err
		}
	}
	switch {
	case res.Unreadable > 0:
		return fmt.Errorf("%d of %d files could not be read; the site was not written", res.Unreadable, len(files))
	case res.Invalid > 0:
		fmt.Fprintf(opts.IO.ErrOut, "%d of %d files have errors; the site was not written\n", res.Invalid, len(files))
		return cmdutil.SilentError
	case len(res.Maps) == 0:
		return fmt.Errorf("no journey map in %s (catalogues only); the site was not written", strings.Join(opts.Paths, ", "))
	}

	var inputs []string
	for _, e := range res.Maps {
		inputs = append(inputs, e.Path)
	}
	base := site.CommonDir(inputs)
	maps := make([]site.Map, len(res.Maps))
	for i, e := range res.Maps {
		rel, err := filepath.Rel(base, e.Path)
		if err != nil {
			rel = filepath.Base(e.Path)
		}
		maps[i] = site.Map{Path: e.Path, Name: filepath.ToSlash(rel), Map: e.Map}
	}
	workers := min(max(opts.Jobs, 1), len(maps))
	renderer, release, err := renderpool.Default(site.Layouts(len(maps)), workers, opts.LayoutTimeout)
	if err != nil {
		return err
	}
	defer release()
	built, err := site.Build(ctx, maps, site.Options{Renderer: renderer, Workers: workers})
	if err != nil {
		return fmt.Errorf("%w; the site was not written", err)
	}
	if err := site.Write(opts.OutDir, built); err != nil {
		return err
	}
	if !opts.IO.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "wrote %s: %d maps, %d files\n", opts.OutDir, len(maps), len(built))
	}
	return nil
}

// refuseInputs fails when the output directory would hold an input: the
// site replaces it as a whole.
func refuseInputs(out string, files []string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	for _, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(absOut, a); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("the output directory %s holds the input %s, and cjm site replaces it as a whole; write the site elsewhere", out, f)
		}
	}
	return nil
}
