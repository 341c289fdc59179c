package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/atomicfile"
	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/paths"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/render"
	"github.com/cjm-dev/cjm/pkg/renderpool"
	"github.com/cjm-dev/cjm/pkg/textmeasure"
	"github.com/cjm-dev/cjm/pkg/validate"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Options are the dependencies and flag values of `cjm render`.
type Options struct {
	IO   *iostreams.IOStreams
	Root string

	Paths   []string
	OutDir  string
	Views   []string
	Formats []string
	Jobs    int
	Check   bool
	// MaxBytes is --max-size: the largest file read.
	MaxBytes int64
	// Configs finds each input's project configuration (.cjm.yaml): its
	// rule levels and policy decide what is an error. Nil: none.
	Configs *config.Finder
	// LayoutTimeout bounds one Graphviz layout; 0 means no bound.
	LayoutTimeout time.Duration
	// Fonts are --font files: fallback fonts for PNG and PDF, consulted
	// before the system's.
	Fonts []string
	// Baseline is --baseline: REV, REV:PATH or FILE, the version each map
	// is drawn against (empty: none).
	Baseline string
	// Page is --page (raster.ParsePage: auto, a4, a3, letter, tabloid,
	// each with -landscape); Footer is --footer.
	Page   string
	Footer string
	// Personas is --persona: the ids of the personas the map view is drawn
	// for (empty: everyone).
	Personas []string

	// NewRenderer picks where Graphviz runs for `layouts` layouts with
	// `workers` parallel jobs, each layout bounded by timeout, and returns
	// a function that releases it. Nil means DefaultRenderer.
	NewRenderer func(layouts, workers int, timeout time.Duration) (graphviz.Renderer, func() error, error)
}

// DefaultLayoutTimeout is the default of --layout-timeout.
const DefaultLayoutTimeout = renderpool.DefaultLayoutTimeout

