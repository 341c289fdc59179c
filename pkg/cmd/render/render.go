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

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/atomicfile"
	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/paths"
	"github.com/cjm-dev/cjm/pkg/renderpool"
	"github.com/cjm-dev/cjm/pkg/textmeasure"
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
	// Fonts are --font files: fallback fonts for PNG and PDF, consulted
	// before the system's.
	Fonts []string

	// NewRenderer picks where Graphviz runs for about `layouts` layouts
	// with `workers` parallel jobs, and returns a function that releases
	// it. Nil means DefaultRenderer.
	NewRenderer func(layouts, workers int) (graphviz.Renderer, func() error, error)
}

// NewCmdRender builds `cjm render`. runF replaces the run function in
// flag-parsing tests.
func NewCmdRender(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "render PATH...",
		Short: "Draw journey maps as SVG, PNG, PDF or DOT",
		Long: `Render checks each journey file and writes its views in the requested
formats, next to the input or into --out DIR. A directory is searched for
journey files (*.yaml, *.yml with a top-level cjm key); catalogue files are
skipped.

Output names are <base>.<ext> for the map view and <base>.<view>.<ext> for
the others (mermaid writes .mmd); md and html are whole reports and take no
view suffix. Files are written atomically and only when their content
changes. An input with errors is not rendered: its findings are printed as
validate prints them and the command exits 1.

--check renders in memory, lists the outputs that are missing or out of
date and exits 1 if there are any; it writes nothing.`,
		Example: `  cjm render maps/
  cjm render -f svg,png --view map --view flow maps/b2b.yaml
  cjm render -o - -f svg maps/b2b.yaml > b2b.svg
  cjm render --check maps/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Root = f.Root
			if opts.Jobs < 0 {
				return cmdutil.FlagErrorf("-j must be 1 or more, not %d", opts.Jobs)
			}
			if opts.Jobs == 0 {
				opts.Jobs = runtime.NumCPU()
			}
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
	fl.StringSliceVar(&opts.Views, "view", []string{"map"}, "`VIEW` to draw: map or flow (repeatable)")
	fl.StringSliceVarP(&opts.Formats, "format", "f", []string{"svg"}, "output `FORMAT`: "+formatNames()+" (repeatable or comma-separated)")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "render `N` maps in parallel (default: the number of CPUs)")
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	fl.StringArrayVar(&opts.Fonts, "font", nil, "draw characters the bundled fonts lack with the TrueType font `FILE` before any system font, in PNG and PDF (repeatable)")
	fl.BoolVar(&opts.Check, "check", false, "write nothing; list missing or out-of-date outputs and exit 1 if any")
	_ = cmd.RegisterFlagCompletionFunc("format", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		// -f takes a comma-separated list: complete its last item.
		done := toComplete[:strings.LastIndex(toComplete, ",")+1]
		var out []cobra.Completion
		for _, f := range wiredFormats() {
			out = append(out, done+f)
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	_ = cmd.RegisterFlagCompletionFunc("view", cobra.FixedCompletions(viewNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("out", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return cmd
}

// output is one file to write.
type output struct {
	path   string
	format Format
	view   string // empty for reports
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
	formats, err := parseFormats(opts.Formats)
	if err != nil {
		return cmdutil.FlagErrorf("%s", err)
	}
	viewList, err := parseViews(opts.Views)
	if err != nil {
		return cmdutil.FlagErrorf("%s", err)
	}
	if len(formats) == 0 || len(viewList) == 0 {
		return cmdutil.FlagErrorf("nothing to render: give at least one --format and one --view")
	}
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
		plans[i] = planOutputs(in, opts.OutDir, formats, viewList)
		for _, o := range plans[i] {
			if prev, dup := owner[o.path]; dup && !toStdout {
				return fmt.Errorf("%s and %s would both write %s; render them into different directories", prev, in, o.path)
			}
			owner[o.path] = in
		}
		total += len(plans[i])
	}
	if toStdout && total != 1 {
		return cmdutil.FlagErrorf("-o - writes a single output to stdout, but this command makes %d (%d inputs × formats × views); name one file, one format and one view", total, len(inputs))
	}
	if opts.OutDir != "" && !toStdout && !opts.Check {
		if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
			return fmt.Errorf("cannot create the output directory: %w", err)
		}
	}

	workers := min(max(opts.Jobs, 1), len(inputs))
	layouts := len(inputs) * len(viewList)
	newRenderer := opts.NewRenderer
	if newRenderer == nil {
		newRenderer = DefaultRenderer
	}
	renderer, release, err := newRenderer(layouts, workers)
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
				results[i] = renderInput(ctx, opts, inputs[i], plans[i], viewList, renderer)
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

// planOutputs names the outputs of one input.
func planOutputs(input, outDir string, formats []Format, viewList []string) []output {
	dir := filepath.Dir(input)
	if outDir != "" && outDir != "-" {
		dir = outDir
	}
	base := strings.TrimSuffix(filepath.Base(input), filepath.Ext(input))
	var outs []output
	for _, f := range formats {
		if f.Report {
			outs = append(outs, output{path: filepath.Join(dir, base+"."+f.Ext), format: f})
			continue
		}
		for _, v := range viewList {
			name := base + "." + f.Ext
			if v != "map" {
				name = base + "." + v + "." + f.Ext
			}
			outs = append(outs, output{path: filepath.Join(dir, name), format: f, view: v})
		}
	}
	return outs
}

// renderInput checks one input and makes, writes or compares its outputs.
func renderInput(ctx context.Context, opts *Options, input string, outs []output, viewList []string, r graphviz.Renderer) *result {
	res := &result{path: input}
	chk := check.File(input, load.Options{Root: opts.Root, MaxBytes: opts.MaxBytes})
	res.diags, res.sources = chk.Diags, chk.Sources
	if chk.Map == nil || chk.Diags.HasErrors() {
		res.invalid = true
		return res
	}
	if chk.Map.Catalogue {
		res.skipped = "a catalogue (no stages) has nothing to draw"
		return res
	}
	shared := &jobShared{renderer: r, idBase: idBase(input), views: map[string]*viewResult{}}
	var svgFiles map[string]string
	if opts.OutDir != "-" {
		for _, o := range outs {
			if o.format.Name == "svg" {
				if svgFiles == nil {
					svgFiles = map[string]string{}
				}
				svgFiles[o.view] = filepath.Base(o.path)
			}
		}
	}
	for _, o := range outs {
		job := &Job{Path: input, Map: chk.Map, Lang: chk.Map.Lang, View: o.view, Views: viewList, SVGFiles: svgFiles, shared: shared}
		data, err := renderOutput(ctx, o.format, job)
		if err != nil {
			res.failures = append(res.failures, fmt.Sprintf("%s: %s: %v", input, o.path, err))
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
	if w := shared.missing.Warning(); w != "" {
		res.warnings = append(res.warnings, w)
	}
	return res
}

// renderOutput runs a format, turning a panic in a renderer into an error
// so that one bad map cannot take the batch down.
func renderOutput(ctx context.Context, f Format, job *Job) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("internal error in the %s renderer: %v; please report this with the file that caused it", f.Name, r)
		}
	}()
	return f.Render(ctx, job)
}

// idBase is the start of the id prefix of one input's SVGs: its base name
// reduced to letters, digits, '-' and '_' (view.DefaultPrefix), and '-';
// the view name follows ("b2b-funnel-map").
func idBase(input string) string {
	p := view.DefaultPrefix(input)
	if p == "" {
		p = "cjm"
	}
	return p + "-"
}

// InProcessLayouts is the largest batch that DefaultRenderer lays out in
// this process: below it, starting worker processes costs more than it
// gains, and Graphviz's memory growth is small.
const InProcessLayouts = 8

// DefaultRenderer runs Graphviz in this process for small batches and in
// `workers` recycled worker processes (pkg/renderpool) for larger ones.
func DefaultRenderer(layouts, workers int) (graphviz.Renderer, func() error, error) {
	if layouts <= InProcessLayouts {
		// Graphviz runs on one thread; with more Ps the Go runtime spreads
		// the WebAssembly engine's allocation and GC work over other cores
		// and the layout itself gets slower (map view of 1,000
		// touchpoints: 0.55 s with one P, 0.71 s with two).
		prev := runtime.GOMAXPROCS(1)
		return graphviz.InProcess, func() error { runtime.GOMAXPROCS(prev); return nil }, nil
	}
	// Each worker may grow to maxRSS before it is replaced; the sum stays
	// near 320 MB whatever -j is, down to 96 MB a worker.
	maxRSS := max(int64(96<<20), int64(320<<20)/int64(max(workers, 1)))
	p := renderpool.New(renderpool.Options{Workers: workers, MaxRSS: maxRSS})
	return p, p.Close, nil
}
