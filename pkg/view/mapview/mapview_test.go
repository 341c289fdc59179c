package mapview

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/templates"
	"github.com/cjm-dev/cjm/pkg/textmeasure"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

func TestExamplesGolden(t *testing.T) {
	for _, path := range viewtest.Examples(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			m := viewtest.Load(t, path)
			if m.Catalogue {
				t.Skip("catalogue")
			}
			dot, err := Build(m, view.Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".dot"), dot)
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, path := range viewtest.Examples(t) {
		m := viewtest.Load(t, path)
		a, err := Build(m, view.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Build(m, view.Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", path)
		}
	}
}

func TestIDPrefix(t *testing.T) {
	m := viewtest.Small()
	m.File = "some/dir/My Map.v2.yaml"
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(`[[ ]id="([^"]*)"`).FindAllSubmatch(dot, -1)
	if len(ids) == 0 {
		t.Fatal("no ids")
	}
	seen := map[string]bool{}
	for _, id := range ids {
		s := string(id[1])
		if !strings.HasPrefix(s, "My-Map-v2") {
			t.Errorf("id %q lacks the prefix", s)
		}
		if seen[s] {
			t.Errorf("id %q used twice", s)
		}
		seen[s] = true
	}
	dot, _ = Build(m, view.Options{IDPrefix: "x"})
	if !bytes.Contains(dot, []byte(`id="x-stage-`)) {
		t.Error("IDPrefix not used")
	}
}

// lanesOf returns the lane keys drawn, in order.
func lanesOf(dot []byte) []string {
	var out []string
	for _, m := range regexp.MustCompile(`\[id="[^"]*-lane-([a-z_]+)"`).FindAllSubmatch(dot, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

func TestLanes(t *testing.T) {
	full := viewtest.Small()
	tests := []struct {
		name string
		edit func(m *journey.Map)
		want []string
	}{
		{"all lanes in order", func(*journey.Map) {},
			[]string{"goal", "actions", "touchpoints", "thoughts", "feelings", "emotions", "pains", "delights", "backstage", "opportunities", "strategies", "kpis", "steps_back"}},
		{"only a goal", func(m *journey.Map) {
			for _, s := range m.Stages {
				*s = journey.Stage{ID: s.ID, Name: s.Name}
			}
			m.Stages[1].Goal = "Only this"
			m.Transitions = nil
		}, []string{"goal"}},
		{"nothing at all", func(m *journey.Map) {
			for _, s := range m.Stages {
				*s = journey.Stage{ID: s.ID, Name: s.Name}
			}
			m.Transitions = nil
		}, nil},
		{"emotion from the stage alone", func(m *journey.Map) {
			for _, s := range m.Stages {
				*s = journey.Stage{ID: s.ID, Name: s.Name}
			}
			m.Stages[0].Emotion = &journey.Emotion{Value: -1}
			m.Transitions = nil
		}, []string{"emotions"}},
		{"touchpoints without emotion", func(m *journey.Map) {
			for _, s := range m.Stages {
				s.Emotion = nil
				for _, tp := range s.Touchpoints {
					tp.Emotion = nil
				}
			}
		}, []string{"goal", "actions", "touchpoints", "thoughts", "feelings", "pains", "delights", "backstage", "opportunities", "strategies", "kpis", "steps_back"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := viewtest.Small()
			_ = full
			tt.edit(m)
			dot, err := Build(m, view.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := lanesOf(dot)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("lanes = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNoStages(t *testing.T) {
	if _, err := Build(&journey.Map{Catalogue: true}, view.Options{}); err == nil {
		t.Error("a catalogue built")
	}
	if _, err := Build(nil, view.Options{}); err == nil {
		t.Error("nil built")
	}
}

// leftLines returns the lines of the left-aligned text nodes whose id
// contains part.
func leftLines(dot []byte, part string) []string {
	var out []string
	label := regexp.MustCompile(`label="((?:[^"\\]|\\.)*)"`)
	for _, l := range bytes.Split(dot, []byte("\n")) {
		if !bytes.Contains(l, []byte(part)) {
			continue
		}
		m := label.FindSubmatch(l)
		if m == nil {
			continue
		}
		for _, line := range strings.Split(string(m[1]), `\l`) {
			if line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

func TestWrapCyrillic(t *testing.T) {
	m := viewtest.Small()
	m.Lang = "ru"
	long := "Детально проверить решение на своих данных и согласовать бюджет с финансовым директором до конца квартала"
	m.Stages[0].Goal = long
	dot, err := Build(m, view.Options{ColumnWidth: 150})
	if err != nil {
		t.Fatal(err)
	}
	lines := leftLines(dot, "-cell-goal-"+m.Stages[0].ID+"\"")
	if len(lines) < 4 {
		t.Fatalf("goal not wrapped: %q", lines)
	}
	if got := strings.Join(lines, " "); got != long {
		t.Errorf("wrapped text = %q, want %q", got, long)
	}
	for _, l := range lines {
		if w := textmeasure.Width(l, 10, false); w > 150-2*pad {
			t.Errorf("line %q is %.1f pt, wider than the cell", l, w)
		}
	}
	if !bytes.Contains(dot, []byte("Цель")) {
		t.Error("lane names not in Russian")
	}
}

func TestHostileLabels(t *testing.T) {
	m := viewtest.Hostile()
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "hostile.dot"), dot)
	// Plain labels: quotes and backslashes escaped for DOT, '&' as an
	// entity (Graphviz reads entities in every label).
	for _, want := range []string{`&amp;lt;already escaped&amp;gt;`, `Tom &amp; \"Jerry\"`, `a\\nb`} {
		if !bytes.Contains(dot, []byte(want)) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	// Graphviz must accept it, and the SVG must be well-formed XML with the
	// labels as text.
	svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
	if err != nil {
		t.Fatalf("graphviz: %v", err)
	}
	got := viewtest.ParseSVG(t, svg)
	if len(got.Titles) == 0 || got.Titles[0] != m.Title {
		t.Errorf("the SVG's title is %q, want the map's %q", got.Titles[:min(len(got.Titles), 1)], m.Title)
	}
	for _, el := range []string{"script", "b"} {
		if got.Elements[el] > 0 {
			t.Errorf("SVG has a <%s> element", el)
		}
	}
	// Graphviz's escapes show as typed, in the text and in the tooltips
	// (issue 9 #11: the tooltip read "Price n6 hostile …").
	for _, want := range []string{`Price \N \G \L \E \T \H \\ \l`, `Demo \N \G \L \E \T \H \\ \l`} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("SVG text lacks %q", want)
		}
		if !slices.ContainsFunc(got.Titles, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("no SVG tooltip shows %q; tooltips: %q", want, got.Titles)
		}
	}
	text := &got.Text
	for _, want := range []string{"<script>alert(1)</script>", "Tom & \"Jerry\"", "a\\nb", "&lt;already escaped&gt;", `\N \G`} {
		if !strings.Contains(*text, want) {
			t.Errorf("SVG text lacks %q", want)
		}
	}
}

func TestPerPersonaCurves(t *testing.T) {
	m := viewtest.Small()
	m.Stages[0].Touchpoints[0].Emotion = &journey.Emotion{PerPersona: []journey.PersonaEmotion{
		{Persona: m.Personas[0].ID, Value: -2}, {Persona: m.Personas[1].ID, Value: 1},
	}}
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Personas {
		if !bytes.Contains(dot, []byte("-emotion-"+p.ID+"-")) {
			t.Errorf("no curve for persona %s", p.ID)
		}
		if !bytes.Contains(dot, []byte("-legend-persona-"+p.ID)) {
			t.Errorf("no legend entry for persona %s", p.ID)
		}
	}
	if bytes.Contains(dot, []byte("-emotion-all-")) {
		t.Error("single curve drawn in per-persona mode")
	}
	// A single-value map draws one curve.
	dot, _ = Build(viewtest.Small(), view.Options{})
	if !bytes.Contains(dot, []byte("-emotion-all-")) || bytes.Contains(dot, []byte("-legend-persona-")) {
		t.Error("single curve missing or persona legend shown")
	}
}

func TestSVGRenders(t *testing.T) {
	for _, path := range viewtest.Examples(t) {
		m := viewtest.Load(t, path)
		dot, err := Build(m, view.Options{})
		if err != nil {
			t.Fatal(err)
		}
		svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		// Hover texts are tooltips, never Graphviz's node names (issue 9 #20).
		got := viewtest.ParseSVG(t, svg)
		if names := got.NameTitles(); len(names) > 0 {
			t.Errorf("%s: SVG hover texts are node names: %q", path, names[:min(len(names), 5)])
		}
		if m.Title != "" && !slices.Contains(got.Titles, m.Title) {
			t.Errorf("%s: the SVG's title is not the map's %q", path, m.Title)
		}
	}
}

// A persona who meets no touchpoint of a stage has no point there (issue 9
// #13): in the shipped ABM template the CFO meets nothing in Identify (its
// one touchpoint is for the CISO and the IT lead, emotion 0).
func TestPersonaWithoutTouchpointHasNoPoint(t *testing.T) {
	for _, lang := range []string{"en", "ru"} {
		src, err := templates.Get("abm", lang)
		if err != nil {
			t.Fatal(err)
		}
		m, ds, _ := load.Bytes("abm.yaml", src, load.Options{})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		dot, err := Build(m, view.Options{})
		if err != nil {
			t.Fatal(err)
		}
		points := regexp.MustCompile(`id="abm-emotion-([a-z-]+)-(?:tp|stage)-([a-z-]+)"`).FindAllSubmatch(dot, -1)
		got := map[string]bool{}
		for _, p := range points {
			got[string(p[1])+"@"+string(p[2])] = true
		}
		for _, bad := range []string{"cfo@identify", "cfo@intent-ads"} {
			if got[bad] {
				t.Errorf("%s: the CFO has a point in Identify (%s)", lang, bad)
			}
		}
		for _, want := range []string{"ciso@intent-ads", "it-lead@intent-ads", "cfo@linkedin-outreach", "cfo@cfo-brief"} {
			if !got[want] {
				t.Errorf("%s: no point %s; points %v", lang, want, got)
			}
		}
	}
}

// A stage's own emotion is its point on the curve even when its
// touchpoints have emotions, which are then markers off the curve (issue 9
// #14: the funnel example's Оценка, {cio: -1, analyst: 1}, was drawn
// nowhere).
func TestStageEmotionWithTouchpoints(t *testing.T) {
	m := viewtest.Load(t, "../../../examples/b2b-funnel-ru.yaml")
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"cio", "analyst"} {
		node := regexp.MustCompile(`id="b2b-funnel-ru-emotion-` + p + `-stage-evaluation"[^\n]*tooltip="([^"]*)"`).FindSubmatch(dot)
		if node == nil {
			t.Fatalf("%s: no point for the evaluation stage's own emotion", p)
		}
		want := map[string]string{"cio": "−1", "analyst": "+1"}[p]
		if !strings.HasSuffix(string(node[1]), ": "+want) {
			t.Errorf("%s: stage point says %q, want %s", p, node[1], want)
		}
		// The touchpoints still have their markers.
		for _, tp := range []string{"discovery-call", "demo"} {
			if !bytes.Contains(dot, []byte(`id="b2b-funnel-ru-emotion-`+p+`-tp-`+tp+`"`)) {
				t.Errorf("%s: no marker for touchpoint %s", p, tp)
			}
		}
	}
	// The curve joins the stage point, not the touchpoints beside it.
	pts := emotionCurveXs(t, dot, "b2b-funnel-ru-emotion-cio-curve")
	stageX := nodeX(t, dot, "b2b-funnel-ru-emotion-cio-stage-evaluation")
	demoX := nodeX(t, dot, "b2b-funnel-ru-emotion-cio-tp-demo")
	if !slices.Contains(pts, stageX) {
		t.Errorf("the curve does not pass the stage point at x=%v: %v", stageX, pts)
	}
	if slices.Contains(pts, demoX) && demoX != stageX {
		t.Errorf("the curve passes the demo's marker at x=%v", demoX)
	}
}

// nodeX returns the x of the node with the id.
func nodeX(t *testing.T, dot []byte, id string) string {
	t.Helper()
	m := regexp.MustCompile(`\[id="` + regexp.QuoteMeta(id) + `" pos="([-0-9.]+),`).FindSubmatch(dot)
	if m == nil {
		t.Fatalf("no node %s", id)
	}
	return string(m[1])
}

// emotionCurveXs returns the x of every on-curve point of the edge with the id.
func emotionCurveXs(t *testing.T, dot []byte, id string) []string {
	t.Helper()
	m := regexp.MustCompile(`\[id="` + regexp.QuoteMeta(id) + `" pos="([^"]*)"`).FindSubmatch(dot)
	if m == nil {
		t.Fatalf("no edge %s", id)
	}
	var xs []string
	for i, p := range strings.Fields(string(m[1])) {
		if i%3 == 0 {
			x, _, _ := strings.Cut(p, ",")
			xs = append(xs, x)
		}
	}
	return xs
}

// A transition to a later stage is drawn as well as one back, told apart
// by its style, in the legend too (issue 9 #12: "Skips evaluation" was in
// no SVG).
func TestSkipAhead(t *testing.T) {
	m := viewtest.Small()
	m.Transitions = append(m.Transitions, &journey.Transition{From: "aware", To: "use", Label: "Skips evaluation"})
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	skip := regexp.MustCompile(`(?m)^n\d+ -> n\d+ \[id="small-skip-aware-use"[^\n]*`).Find(dot)
	back := regexp.MustCompile(`(?m)^n\d+ -> n\d+ \[id="small-stepback-eval-aware"[^\n]*`).Find(dot)
	if skip == nil || back == nil {
		t.Fatalf("arrows missing: skip %q, back %q", skip, back)
	}
	if bytes.Contains(skip, []byte("dashed")) || !bytes.Contains(back, []byte("dashed")) || bytes.Equal(colorOf(skip), colorOf(back)) {
		t.Errorf("skip ahead and step back look alike:\n%s\n%s", skip, back)
	}
	if got := lanesOf(dot); got[len(got)-1] != "transitions" {
		t.Errorf("lanes = %v, want the transitions lane last", got)
	}
	for _, id := range []string{"small-legend-stepback-eval-aware", "small-legend-skip-aware-use"} {
		if !bytes.Contains(dot, []byte(`id="`+id+`"`)) {
			t.Errorf("no legend entry %s", id)
		}
	}
	svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
	if err != nil {
		t.Fatal(err)
	}
	got := viewtest.ParseSVG(t, svg)
	if !strings.Contains(got.Text, "Awareness → Onboarding: Skips evaluation") {
		t.Errorf("SVG text lacks the skip's label: %s", got.Text)
	}
	// Only skips ahead: the lane says so.
	m.Transitions = m.Transitions[1:]
	dot, _ = Build(m, view.Options{})
	if got := lanesOf(dot); got[len(got)-1] != "skips_ahead" || bytes.Contains(dot, []byte("legend-stepback")) {
		t.Errorf("lanes = %v; a step back in the legend: %v", got, bytes.Contains(dot, []byte("legend-stepback")))
	}
}

func colorOf(edge []byte) []byte {
	m := regexp.MustCompile(` color="([^"]*)"`).FindSubmatch(edge)
	if m == nil {
		return nil
	}
	return m[1]
}

// The map view draws no `next` link, so its cost does not depend on them:
// the DOT of a map whose touchpoints all link to all others is the DOT of
// the same map without links (issue 9 #5).
func TestNextLinksCostNothing(t *testing.T) {
	m := viewtest.Generate(viewtest.Config{Touchpoints: 100})
	all := m.Touchpoints()
	for _, tp := range all {
		tp.Next = nil
	}
	bare, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range all {
		for _, o := range all {
			tp.Next = append(tp.Next, o.ID)
		}
	}
	dense, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bare, dense) {
		t.Error("next links change the map view")
	}
}

// Both views refuse a map bigger than Options.MaxTouchpoints with an error
// that says what to do (issue 9 #5: a 10 MiB file holds 250,000
// touchpoints, which Graphviz takes minutes and gigabytes to draw).
func TestTooManyTouchpoints(t *testing.T) {
	m := viewtest.Generate(viewtest.Config{Touchpoints: 30})
	_, err := Build(m, view.Options{MaxTouchpoints: 29})
	if !errors.Is(err, view.ErrTooManyTouchpoints) || !strings.Contains(err.Error(), "split it") {
		t.Errorf("err = %v", err)
	}
	if _, err := Build(m, view.Options{MaxTouchpoints: 30}); err != nil {
		t.Errorf("at the bound: %v", err)
	}
}

// TestSparkline: a KPI with two points or more has a sparkline, its last
// point and its trend arrow in the KPI lane; a KPI with one point or none
// has none.
func TestSparkline(t *testing.T) {
	m := viewtest.Small()
	var mts []*journey.Metric
	for _, r := range journey.Metrics(m) {
		mts = append(mts, r.Metric)
	}
	if len(mts) < 2 {
		t.Fatalf("the small map has %d metrics, want 2", len(mts))
	}
	point := func(month int, v float64) *journey.Measurement {
		tm := time.Date(2026, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
		return &journey.Measurement{Metric: mts[0].ID, Date: tm.Format("2006-01"), Time: tm, Value: v, File: "k.csv", Line: month + 1}
	}
	dot := func() string {
		d, err := Build(m, view.Options{IDPrefix: "p"})
		if err != nil {
			t.Fatal(err)
		}
		return string(d)
	}
	if s := dot(); strings.Contains(s, "-spark\"") {
		t.Fatal("a sparkline without history")
	}
	mts[0].History = []*journey.Measurement{point(1, 10)}
	if s := dot(); strings.Contains(s, "-spark\"") {
		t.Fatal("a sparkline for one point")
	}
	mts[0].History = append(mts[0].History, point(2, 12), point(3, 11))
	s := dot()
	if strings.Count(s, "-spark\"") != 1 || strings.Count(s, "-spark-last\"") != 1 {
		t.Fatalf("want one sparkline and its last point:\n%s", s)
	}
	var trend string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "-trend\"") {
			trend = l
		}
	}
	if !strings.Contains(trend, "↓") || !strings.Contains(trend, "−1") {
		t.Errorf("trend: %s", trend)
	}
}

// TestBaseline: with a baseline, its emotion curve and points carry
// class="baseline" (and are drawn before the current curve), a touchpoint
// the baseline lacks is marked added, one it has and the map lacks is
// named in the note, and a KPI shows its change against the baseline's
// value. Without a baseline none of it is drawn.
func TestBaseline(t *testing.T) {
	m := viewtest.Small()
	base := viewtest.Small()
	var removed, added *journey.Touchpoint
	for _, s := range base.Stages {
		if len(s.Touchpoints) > 0 {
			removed = &journey.Touchpoint{ID: "gone", Name: "Gone card", Emotion: s.Touchpoints[0].Emotion}
			s.Touchpoints = append(s.Touchpoints, removed)
			break
		}
	}
	added = m.Stages[len(m.Stages)-1].Touchpoints[0]
	for _, s := range base.Stages {
		var keep []*journey.Touchpoint
		for _, tp := range s.Touchpoints {
			if tp.ID != added.ID {
				keep = append(keep, tp)
			}
		}
		s.Touchpoints = keep
	}
	var mt *journey.Metric
	for _, r := range journey.Metrics(base) {
		if r.Metric.Value != nil {
			v := *r.Metric.Value - 1
			r.Metric.Value = &v
			mt = r.Metric
			break
		}
	}
	if mt == nil {
		t.Fatal("the small map has no metric with a value")
	}
	plain, err := Build(m, view.Options{IDPrefix: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(plain, []byte("baseline")) {
		t.Fatal("baseline marks without a baseline")
	}
	dot, err := Build(m, view.Options{IDPrefix: "p", Baseline: base, BaselineName: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	lineOf := func(id string) string {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, `id="`+id+`"`) {
				return l
			}
		}
		t.Fatalf("no %s", id)
		return ""
	}
	curve := lineOf("p-baseline-emotion-all-curve")
	if !strings.Contains(curve, `class="baseline"`) || !strings.Contains(curve, `style="dashed"`) {
		t.Errorf("baseline curve: %s", curve)
	}
	if strings.Index(s, `id="p-baseline-emotion-all-curve"`) > strings.Index(s, `id="p-emotion-all-curve"`) {
		t.Error("the baseline curve is drawn over the current one")
	}
	if !strings.Contains(lineOf("p-baseline-note"), "Gone card") {
		t.Error("the removed touchpoint is not named")
	}
	lineOf("p-tp-" + added.ID + "-added")
	if strings.Count(s, "-added\" pos=") != 1 {
		t.Errorf("want one added mark, got %d:\n%s", strings.Count(s, "-added\" pos="), s)
	}
	if !strings.Contains(s, "Δ +1") || !strings.Contains(s, "vs the baseline") {
		t.Error("no KPI change against the baseline")
	}
	// Every element of the baseline's curves says so.
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, `id="p-baseline-emotion`) && !strings.Contains(l, `class="baseline"`) {
			t.Errorf("without class: %s", l)
		}
	}
}

// TestBaselineEmotionsOnly: a baseline with emotions is drawn even when
// the current map has none.
func TestBaselineEmotionsOnly(t *testing.T) {
	m := viewtest.Small()
	for _, tp := range m.Touchpoints() {
		tp.Emotion = nil
	}
	for _, s := range m.Stages {
		s.Emotion = nil
	}
	dot, err := Build(m, view.Options{IDPrefix: "p", Baseline: viewtest.Small()})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(dot, []byte(`id="p-baseline-emotion-all-curve"`)) || !bytes.Contains(dot, []byte(`id="p-lane-emotions"`)) {
		t.Error("the baseline's curve is not drawn")
	}
}