// NewCmdRender builds `cjm render`. runF replaces the run function in
// flag-parsing tests.
func NewCmdRender(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "render PATH...",
		Short: "Draw journey maps as SVG, PNG, PDF or DOT, and write Markdown, HTML, Mermaid, JSON, CSV or XLSX",
		Long: `Render checks each journey file and writes its views in the requested
formats (` + strings.Join(render.FormatNames(), ", ") + `), next to the input
or into --out DIR. A directory is searched for
journey files (*.yaml, *.yml with a top-level cjm key); catalogue files are
skipped.

Output names are <base>.<ext> for the map view and <base>.<view>.<ext> for
the others; md, html, mermaid (.mmd), json, csv and xlsx describe the whole map
and take no view suffix. The Markdown report links the SVG of each --view
by the name -f svg gives it, whether or not svg is asked for in the same
call. An output path that is one of the inputs is refused. Files are
written atomically and only when their content changes. An input with errors is not rendered: its findings are printed as
validate prints them and the command exits 1.

--check renders in memory, lists the outputs that are missing or out of
date and exits 1 if there are any; it writes nothing.

A Graphviz layout that runs longer than --layout-timeout is stopped (its
worker process is killed) and its input fails with an error.`,
		Example: `  cjm render maps/
  cjm render -f svg,png --view map --view flow maps/b2b.yaml
  cjm render -o - -f svg maps/b2b.yaml > b2b.svg
  cjm render --check maps/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Root = f.Root
			// The project configuration's render defaults, for the flags
			// not given (those of the first PATH's configuration).
			today, err := config.Today(os.Getenv)
			if err != nil {
				return cmdutil.FlagErrorf("%s", err)
			}
			opts.Configs = &config.Finder{Root: f.Root, Explicit: f.Config, Disabled: f.NoConfig, MaxBytes: opts.MaxBytes, Today: today}
			cfg, err := opts.Configs.For(args[0])
			if err != nil {
				return err // --config names no file
			}
			formats, views, out := cfg.Defaults()
			if fl := cmd.Flags(); !fl.Changed("format") && len(formats) > 0 {
				opts.Formats = formats
			}
			if fl := cmd.Flags(); !fl.Changed("view") && len(views) > 0 {
				opts.Views = views
			}
			if fl := cmd.Flags(); !fl.Changed("out") && out != "" {
				opts.OutDir = out
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
			if _, err := raster.ParsePage(opts.Page); err != nil {
				return cmdutil.FlagErrorf("--page: %s", err)
			}
			personas, err := personaIDs(opts.Personas)
			if err != nil {
				return err
			}
			opts.Personas = personas
			if opts.Check && opts.OutDir == "-" {
				return cmdutil.FlagErrorf("--check compares files on disk; it cannot be used with -o -")
			}
			if runF != nil {
				return runF(opts)
			}
			return renderRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.OutDir, "out", "o", "", "write into `DIR` (default: next to each input); - writes a single output to stdout")
	fl.StringSliceVar(&opts.Views, "view", []string{render.ViewNames()[0]}, "`VIEW` to draw: "+strings.Join(render.ViewNames(), " or ")+" (repeatable or comma-separated)")
	fl.StringSliceVarP(&opts.Formats, "format", "f", []string{render.FormatNames()[0]}, "output `FORMAT`: "+strings.Join(render.FormatNames(), ", ")+" (repeatable or comma-separated)")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "render `N` maps in parallel (default: the number of CPUs)")
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	fl.StringArrayVar(&opts.Fonts, "font", nil, "draw characters the bundled fonts lack with the TrueType font `FILE` before any system font, in PNG and PDF (repeatable)")
	fl.StringVar(&opts.Baseline, "baseline", "", "draw the map against its version `REV` (or REV:PATH, or a FILE): the baseline's emotion curves dashed under the current ones, touchpoints added or removed, each KPI's change")
	fl.StringVar(&opts.Page, "page", "auto", "print PNG and PDF on paper of `SIZE`: auto (one page the drawing's size), a4, a3, letter or tabloid, each optionally -landscape (a3-landscape); the map is scaled to the page and split across PDF pages where its text would fall under 7 pt")
	fl.StringVar(&opts.Footer, "footer", "", "write `TEXT` under the drawing on every page of a --page size")
	fl.StringSliceVar(&opts.Personas, "persona", nil, "draw the map for the persona `ID` only (repeatable or comma-separated): its emotion curve, the touchpoints it meets and its card; outputs are named <base>.persona-<id>[+<id>…].<ext>")
	fl.BoolVar(&opts.Check, "check", false, "write nothing; list missing or out-of-date outputs and exit 1 if any")
	fl.DurationVar(&opts.LayoutTimeout, "layout-timeout", DefaultLayoutTimeout, "stop a Graphviz layout after `DURATION` and fail its input (0: no limit)")
	_ = cmd.RegisterFlagCompletionFunc("format", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		// -f takes a comma-separated list: complete its last item.
		done := toComplete[:strings.LastIndex(toComplete, ",")+1]
		var out []cobra.Completion
		for _, f := range render.FormatNames() {
			out = append(out, done+f)
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	_ = cmd.RegisterFlagCompletionFunc("page", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, p := range raster.PageNames {
			out = append(out, p)
			if p != "auto" {
				out = append(out, p+"-landscape")
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("persona", completePersonas)
	_ = cmd.RegisterFlagCompletionFunc("view", cobra.FixedCompletions(render.ViewNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("out", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	cmd.ValidArgsFunction = cmdutil.CompleteJourneyFiles
	return cmd
}

// output is one file to write.
type output struct {
	path string
	render.Output
}

// result is what became of one input.
type result struct {
	path     string
	diags    diag.Diagnostics
	sources  diag.Sources
	invalid  bool // has errors: not rendered
	skipped  string
	failures []string // outputs that could not be made or written
	warnings []string
	written  []string
	same     []string
	stale    []string // --check
	missing  []string // --check
	stdout   []byte   // -o -
	timedOut bool     // a layout ran past --layout-timeout
	// interrupted inputs were not started.
	interrupted bool
}

func renderRun(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	// Ctrl-C stops the batch: no new input starts, running layouts are
	// killed with their workers, and no file is left half-written.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	views, formats := splitNames(opts.Views), splitNames(opts.Formats)
	if len(views) == 0 || len(formats) == 0 {
		return cmdutil.FlagErrorf("nothing to render: give at least one --format and one --view")
	}
	plan, err := render.NewPlan(views, formats)
	if err != nil {
		return cmdutil.FlagErrorf("%s", err)
	}
	page, err := raster.ParsePage(opts.Page)
	if err != nil {
		return cmdutil.FlagErrorf("--page: %s", err)
	}
	plan.Paper = render.Paper{Page: page, Footer: opts.Footer}
	plan.Personas = opts.Personas
	if err := textmeasure.SetFonts(textmeasure.FontConfig{Files: opts.Fonts}); err != nil {
		return cmdutil.FlagErrorf("%s", err)
	}
	inputs, err := paths.Journeys(opts.Paths)
	if err != nil {
		return err
	}
	toStdout := opts.OutDir == "-"
	if toStdout && len(inputs) > 1 {
		// Catalogues draw nothing: leave them out before counting the
		// outputs, so `-o -` works on a directory with one map in it.
		maps := inputs[:0:0]
		for _, in := range inputs {
			if m, _, _ := load.File(in, load.Options{Root: opts.Root, MaxBytes: opts.MaxBytes}); m == nil || !m.Catalogue {
				maps = append(maps, in)
			}
		}
		inputs = maps
	}
	plans := make([][]output, len(inputs))
	owner := map[string]string{}
	total := 0
	for i, in := range inputs {
		plans[i] = planOutputs(in, opts.OutDir, plan)
		for _, o := range plans[i] {
			if prev, dup := owner[o.path]; dup && !toStdout {
				return fmt.Errorf("%s and %s would both write %s; render them into different directories", prev, in, o.path)
			}
			owner[o.path] = in
		}
		total += len(plans[i])
	}
	if toStdout && total != 1 {
		return cmdutil.FlagErrorf("-o - writes a single output to stdout, but this command makes %d (%s × formats × views); name one file, one format and one view", total, plural(len(inputs), "input"))
	}
	if !toStdout {
		if err := refuseInputs(inputs, plans); err != nil {
			return err
		}
	}
	if opts.OutDir != "" && !toStdout && !opts.Check {
		if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
			return fmt.Errorf("cannot create the output directory: %w", err)
		}
	}

	workers := min(max(opts.Jobs, 1), len(inputs))
	layouts := len(inputs) * plan.Layouts()
	newRenderer := opts.NewRenderer
	if newRenderer == nil {
		newRenderer = DefaultRenderer
	}
	renderer, release, err := newRenderer(layouts, workers, opts.LayoutTimeout)
	if err != nil {
		return err
	}
	defer release()

	var bar *progressbar.ProgressBar
	if opts.IO.IsStderrTTY() && !opts.IO.Quiet && len(inputs) >= progressMin && !toStdout {
		bar = progressbar.NewOptions(len(inputs),
			progressbar.OptionSetWriter(opts.IO.ErrOut),
			progressbar.OptionSetDescription("rendering"),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30),
		)
	}

	results := make([]*result, len(inputs))
	done := make([]chan struct{}, len(inputs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = renderInput(ctx, opts, inputs[i], plans[i], plan, renderer)
				close(done[i])
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range inputs {
			select {
			case next <- i:
			case <-ctx.Done():
				// Unstarted inputs finish at once, as interrupted.
				for ; i < len(inputs); i++ {
					results[i] = &result{path: inputs[i], interrupted: true}
					close(done[i])
				}
				return
			}
		}
	}()

	// Report in input order as results arrive.
	var sum summary
	for i := range inputs {
		<-done[i]
		r := results[i]
		if bar != nil {
			bar.Add(1)
		}
		report(opts, r, &sum, bar)
		results[i] = nil // let its sources and findings go
	}
	wg.Wait()
	if bar != nil {
		bar.Finish()
	}
	if err := ctx.Err(); err != nil {
		return errors.New("interrupted; outputs already written are complete, the others were not touched")
	}
	return finish(opts, inputs, &sum, toStdout)
}

// progressMin is the number of inputs from which a terminal gets a
// progress bar.
const progressMin = 4

type summary struct {
	rendered, invalid, skipped, failed int
	written, same, stale, missing      int
}

func report(opts *Options, r *result, sum *summary, bar *progressbar.ProgressBar) {
	errOut := opts.IO.ErrOut
	if bar != nil && (r.invalid || r.skipped != "" || len(r.failures)+len(r.warnings) > 0 || len(r.stale)+len(r.missing) > 0) {
		bar.Clear()
	}
	switch {
	case r.interrupted:
		return
	case r.invalid:
		if slices.ContainsFunc(r.diags, load.Unreadable) {
			sum.failed++ // could not be read: exit 2, as cli.md says
		} else {
			sum.invalid++
		}
		findings.WriteText(errOut, r.diags, r.sources, findings.TextOptions{Color: opts.IO.ColorStderr()})
		return
	case r.skipped != "":
		sum.skipped++
		if !opts.IO.Quiet {
			fmt.Fprintf(errOut, "%s: skipped: %s\n", r.path, r.skipped)
		}
		return
	}
	for _, w := range r.warnings {
		fmt.Fprintf(errOut, "%s: warning: %s\n", r.path, w)
	}
	for _, f := range r.failures {
		fmt.Fprintf(errOut, "cjm: %s\n", f)
	}
	if r.timedOut {
		fmt.Fprintf(errOut, "  (a layout ran past --layout-timeout %s: simplify the map or raise the limit)\n", opts.LayoutTimeout)
	}
	if len(r.failures) > 0 {
		sum.failed++
	} else {
		sum.rendered++
	}
	sum.written += len(r.written)
	sum.same += len(r.same)
	sum.stale += len(r.stale)
	sum.missing += len(r.missing)
	for _, p := range r.missing {
		fmt.Fprintf(opts.IO.Out, "%s: missing\n", p)
	}
	for _, p := range r.stale {
		fmt.Fprintf(opts.IO.Out, "%s: out of date\n", p)
	}
	if r.stdout != nil {
		opts.IO.Out.Write(r.stdout)
	}
}

func finish(opts *Options, inputs []string, sum *summary, toStdout bool) error {
	errOut := opts.IO.ErrOut
	if !opts.IO.Quiet && !toStdout {
		var parts []string
		if opts.Check {
			parts = append(parts, fmt.Sprintf("checked %s", plural(sum.rendered, "map")))
			if n := sum.stale + sum.missing; n > 0 {
				parts = append(parts, fmt.Sprintf("%s out of date or missing", plural(n, "output")))
			} else {
				parts = append(parts, "all outputs up to date")
			}
		} else {
			parts = append(parts, fmt.Sprintf("rendered %s", plural(sum.rendered, "map")))
			parts = append(parts, fmt.Sprintf("%s written", plural(sum.written, "file")))
			if sum.same > 0 {
				parts = append(parts, fmt.Sprintf("%d unchanged", sum.same))
			}
		}
		if sum.invalid > 0 {
			parts = append(parts, fmt.Sprintf("%s not rendered (errors)", plural(sum.invalid, "map")))
		}
		if sum.failed > 0 {
			parts = append(parts, fmt.Sprintf("%d failed", sum.failed))
		}
		if sum.skipped > 0 {
			parts = append(parts, fmt.Sprintf("%d skipped", sum.skipped))
		}
		fmt.Fprintln(errOut, strings.Join(parts, ", "))
	}
	switch {
	case sum.failed > 0:
		return fmt.Errorf("%s could not be rendered or written", plural(sum.failed, "map"))
	case sum.invalid > 0, sum.stale+sum.missing > 0:
		return cmdutil.SilentError
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// planOutputs names the outputs of one input: the names pkg/render gives
// them, in the input's directory or in outDir.
func planOutputs(input, outDir string, plan *render.Plan) []output {
	dir := filepath.Dir(input)
	if outDir != "" && outDir != "-" {
		dir = outDir
	}
	var outs []output
	for _, o := range plan.Outputs(input) {
		outs = append(outs, output{path: filepath.Join(dir, o.Name), Output: o})
	}
	return outs
}

// refuseInputs fails when an output would replace one of the inputs
// (`cjm render -f json m.json`: a JSON map is YAML).
func refuseInputs(inputs []string, plans [][]output) error {
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return filepath.Clean(p)
	}
	in := make([]string, len(inputs))
	for i, p := range inputs {
		in[i] = abs(p)
	}
	for _, outs := range plans {
		for _, o := range outs {
			i := slices.Index(in, abs(o.path))
			if i < 0 {
				// The same file by another name (a link)?
				oi, err := os.Stat(o.path)
				if err != nil {
					continue
				}
				i = slices.IndexFunc(inputs, func(p string) bool {
					pi, err := os.Stat(p)
					return err == nil && os.SameFile(oi, pi)
				})
			}
			if i >= 0 {
				return fmt.Errorf("the %s output %s would replace the input %s; write into another directory with -o DIR or rename the input", o.Format, o.path, inputs[i])
			}
		}
	}
	return nil
}

// renderInput checks one input and makes, writes or compares its outputs.
func renderInput(ctx context.Context, opts *Options, input string, outs []output, plan *render.Plan, r graphviz.Renderer) *result {
	res := &result{path: input}
	set, cds, csrcs := opts.Configs.Check(input)
	if cds.HasErrors() { // a broken .cjm.yaml: nothing is checked as the team meant
		res.diags, res.sources, res.invalid = cds, csrcs, true
		return res
	}
	chk := check.File(input, load.Options{Root: opts.Root, MaxBytes: opts.MaxBytes, Rules: set})
	res.diags, res.sources = chk.Diags, chk.Sources
	if chk.Map == nil || chk.Diags.HasErrors() {
		res.invalid = true
		return res
	}
	if chk.Map.Catalogue {
		res.skipped = "a catalogue (no stages) has nothing to draw"
		return res
	}
	if err := view.CheckPersonas(chk.Map, opts.Personas); err != nil {
		res.failures = append(res.failures, fmt.Sprintf("%s: --persona: %v", input, err))
		return res
	}
	var base render.Baseline
	if opts.Baseline != "" {
		b, bds, bsrcs, err := loadBaseline(opts, input, load.Options{Root: opts.Root, MaxBytes: opts.MaxBytes, Rules: set})
		if err != nil {
			res.diags = append(res.diags, bds...)
			for k, v := range bsrcs {
				if res.sources == nil {
					res.sources = diag.Sources{}
				}
				res.sources[k] = v
			}
			res.failures = append(res.failures, fmt.Sprintf("%s: %v", input, err))
			return res
		}
		base = b
	}
	var missing raster.Missing
	made := plan.RenderAgainst(ctx, chk.Map, base, input, r, &missing)
	for i, o := range outs {
		data, err := made[i].Data, made[i].Err
		if err != nil {
			res.failures = append(res.failures, fmt.Sprintf("%s: %s: %v", input, o.path, err))
			res.timedOut = res.timedOut || errors.Is(err, graphviz.ErrTimeout)
			continue
		}
		switch {
		case opts.OutDir == "-":
			res.stdout = data
		case opts.Check:
			old, err := os.ReadFile(o.path)
			switch {
			case errors.Is(err, os.ErrNotExist):
				res.missing = append(res.missing, o.path)
			case err != nil:
				res.failures = append(res.failures, fmt.Sprintf("%s: %v", o.path, err))
			case !bytes.Equal(old, data):
				res.stale = append(res.stale, o.path)
			default:
				res.same = append(res.same, o.path)
			}
		default:
			if old, err := os.ReadFile(o.path); err == nil && bytes.Equal(old, data) {
				res.same = append(res.same, o.path)
				continue
			}
			if err := atomicfile.WriteFile(o.path, data, 0o644); err != nil {
				res.failures = append(res.failures, err.Error())
				continue
			}
			res.written = append(res.written, o.path)
		}
	}
	if w := missing.Warning(); w != "" {
		res.warnings = append(res.warnings, w)
	}
	return res
}

// splitNames splits repeated and comma-separated flag values into lower
// case names, in order, each once.
func splitNames(values []string) []string {
	var out []string
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "" && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// InProcessLayouts is the largest batch that DefaultRenderer lays out in
// this process (renderpool.InProcessLayouts).
const InProcessLayouts = renderpool.InProcessLayouts

// DefaultRenderer is renderpool.Default: Graphviz in this process for small
// batches, in worker processes for larger ones (cjm site decides the same
// way, by the same function).
func DefaultRenderer(layouts, workers int, timeout time.Duration) (graphviz.Renderer, func() error, error) {
	return renderpool.Default(layouts, workers, timeout)
}

// personaIDs splits --persona values (repeated or comma-separated) into
// ids, in order, each once; one that is not an id is a usage error.
func personaIDs(values []string) ([]string, error) {
	var out []string
	for _, v := range values {
		for _, id := range strings.Split(v, ",") {
			id = strings.TrimSpace(id)
			if !validate.ValidID(id) {
				return nil, cmdutil.FlagErrorf("--persona %q is not a persona id (lower-case letters, digits, - and _)", id)
			}
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// completePersonas completes --persona with the ids of the personas of
// the journey files named so far (directories are not walked).
func completePersonas(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	done := toComplete[:strings.LastIndex(toComplete, ",")+1]
	var out []cobra.Completion
	for _, a := range args {
		if st, err := os.Stat(a); err != nil || st.IsDir() {
			continue
		}
		m, _, _ := load.File(a, load.Options{})
		if m == nil {
			continue
		}
		for _, p := range m.Personas {
			if c := done + p.ID; !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
