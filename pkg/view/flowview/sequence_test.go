package flowview

import (
	"context"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/layoutcheck"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// noNext is Small without a single `next` link.
func noNext() *journey.Map {
	m := viewtest.Small()
	for _, t := range m.Touchpoints() {
		t.Next = nil
	}
	return m
}

// Issue 10: the flow of a map without `next` was disconnected boxes. It
// gets a thin, dotted, grey arrow from each touchpoint to the next in the
// file, within and across stages, and a legend entry saying what they
// are; a map with links gets none.
func TestSequenceArrows(t *testing.T) {
	seqRe := regexp.MustCompile(`(?m)^n\d+ -> n\d+ \[id="small-seq-([a-z]+)-([a-z]+)"[^\n]*`)
	for _, lay := range []view.Layouter{graphviz.InProcess, nil} {
		dot, err := Build(context.Background(), noNext(), view.Options{}, lay)
		if err != nil {
			t.Fatal(err)
		}
		var pairs []string
		for _, m := range seqRe.FindAllSubmatch(dot, -1) {
			pairs = append(pairs, string(m[1])+">"+string(m[2]))
			line := string(m[0])
			if !strings.Contains(line, `style="dotted"`) || !strings.Contains(line, `color="`+seqColor+`"`) || !strings.Contains(line, `pos="e,`) {
				t.Errorf("sequence arrow not dotted, grey and routed: %s", line)
			}
		}
		if got, want := strings.Join(pairs, " "), "article>demo demo>trial trial>contract"; got != want {
			t.Errorf("layouter %T: sequence arrows %q, want %q", lay, got, want)
		}
		if !strings.Contains(string(dot), `id="small-legend-seq"`) {
			t.Error("no legend entry for the sequence arrows")
		}
		if strings.Contains(string(dot), `-next-`) {
			t.Error("a map without links has next arrows")
		}
	}
	// With links: only the links, no sequence arrow (article → demo is a
	// link, demo → trial would be the file's order).
	dot, err := Build(context.Background(), viewtest.Small(), view.Options{}, graphviz.InProcess)
	if err != nil {
		t.Fatal(err)
	}
	if seqRe.Match(dot) || strings.Contains(string(dot), "small-legend-seq") {
		t.Error("sequence arrows drawn in a map with next links")
	}
	if !strings.Contains(string(dot), `id="small-next-article-demo"`) {
		t.Error("the link article → demo is missing")
	}
}

// Issue 10: flow edges left through the ★ of a moment-of-truth card. The
// star sits inside the card's channel bar; no edge's route comes within
// its box, in the examples and in a map whose every card is a moment of
// truth.
func TestEdgesClearOfStar(t *testing.T) {
	var maps []*journey.Map
	for _, path := range viewtest.Examples(t) {
		maps = append(maps, viewtest.Load(t, path))
	}
	all := viewtest.Generate(viewtest.Config{Touchpoints: 30, PerStage: 3, BackEdges: 0.2})
	for _, tp := range all.Touchpoints() {
		tp.MomentOfTruth = &journey.MomentOfTruth{Reason: "x"}
	}
	maps = append(maps, all, noNext())
	maps[len(maps)-1].Stages[1].Touchpoints[1].MomentOfTruth = &journey.MomentOfTruth{}
	for _, m := range maps {
		dot, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
		if err != nil {
			t.Fatal(err)
		}
		stars := viewtest.NodeRects(dot, regexp.MustCompile(`-tp-[^"]+-mot$`))
		if len(stars) == 0 {
			t.Fatalf("%s: no stars", m.File)
		}
		cards := viewtest.NodeRects(dot, regexp.MustCompile(`-tp-`))
		edges := viewtest.EdgeRoutes(dot, regexp.MustCompile(`-(next|seq|back|stepback|skip)-`))
		if len(edges) == 0 {
			t.Fatalf("%s: no edges", m.File)
		}
		for sid, s := range stars {
			card, ok := cards[strings.TrimSuffix(sid, "-mot")]
			if !ok || s.X0 < card.X0 || s.X1 > card.X1 || s.Y0 < card.Y0 || s.Y1 > card.Y1 {
				t.Errorf("%s: star %s %v is not inside its card %v", m.File, sid, s, card)
			}
			for eid, route := range edges {
				for _, p := range route.Curve() {
					if s.Contains(p) {
						t.Errorf("%s: edge %s passes through star %s at %v", m.File, eid, sid, p)
						break
					}
				}
			}
		}
	}
}

// Issue 10: the flow's legend mixed channels and owners in one row. One
// group a row, as in the map view.
func TestFlowLegendRows(t *testing.T) {
	m := viewtest.Small()
	dot, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
	if err != nil {
		t.Fatal(err)
	}
	row := func(id string) float64 {
		r, ok := viewtest.NodeRects(dot, regexp.MustCompile(`^`+regexp.QuoteMeta(id)+`$`))[id]
		if !ok {
			t.Fatalf("no %s", id)
		}
		return math.Round((r.Y0 + r.Y1) / 2)
	}
	groups := map[string][]string{
		"channels":    {"small-legend-channel-web", "small-legend-channel-sales"},
		"owners":      {"small-legend-owner-marketing", "small-legend-owner-sales"},
		"touchpoints": {"small-legend-pain", "small-legend-mot"},
		"evidence":    {"small-legend-evidence-observed", "small-legend-evidence-assumed"},
		"links":       {"small-legend-next", "small-legend-back"},
	}
	if strings.Contains(string(dot), "small-legend-evidence-inferred") {
		t.Error("the legend lists evidence no touchpoint has")
	}
	var ys []float64
	for g, ids := range groups {
		y := row("small-legend-" + g)
		for _, id := range ids {
			if row(id) != y {
				t.Errorf("%s is not on the row of its group %s", id, g)
			}
		}
		ys = append(ys, y)
	}
	sort.Float64s(ys)
	for i := 1; i < len(ys); i++ {
		if ys[i]-ys[i-1] < view.LegendRow-0.5 {
			t.Errorf("two groups share a row: %v", ys)
		}
	}
}

// Issue 10: right-to-left names were left-aligned. A Hebrew or Arabic
// name, owner and stage name end at the right of their box (\r lines).
func TestRTLRightAligned(t *testing.T) {
	m := viewtest.Small()
	m.Stages[1].Name = "הערכה"
	m.Stages[1].Touchpoints[0].Name = "שיחת הדרכה עם נציג"
	m.Owners[1].Name = "دعم العملاء"
	dot, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
	if err != nil {
		t.Fatal(err)
	}
	label := func(id string) string {
		l := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `"[^\n]* label="([^"]*)"`).FindSubmatch(dot)
		if l == nil {
			t.Fatalf("no %s", id)
		}
		return string(l[1])
	}
	for _, id := range []string{"small-tp-demo-name", "small-tp-demo-owner", "small-stage-eval-name"} {
		if l := label(id); !strings.HasSuffix(l, `\r`) || strings.Contains(l, `\l`) {
			t.Errorf("%s is not right-aligned: %s", id, l)
		}
	}
	if l := label("small-tp-article-name"); !strings.HasSuffix(l, `\l`) {
		t.Errorf("a left-to-right name is not left-aligned: %s", l)
	}
	// The right-aligned name ends where a left-aligned one would stop,
	// short of the emotion value.
	name := viewtest.NodeRects(dot, regexp.MustCompile(`^small-tp-demo-name$`))["small-tp-demo-name"]
	card := viewtest.NodeRects(dot, regexp.MustCompile(`^small-tp-demo$`))["small-tp-demo"]
	if want := card.X1 - 4 - emoW - 4; math.Abs(name.X1-want) > 0.5 {
		t.Errorf("the RTL name ends at %v, want %v", name.X1, want)
	}
}

