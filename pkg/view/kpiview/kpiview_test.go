package kpiview

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/internal/layoutcheck"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
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

func f(v float64) *float64 { return &v }

// offTarget is a map of two stages: a metric below its target with a
// history of three months, one on target (lower is better) with two
// points, one with a value and no history, and a stage without metrics.
func offTarget() *journey.Map {
	hist := func(id string, vs ...float64) []*journey.Measurement {
		var out []*journey.Measurement
		for i, v := range vs {
			tm := time.Date(2026, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC)
			out = append(out, &journey.Measurement{Metric: id, Date: tm.Format("2006-01"), Time: tm, Value: v, File: "kpi.csv", Line: i + 2})
		}
		return out
	}
	conv := &journey.Metric{ID: "conv", Name: "Conversion", Value: f(1.8), Target: f(3), Unit: "%", Better: "higher", History: hist("conv", 1.2, 1.5, 1.8)}
	cycle := &journey.Metric{ID: "cycle", Name: "Sales cycle", Value: f(70), Target: f(90), Unit: "days", Better: "lower", History: hist("cycle", 95, 70)}
	csat := &journey.Metric{ID: "csat", Name: "CSAT", Value: f(4.2), Better: "higher"}
	return &journey.Map{Title: "Off target", Lang: "en", File: "off.yaml", Stages: []*journey.Stage{
		{ID: "research", Name: "Research", Metrics: []*journey.Metric{conv},
			Touchpoints: []*journey.Touchpoint{{ID: "demo", Name: "Demo", Metrics: []*journey.Metric{csat}}}},
		{ID: "empty", Name: "Empty"},
		{ID: "decide", Name: "Decide", Metrics: []*journey.Metric{cycle}},
	}}
}

func TestSyntheticGolden(t *testing.T) {
	noMetrics := viewtest.Small()
	for _, s := range noMetrics.Stages {
		s.Metrics = nil
		for _, tp := range s.Touchpoints {
			tp.Metrics = nil
		}
	}
	for name, m := range map[string]*journey.Map{"off-target": offTarget(), "no-metrics": noMetrics} {
		t.Run(name, func(t *testing.T) {
			dot, err := Build(m, view.Options{IDPrefix: "k"})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".dot"), dot)
			svg, err := graphviz.InProcess.Render(context.Background(), dot, view.Engine, "svg")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".svg"), graphviz.NormalizeSVG(svg))
		})
	}
}

// TestMarks: an off-target metric has ▼ and a thick dashed frame (not
// only a colour); an on-target one ▲ and a thin plain frame; the target
// is a dashed line; the latest value is labelled with the language's
// number format; points are one per history entry.
func TestMarks(t *testing.T) {
	dot, err := Build(offTarget(), view.Options{IDPrefix: "k"})
	if err != nil {
		t.Fatal(err)
	}
	line := func(id string) string {
		for _, l := range strings.Split(string(dot), "\n") {
			if strings.Contains(l, `id="`+id+`"`) {
				return l
			}
		}
		t.Fatalf("no %s in the DOT", id)
		return ""
	}
	if l := line("k-metric-conv-frame"); !strings.Contains(l, `style="dashed"`) || !strings.Contains(l, `penwidth="2.5"`) {
		t.Errorf("off-target frame not thick and dashed: %s", l)
	}
	if l := line("k-metric-conv-mark"); !strings.Contains(l, "▼") {
		t.Errorf("off-target mark: %s", l)
	}
	if l := line("k-metric-cycle-frame"); strings.Contains(l, "dashed") {
		t.Errorf("on-target frame dashed: %s", l)
	}
	if l := line("k-metric-cycle-mark"); !strings.Contains(l, "▲") {
		t.Errorf("on-target mark: %s", l)
	}
	if l := line("k-metric-conv-target"); !strings.Contains(l, `style="dashed"`) {
		t.Errorf("target line: %s", l)
	}
	if l := line("k-metric-conv-latest"); !strings.Contains(l, "1.8%") {
		t.Errorf("latest value: %s", l)
	}
	for _, id := range []string{"k-metric-conv-pt-3", "k-metric-cycle-pt-2", "k-metric-csat-pt-1"} {
		line(id)
	}
	if bytes.Contains(dot, []byte(`"k-metric-conv-pt-4"`)) {
		t.Error("a point too many")
	}
	if bytes.Contains(dot, []byte("k-stage-empty")) {
		t.Error("a stage without metrics has a heading")
	}
}

