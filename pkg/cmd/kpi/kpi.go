package kpi

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/diag"
	csvexport "github.com/cjm-dev/cjm/pkg/export/csv"
	"github.com/cjm-dev/cjm/pkg/findings"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/kpi"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/mdtext"
	"github.com/cjm-dev/cjm/pkg/paths"
)

// Formats are the values of --format.
var Formats = []string{"text", "md", "json", "csv"}

// Options are the flags and dependencies of `cjm kpi`.
type Options struct {
	IO            *iostreams.IOStreams
	Paths         []string
	Root          string
	MaxBytes      int64
	Format        string
	History       bool
	Since         string
	Metrics       []string
	FailOffTarget bool
}

// NewCmdKPI builds `cjm kpi`. runF replaces kpiRun in tests of flag
// parsing; nil runs the command.
func NewCmdKPI(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "kpi PATH...",
		Short: "Show each metric's value, target, status and trend",
		Long: `Show every metric of the journey maps: its current value (the latest
measurement, else the map's value), target, unit, which way is better, the
status (on or off target), the change since the previous point and whether
it moved toward the target, the date of the latest point and a sparkline.

The points are the rows of the map's measurement files (the top-level
"measurements" key). --history adds the values the map itself held in every
commit that changed it or its measurement files (renames followed; dated
with the commit date), read with one git log and one git cat-file.

Formats: text (a table, default), md (a Markdown table), json (an array of
metrics with their history), csv (one row per metric; with --history one
row per point).

Exit status: 0 done, 1 a map has errors (or, with --fail-off-target, a
metric is off target), 2 the command could not run.`,
		Example: `  cjm kpi examples/
  cjm kpi --history --since 2026-01 maps/funnel.yaml
  cjm kpi --metric win-rate --format json maps/
  cjm kpi --fail-off-target maps/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("no PATH given; name journey files or directories: cjm kpi maps/")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Root = f.Root
			if !slices.Contains(Formats, opts.Format) {
				return cmdutil.FlagErrorf("invalid --format %q: want one of %s", opts.Format, strings.Join(Formats, ", "))
			}
			if opts.Since != "" {
				if _, ok := load.ParseDate(opts.Since); !ok {
					return cmdutil.FlagErrorf("invalid --since %q: write an ISO 8601 date such as 2026-01 or 2026-01-31", opts.Since)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return kpiRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "text", "output `format`: "+strings.Join(Formats, "|"))
	fl.BoolVar(&opts.History, "history", false, "add the values from the git history of each map and its measurement files")
	fl.StringVar(&opts.Since, "since", "", "only points on or after this `DATE` (2026-01, 2026-01-31)")
	fl.StringArrayVar(&opts.Metrics, "metric", nil, "only this metric `ID` (repeatable)")
	fl.BoolVar(&opts.FailOffTarget, "fail-off-target", false, "exit 1 when any metric is off target")
	cmdutil.AddMaxSizeFlag(fl, &opts.MaxBytes)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(Formats, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = cmdutil.CompleteJourneyFiles
	return cmd
}

func kpiRun(opts *Options) error {
	if err := cmdutil.CheckRoot(opts.Root); err != nil {
		return err
	}
	files, err := paths.Journeys(opts.Paths)
	if err != nil {
		return err
	}
	var since time.Time
	if opts.Since != "" {
		since, _ = load.ParseDate(opts.Since)
	}
	lo := check.Options{Root: opts.Root, MaxBytes: opts.MaxBytes}
	var all []*kpi.Series
	var bad diag.Diagnostics
	srcs := diag.Sources{}
	for _, file := range files {
		res := check.File(file, lo)
		if res.Diags.HasErrors() || res.Map == nil {
			for _, d := range res.Diags {
				if load.Unreadable(d) {
					return fmt.Errorf("%s", d.Message)
				}
			}
			bad = append(bad, res.Diags...)
			for n, s := range res.Sources {
				srcs[n] = s
			}
			continue
		}
		if res.Map.Catalogue {
			continue
		}
		ko := kpi.Options{Metrics: opts.Metrics, Since: since}
		if opts.History {
			h, err := kpi.History(res.Map, lo)
			if err != nil {
				return err
			}
			ko.Commits = h
		}
		all = append(all, kpi.FromMap(res.Map, ko)...)
	}
	if len(bad) > 0 {
		if err := findings.WriteText(opts.IO.ErrOut, bad.Normalize(), srcs, findings.TextOptions{Color: opts.IO.ColorStderr()}); err != nil {
			return err
		}
	}
	var werr error
	switch opts.Format {
	case "json":
		werr = writeJSON(opts.IO.Out, all)
	case "csv":
		werr = writeCSV(opts.IO.Out, all, opts.History)
	case "md":
		werr = writeMarkdown(opts.IO.Out, all, opts.History)
	default:
		werr = writeText(opts.IO.Out, all, opts.History)
	}
	if werr != nil {
		return werr
	}
	if len(bad) > 0 {
		return cmdutil.SilentError
	}
	if opts.FailOffTarget {
		for _, s := range all {
			if s.Status() == kpi.Off {
				return cmdutil.SilentError
			}
		}
	}
	return nil
}

// num writes a number as a table shows it: plain decimals, rounded to 12
// significant digits (so that a change of 0.1 is not 0.09999999999999998).
func num(v float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

func optNum(v *float64) string {
	if v == nil {
		return ""
	}
	return num(*v)
}

// row is one metric's cells, shared by the text, md and csv tables.
type row struct {
	Map, Stage, Touchpoint, ID, Name, Value, Target, Unit, Better, Status, Change, Direction, Toward, Latest, Spark string
}

func rowOf(s *kpi.Series) row {
	r := row{Map: s.Map, Stage: s.Stage.ID, ID: s.Metric.ID, Name: s.Metric.Name,
		Value: optNum(s.Metric.Value), Target: optNum(s.Metric.Target), Unit: s.Metric.Unit,
		Better: s.Metric.Better, Spark: s.Sparkline()}
	if s.Touchpoint != nil {
		r.Touchpoint = s.Touchpoint.ID
	}
	switch s.Status() {
	case kpi.On:
		r.Status = "on target"
	case kpi.Off:
		r.Status = "off target"
	}
	if t := s.Trend(); t != nil {
		r.Change = num(t.Change)
		if t.Change > 0 {
			r.Change = "+" + r.Change
		}
		r.Direction = t.Direction
		if t.Toward != nil {
			r.Toward = "no"
			if *t.Toward {
				r.Toward = "yes"
			}
		}
	}
	if p := s.Latest(); p != nil {
		r.Latest = p.Date
	}
	return r
}

// plain makes a label safe for a terminal: control characters (which the
// validator refuses in maps, but a note may hold) become spaces.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		if diag.IsControl(r) || r == '\t' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// trimLines drops the spaces tabwriter leaves at the end of a line whose
// last cells are empty.
func trimLines(p []byte) []byte {
	var b bytes.Buffer
	for line := range bytes.Lines(p) {
		b.Write(bytes.TrimRight(line, " \n"))
		if bytes.HasSuffix(line, []byte("\n")) {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func writeText(out io.Writer, all []*kpi.Series, history bool) error {
	if len(all) == 0 {
		_, err := fmt.Fprintln(out, "no metrics")
		return err
	}
	var w bytes.Buffer
	if err := textTable(&w, all, history); err != nil {
		return err
	}
	_, err := out.Write(trimLines(w.Bytes()))
	return err
}

func textTable(w *bytes.Buffer, all []*kpi.Series, history bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MAP\tSTAGE\tMETRIC\tVALUE\tTARGET\tUNIT\tBETTER\tSTATUS\tCHANGE\tTOWARD\tLATEST\tTREND")
	for _, s := range all {
		r := rowOf(s)
		where := r.Stage
		if r.Touchpoint != "" {
			where += "/" + r.Touchpoint
		}
		fmt.Fprintf(tw, "%s\t%s\t%s (%s)\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			plain(r.Map), where, plain(r.Name), r.ID, dash(r.Value), dash(r.Target), dash(plain(r.Unit)), r.Better,
			dash(r.Status), dash(strings.TrimSpace(r.Change+" "+r.Direction)), dash(r.Toward), dash(plain(r.Latest)), r.Spark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !history {
		return nil
	}
	for _, s := range all {
		if len(s.Points) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%s) in %s:\n", plain(s.Metric.Name), s.Metric.ID, plain(s.Map))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, p := range s.Points {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", plain(p.Date), num(p.Value), plain(source(p.Source)))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// source shortens a commit hash to 12 characters for the tables (the
// json keeps it whole).
func source(s string) string {
	if len(s) == 40 && !strings.Contains(s, ":") {
		return s[:12]
	}
	return s
}

func writeMarkdown(w io.Writer, all []*kpi.Series, history bool) error {
	var b strings.Builder
	b.WriteString("| map | stage | touchpoint | metric | value | target | unit | better | status | change | toward target | latest | trend |\n")
	b.WriteString("|---|---|---|---|---:|---:|---|---|---|---:|---|---|---|\n")
	for _, s := range all {
		r := rowOf(s)
		cells := []string{r.Map, r.Stage, r.Touchpoint, r.Name + " (" + r.ID + ")", r.Value, r.Target, r.Unit, r.Better, r.Status, strings.TrimSpace(r.Change + " " + r.Direction), r.Toward, r.Latest, r.Spark}
		for i, c := range cells {
			cells[i] = mdtext.EscapeLine(plain(c))
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	if history {
		for _, s := range all {
			if len(s.Points) == 0 {
				continue
			}
			fmt.Fprintf(&b, "\n### %s (%s)\n\n| date | value | source |\n|---|---:|---|\n", mdtext.EscapeLine(plain(s.Metric.Name)), mdtext.EscapeLine(s.Metric.ID))
			for _, p := range s.Points {
				fmt.Fprintf(&b, "| %s | %s | %s |\n", mdtext.EscapeLine(plain(p.Date)), num(p.Value), mdtext.EscapeLine(plain(source(p.Source))))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCSV(w io.Writer, all []*kpi.Series, history bool) error {
	cw := csv.NewWriter(w)
	write := func(cells ...string) {
		for i, c := range cells {
			cells[i] = csvexport.Neutralise(c)
		}
		_ = cw.Write(cells)
	}
	if history {
		write("map", "stage", "touchpoint", "metric", "date", "value", "source")
		for _, s := range all {
			r := rowOf(s)
			for _, p := range s.Points {
				write(r.Map, r.Stage, r.Touchpoint, r.ID, p.Date, num(p.Value), p.Source)
			}
		}
	} else {
		write("map", "stage", "touchpoint", "metric", "name", "value", "target", "unit", "better", "status", "change", "trend", "toward_target", "latest", "sparkline")
		for _, s := range all {
			r := rowOf(s)
			write(r.Map, r.Stage, r.Touchpoint, r.ID, r.Name, r.Value, r.Target, r.Unit, r.Better, string(s.Status()), r.Change, r.Direction, r.Toward, r.Latest, r.Spark)
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonMetric is one element of the json output.
type jsonMetric struct {
	Map          string      `json:"map"`
	Stage        string      `json:"stage"`
	Touchpoint   *string     `json:"touchpoint"`
	ID           string      `json:"id"`
	Name         string      `json:"name"`
	Unit         string      `json:"unit"`
	Target       *float64    `json:"target"`
	Better       string      `json:"better"`
	Value        *float64    `json:"value"`
	Status       string      `json:"status"`
	Change       *float64    `json:"change"`
	Trend        *string     `json:"trend"`
	TowardTarget *bool       `json:"toward_target"`
	Latest       *string     `json:"latest"`
	Sparkline    string      `json:"sparkline"`
	History      []jsonPoint `json:"history"`
}

type jsonPoint struct {
	Date   string  `json:"date"`
	Value  float64 `json:"value"`
	Source string  `json:"source"`
}

func writeJSON(w io.Writer, all []*kpi.Series) error {
	out := make([]jsonMetric, 0, len(all))
	for _, s := range all {
		mt := s.Metric
		j := jsonMetric{Map: s.Map, Stage: s.Stage.ID, ID: mt.ID, Name: mt.Name, Unit: mt.Unit,
			Target: mt.Target, Better: mt.Better, Value: mt.Value, Status: string(s.Status()),
			Sparkline: s.Sparkline(), History: []jsonPoint{}}
		if s.Touchpoint != nil {
			j.Touchpoint = &s.Touchpoint.ID
		}
		if t := s.Trend(); t != nil {
			c, _ := strconv.ParseFloat(num(t.Change), 64)
			j.Change, j.Trend, j.TowardTarget = &c, &t.Direction, t.Toward
		}
		if p := s.Latest(); p != nil {
			j.Latest = &p.Date
		}
		for _, p := range s.Points {
			j.History = append(j.History, jsonPoint{Date: p.Date, Value: p.Value, Source: p.Source})
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