// Issue 10: the flow view's layout defects, as the layout checker
// (internal/layoutcheck) finds them in the SVG, on maps the corpus does
// not have: margins equal (the page ends where the stage boxes, the title
// or the legend end), the title in at most three lines even over two
// narrow boxes, no "…" in a channel bar (a wrapped name inside its card,
// clear of the ★ and of the name under it), no link or sequence arrow
// through a card's text, right-to-left bars right-aligned.
func TestFlowLayoutChecks(t *testing.T) {
	var maps []*journey.Map
	for _, path := range append(viewtest.Examples(t), "../../../testdata/stress/scripts.yaml") {
		maps = append(maps, viewtest.Load(t, path))
	}
	const title = "A journey with a title long enough to wrap over more lines than a title should take "
	narrow := viewtest.Small()
	narrow.Stages = narrow.Stages[:2]
	narrow.Title = strings.Repeat(title, 3)
	maps = append(maps, narrow)
	long := viewtest.Generate(viewtest.Config{Touchpoints: 30})
	long.Title = strings.Repeat(title, 2)
	maps = append(maps, long)
	for _, cfg := range []viewtest.Config{
		{Touchpoints: 40, PerStage: 5, BackEdges: 0.15, Seed: 1},
		{Touchpoints: 24, PerStage: 6, Lang: "ru", Seed: 2},
		{Touchpoints: 9, PerStage: 3, Seed: 3},
	} {
		maps = append(maps, viewtest.Generate(cfg))
	}
	// Sequence arrows (no links at all), with long channel names and
	// moments of truth.
	seq := viewtest.Generate(viewtest.Config{Touchpoints: 24, PerStage: 6, Seed: 4})
	seq.File = "sequence.yaml"
	for i, tp := range seq.Touchpoints() {
		tp.Next = nil
		if i%3 == 0 {
			tp.MomentOfTruth = &journey.MomentOfTruth{Reason: "x"}
		}
	}
	for _, c := range seq.Channels {
		c.Name = "A channel with a name far too long for one line of the bar"
	}
	seq.Channels[0].Name = "ערוץ עם שם ארוך מאוד שלא נכנס בשורה אחת"
	maps = append(maps, seq)
	checks := []string{layoutcheck.Margins, layoutcheck.Banner, layoutcheck.Ellipsis, layoutcheck.Struck, layoutcheck.RTLAlign, layoutcheck.Overlap, layoutcheck.Outside}
	for _, m := range maps {
		dot, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
		if err != nil {
			t.Fatal(err)
		}
		svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
		if err != nil {
			t.Fatal(err)
		}
		problems, err := layoutcheck.Check(svg, layoutcheck.Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range problems {
			if slices.Contains(checks, p.Check) {
				if n++; n <= 5 {
					t.Errorf("%s: %s", m.File, p)
				}
			}
		}
		if n > 5 {
			t.Errorf("%s: %d more", m.File, n-5)
		}
	}
}

// Issue 10: transitions leaving or entering one stage box shared one
// point. They stand apart, and no label is struck through by another
// arrow's leg.
func TestFlowTransitionsApart(t *testing.T) {
	m := viewtest.Small()
	m.Stages = append(m.Stages, &journey.Stage{ID: "grow", Name: "Growth", Touchpoints: []*journey.Touchpoint{{ID: "upsell", Name: "Upsell"}}})
	m.Transitions = []*journey.Transition{
		{From: "grow", To: "eval", Label: "A second team joins and imports its backlog"},
		{From: "grow", To: "use", Label: "Board archived by mistake"},
		{From: "use", To: "eval", Label: "New stakeholder"},
	}
	dot, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
	if err != nil {
		t.Fatal(err)
	}
	routes := viewtest.EdgeRoutes(dot, regexp.MustCompile(`-stepback-`))
	if len(routes) != 3 {
		t.Fatalf("%d steps back", len(routes))
	}
	starts, ends := map[float64]string{}, map[float64]string{}
	for id, r := range routes {
		s, e := math.Round(r.Ctl[0].X), math.Round(r.Tip.X)
		if o, dup := starts[s]; dup {
			t.Errorf("%s and %s leave from one point", id, o)
		}
		if o, dup := ends[e]; dup {
			t.Errorf("%s and %s arrive at one point", id, o)
		}
		starts[s], ends[e] = id, id
	}
	labels := viewtest.NodeRects(dot, regexp.MustCompile(`-stepback-.*-label$`))
	for lid, l := range labels {
		// The ink of the label: its node is wider than its text.
		for id, r := range routes {
			if strings.HasPrefix(lid, id) {
				continue
			}
			for _, p := range r.Curve() {
				mid := (l.X0 + l.X1) / 2
				ink := viewtest.Rect{X0: mid - (l.X1-l.X0)/2/1.3, Y0: l.Y0, X1: mid + (l.X1-l.X0)/2/1.3, Y1: l.Y1}
				if ink.Contains(p) {
					t.Errorf("%s runs through label %s at %v", id, lid, p)
					break
				}
			}
		}
	}
}

// Issue 10: links and sequence arrows from one stage's card to the next
// stage's ran across other cards. Between neighbouring columns they leave
// by the middle of the card's right side, enter by the middle of the
// other's left side and stay in the gap between (no point of the drawn
// route inside any card); the legs of one gap stand apart.
func TestLinksBetweenColumnsInTheGap(t *testing.T) {
	maps := []*journey.Map{viewtest.Load(t, "../../../examples/abm-committee.yaml"), noNext(),
		viewtest.Generate(viewtest.Config{Touchpoints: 40, PerStage: 5, BackEdges: 0.15, Seed: 1})}
	for _, m := range maps {
		stageOf := map[string]int{}
		for si, s := range m.Stages {
			for _, tp := range s.Touchpoints {
				stageOf[tp.ID] = si
			}
		}
		dot, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
		if err != nil {
			t.Fatal(err)
		}
		prefix := strings.TrimSuffix(filepath.Base(m.File), ".yaml")
		cards := viewtest.NodeRects(dot, regexp.MustCompile(`-tp-[^"-]+$`))
		edgeRe := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `-(next|seq)-([^"-]+)-([^"-]+)$`)
		checked := 0
		legs := map[float64][]float64{} // gap (tail card's right) → legs' x
		for id, r := range viewtest.EdgeRoutes(dot, edgeRe) {
			sm := edgeRe.FindStringSubmatch(id)
			from, to := sm[2], sm[3]
			if stageOf[to] != stageOf[from]+1 {
				continue
			}
			a, z := cards[prefix+"-tp-"+from], cards[prefix+"-tp-"+to]
			if r.Tip == nil || len(r.Ctl) == 0 {
				t.Fatalf("%s: not routed", id)
			}
			checked++
			if s := r.Ctl[0]; math.Abs(s.X-a.X1) > 0.5 || math.Abs(s.Y-(a.Y0+a.Y1)/2) > 0.5 {
				t.Errorf("%s leaves at %v, not the middle of %s's right side %v", id, s, from, a)
			}
			if e := *r.Tip; math.Abs(e.X-z.X0) > 0.5 || math.Abs(e.Y-(z.Y0+z.Y1)/2) > 0.5 {
				t.Errorf("%s ends at %v, not the middle of %s's left side %v", id, e, to, z)
			}
			for _, p := range r.Curve() {
				for cid, c := range cards {
					in := viewtest.Rect{X0: c.X0 + 0.5, Y0: c.Y0 + 0.5, X1: c.X1 - 0.5, Y1: c.Y1 - 0.5}
					if in.Contains(p) {
						t.Errorf("%s runs through card %s at %v", id, cid, p)
						break
					}
				}
			}
			if len(r.Ctl) > 4 {
				legs[math.Round(a.X1)] = append(legs[math.Round(a.X1)], math.Round(r.Ctl[len(r.Ctl)/2].X*10)/10)
			}
		}
		if checked == 0 {
			t.Fatalf("%s: no link between neighbouring stages", m.File)
		}
		for gap, xs := range legs {
			sort.Float64s(xs)
			for i := 1; i < len(xs); i++ {
				if xs[i]-xs[i-1] < 1 {
					t.Errorf("%s: two legs at x %v in the gap after %v", m.File, xs[i], gap)
				}
			}
		}
	}
}
