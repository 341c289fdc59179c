package mapview

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// transitionsMap has steps back and skips ahead between neighbouring
// stages (their arrows' middles fall on a column rule) and several arcs
// on one column.
func transitionsMap() *journey.Map {
	m := viewtest.Generate(viewtest.Config{Touchpoints: 40, PerStage: 8})
	m.Transitions = []*journey.Transition{
		{From: "s1", To: "s0", Label: "A new CFO joins and restarts the business case"},
		{From: "s3", To: "s2"},
		{From: "s3", To: "s1", Label: "Budget frozen"},
		{From: "s1", To: "s3", Label: "Skips the pilot"},
		{From: "s4", To: "s0"},
	}
	return m
}

// Issue 10: steps-back labels were struck through by the grid's lines.
// Every arc carries its short label ("4 → 2") on a tag that crosses no
// rule of the grid, the legs on one column stand evenly spread, and the
// legend spells each arc out.
func TestTransitionTags(t *testing.T) {
	m := transitionsMap()
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tags := viewtest.NodeRects(dot, regexp.MustCompile(`-(stepback|skip)-s\d-s\d-tag$`))
	if len(tags) != len(m.Transitions) {
		t.Fatalf("%d tags, want %d", len(tags), len(m.Transitions))
	}
	rules := viewtest.EdgeRoutes(dot, regexp.MustCompile(`-grid-[hv]-\d+$`))
	if len(rules) == 0 {
		t.Fatal("no grid rules")
	}
	for id, b := range tags {
		for rid, route := range rules {
			p, q := route.Ctl[0], route.Ctl[len(route.Ctl)-1]
			lo, hi := view.Point{X: math.Min(p.X, q.X), Y: math.Min(p.Y, q.Y)}, view.Point{X: math.Max(p.X, q.X), Y: math.Max(p.Y, q.Y)}
			if lo.X <= b.X1 && hi.X >= b.X0 && lo.Y <= b.Y1 && hi.Y >= b.Y0 {
				t.Errorf("tag %s %v crosses rule %s (%v–%v)", id, b, rid, p, q)
			}
		}
	}
	for _, want := range []string{`label="2 → 1"`, `label="4 → 3"`, `label="2 → 4"`} {
		if !strings.Contains(string(dot), want) {
			t.Errorf("DOT lacks the short label %s", want)
		}
	}
	// Stage 2 (s1) has three legs: a quarter, a half and three quarters
	// across its column.
	arcs := viewtest.EdgeRoutes(dot, regexp.MustCompile(`-(stepback|skip)-s\d-s\d$`))
	var xs []float64
	col := laneWidth + 180.0
	for id, route := range arcs {
		// The arrow's tip is on the head's leg, the first point on the tail's.
		for _, p := range []view.Point{*route.Tip, route.Ctl[0]} {
			if p.X > col && p.X < col+180 {
				xs = append(xs, math.Round(p.X))
			}
		}
		_ = id
	}
	sort.Float64s(xs)
	want := []float64{col + 45, col + 90, col + 135}
	if len(xs) != 3 || xs[0] != want[0] || xs[1] != want[1] || xs[2] != want[2] {
		t.Errorf("legs on stage 2 at %v, want %v", xs, want)
	}
	svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
	if err != nil {
		t.Fatal(err)
	}
	got := viewtest.ParseSVG(t, svg)
	s1, s0 := m.Stages[1].Name, m.Stages[0].Name
	// Graphviz writes a run of spaces as no-break spaces.
	if !strings.Contains(strings.ReplaceAll(got.Text, "\u00a0", " "), "2 → 1  "+s1+" → "+s0+": A new CFO joins and restarts the business case") {
		t.Errorf("the legend does not spell out 2 → 1: %s", got.Text)
	}
}

// Issue 10: a map with transitions had 170 px of margin on the right
// against 57 px on the left. Graphviz's box of the drawing ends where the
// grid ends, whatever the text in the last column.
func TestMarginsSymmetric(t *testing.T) {
	for _, path := range viewtest.Examples(t) {
		m := viewtest.Load(t, path)
		long := transitionsMap()
		long.Title = strings.Repeat("A journey with a title long enough to wrap ", 8)
		for _, mm := range []*journey.Map{m, transitionsMap(), long} {
			dot, err := Build(mm, view.Options{})
			if err != nil {
				t.Fatal(err)
			}
			svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
			if err != nil {
				t.Fatal(err)
			}
			vb := regexp.MustCompile(`viewBox="0.00 0.00 ([0-9.]+) `).FindSubmatch(svg)
			if vb == nil {
				t.Fatal("no viewBox")
			}
			w, _ := strconv.ParseFloat(string(vb[1]), 64)
			grid := laneWidth + float64(len(mm.Stages))*defaultCol
			// pad 0.3 in on either side; the left edge is the lane names'.
			// A text node at the edge takes 3 pt past its text.
			if right := w - 21.6 - grid; math.Abs(right-21.6) > 3.5 {
				t.Errorf("%s: right margin %.1f pt, left 21.6 pt", mm.File, right)
			}
		}
	}
}

// Issue 10: the legend filed ★ under evidence, had no entry for neutral
// grey and listed what the map did not use. One row (or more) a group:
// each group's title on the row of its first entry, no two groups on one
// row.
func TestLegendGroups(t *testing.T) {
	m := viewtest.Small()
	m.Stages[2].Touchpoints[0].Emotion = &journey.Emotion{Value: 0}
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	for _, want := range []string{`small-legend-touchpoints"`, `small-legend-mot"`, `small-legend-neutral"`, `small-legend-evidence-observed"`} {
		if !strings.Contains(s, want) {
			t.Errorf("legend lacks %s", want)
		}
	}
	titles := viewtest.NodeRects(dot, regexp.MustCompile(`^small-legend-(channels|owners|touchpoints|evidence|emotion|kpis|transitions)$`))
	entries := viewtest.NodeRects(dot, regexp.MustCompile(`^small-legend-.*-mark$`))
	if len(titles) < 5 || len(entries) < 10 {
		t.Fatalf("%d group titles, %d entries", len(titles), len(entries))
	}
	// Every entry's row belongs to one group: the rows of the groups,
	// from each title's top down to the next title, do not interleave.
	type row struct {
		top float64
		id  string
	}
	var rows []row
	for id, b := range titles {
		rows = append(rows, row{b.Y1, id})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].top > rows[j].top })
	for i := 1; i < len(rows); i++ {
		if rows[i-1].top-rows[i].top < view.LegendRow-0.5 {
			t.Errorf("groups %s and %s share a row", rows[i-1].id, rows[i].id)
		}
	}
	// The ★ is not among the evidence marks: its row is not theirs.
	mot, obs := entries["small-legend-mot-mark"], entries["small-legend-evidence-observed-mark"]
	if math.Abs((mot.Y0+mot.Y1)/2-(obs.Y0+obs.Y1)/2) < 1 {
		t.Error("the star shares the evidence row")
	}
	// Without an emotion at 0 the neutral entry goes; without skips ahead
	// or inferred evidence there is none in the legend.
	m = viewtest.Small()
	dot, _ = Build(m, view.Options{})
	if strings.Contains(string(dot), "small-legend-neutral") || strings.Contains(string(dot), "small-legend-skip") ||
		strings.Contains(string(dot), "small-legend-evidence-inferred") {
		t.Error("the legend lists marks the map does not use")
	}
}