// TestNoMetrics: a map without metrics gives one note, not an error.
func TestNoMetrics(t *testing.T) {
	m := &journey.Map{Title: "Bare", Lang: "ru", Stages: []*journey.Stage{{ID: "a", Name: "A"}}}
	dot, err := Build(m, view.Options{IDPrefix: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(dot), "KPI не заданы") || strings.Count(string(dot), `id="k-note"`) != 1 {
		t.Errorf("no note:\n%s", dot)
	}
	if Shows(m) || !Shows(offTarget()) {
		t.Error("Shows: want false without history, true with it")
	}
}

// TestHostileLabels: metric, stage and unit names that try markup, DOT
// syntax and Graphviz escapes are shown as typed, and the SVG is
// well-formed.
func TestHostileLabels(t *testing.T) {
	m := viewtest.Hostile()
	m.Stages[1].Metrics = append(m.Stages[1].Metrics, &journey.Metric{ID: "h", Name: `<b>x</b> "q" \N & }`, Value: f(1), Target: f(2), Unit: `<u>`, Better: "higher"})
	dot, err := Build(m, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := graphviz.InProcess.Render(context.Background(), dot, view.Engine, "svg")
	if err != nil {
		t.Fatalf("graphviz: %v", err)
	}
	got := viewtest.ParseSVG(t, svg)
	if got.Elements["b"] > 0 || got.Elements["script"] > 0 {
		t.Error("markup in a label became an element")
	}
	for _, want := range []string{`<b>x</b> "q" \N & }`, "1 <u>", `Price \N \G \L \E \T \H \\ \l`, "<%>"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("SVG text lacks %q", want)
		}
	}
}

// Issue 10: the kpi view's margins differed (22 pt left, 65 pt right): a
// latest value's text node near the right edge took room past it. The
// page ends where the charts, the title, the note or the legend end, as
// the layout checker measures it, with a full row of charts, one chart
// under a long title, and none.
func TestMarginsEqual(t *testing.T) {
	full := offTarget()
	var ms []*journey.Metric
	for i := range 6 {
		m := *full.Stages[0].Metrics[0]
		m.ID, m.Name = "conv"+strconv.Itoa(i), "Conversion of the "+strconv.Itoa(i)+"th segment"
		v := 1234567.0 * float64(i+1)
		m.Value, m.Unit = &v, "₽"
		ms = append(ms, &m)
	}
	full.Stages[0].Metrics = ms
	one := offTarget()
	one.Title = strings.Repeat("A dashboard with a long title ", 8)
	one.Stages = one.Stages[2:]
	none := offTarget()
	for _, s := range none.Stages {
		s.Metrics = nil
		for _, tp := range s.Touchpoints {
			tp.Metrics = nil
		}
	}
	for name, m := range map[string]*journey.Map{"full row": full, "one chart": one, "no metrics": none, "off target": offTarget()} {
		dot, err := Build(m, view.Options{IDPrefix: "k"})
		if err != nil {
			t.Fatal(err)
		}
		svg, err := graphviz.InProcess.Render(context.Background(), dot, view.Engine, "svg")
		if err != nil {
			t.Fatal(err)
		}
		problems, err := layoutcheck.Check(svg, layoutcheck.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			if p.Check == layoutcheck.Margins {
				t.Errorf("%s: %s", name, p)
			}
		}
	}
}
