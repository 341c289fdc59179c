package render

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// counting is a Renderer that counts the layouts it runs.
type counting struct {
	mu sync.Mutex
	n  int
}

func (c *counting) Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return graphviz.Render(ctx, dot, engine, format)
}

func smallMap() *journey.Map {
	m := viewtest.Generate(viewtest.Config{Touchpoints: 8, BackEdges: 0.2, Seed: 1})
	m.File = "maps/tiny journey.yaml"
	return m
}

// TestLayouts: the plan counts the Graphviz calls its outputs really make,
// each view drawn once however many formats use it.
func TestLayouts(t *testing.T) {
	for _, tc := range []struct {
		views, formats []string
		want           int
		atMost         bool // the plan's count is an upper bound for this map
	}{
		{[]string{"map"}, []string{"svg"}, 1, false},
		{[]string{"flow"}, []string{"svg"}, 2, false}, // its own layout, then the drawing
		{[]string{"map"}, []string{"dot"}, 0, false},
		{[]string{"flow"}, []string{"dot"}, 1, false},
		{[]string{"map", "flow"}, []string{"svg", "png", "pdf", "dot"}, 3, false},
		{[]string{"map"}, []string{"md", "csv", "json", "mermaid"}, 0, false},
		// The HTML report draws every view it may show: for a map without
		// a history the kpi view is not drawn, so the count is an upper bound.
		{[]string{"map"}, []string{"html"}, 4, true},
		{[]string{"map", "flow"}, []string{"html", "svg"}, 4, true},
	} {
		name := strings.Join(tc.views, ",") + " " + strings.Join(tc.formats, ",")
		t.Run(name, func(t *testing.T) {
			p, err := NewPlan(tc.views, tc.formats)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Layouts(); got != tc.want {
				t.Errorf("Layouts = %d, want %d", got, tc.want)
			}
			c := &counting{}
			for _, o := range p.Render(context.Background(), smallMap(), "small.yaml", c, nil) {
				if o.Err != nil {
					t.Fatalf("%s: %v", o.Name, o.Err)
				}
			}
			if c.n != tc.want && !(tc.atMost && c.n == tc.want-1) {
				t.Errorf("Render ran %d layouts, the plan says %d", c.n, tc.want)
			}
		})
	}
}

func TestOutputs(t *testing.T) {
	p, err := NewPlan([]string{"map", "flow", "map"}, []string{"svg", "md", "mermaid", "svg"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range p.Outputs("maps/b2b.yaml") {
		got = append(got, o.Name+"/"+o.Format+"/"+o.View)
	}
	want := []string{"b2b.svg/svg/map", "b2b.flow.svg/svg/flow", "b2b.md/md/", "b2b.mmd/mermaid/"}
	if !slices.Equal(got, want) {
		t.Errorf("Outputs = %v, want %v", got, want)
	}
	for _, bad := range [][2][]string{{{"tree"}, {"svg"}}, {{"map"}, {"gif"}}, {{}, {"svg"}}} {
		if _, err := NewPlan(bad[0], bad[1]); err == nil {
			t.Errorf("NewPlan(%v, %v) accepted", bad[0], bad[1])
		}
	}
}

// TestIDPrefix: every id of a view's SVG starts with IDPrefix, once (the
// flow view's ids were once "x-flow-flow-…").
func TestIDPrefix(t *testing.T) {
	m := smallMap()
	outs, err := Render(context.Background(), m, Options{Views: ViewNames()})
	if err != nil {
		t.Fatal(err)
	}
	idRE := regexp.MustCompile(` id="([^"]*)"`)
	for _, o := range outs {
		prefix := IDPrefix(m.File, o.View)
		if want := "tiny-journey-" + o.View; prefix != want {
			t.Errorf("IDPrefix = %q, want %q", prefix, want)
		}
		ids := idRE.FindAllSubmatch(o.Data, -1)
		if len(ids) < 5 {
			t.Fatalf("%s: %d ids", o.Name, len(ids))
		}
		for _, id := range ids {
			s := string(id[1])
			if !strings.HasPrefix(s, prefix) {
				t.Errorf("%s: id %q lacks the prefix %q", o.Name, s, prefix)
			}
			if strings.Contains(s, "-"+o.View+"-"+o.View) {
				t.Errorf("%s: id %q has the view name twice", o.Name, s)
			}
		}
	}
}

// TestReportViews: the reports get the registry's views, in its order,
// captioned in the map's language.
func TestReportViews(t *testing.T) {
	got := ReportViews("ru", []string{"flow", "map", "nope"})
	if len(got) != 2 || got[0].Name != "map" || got[1].Name != "flow" {
		t.Fatalf("ReportViews = %v", got)
	}
	if got[0].Title != i18n.T("ru", "report.view.map") || got[0].Title == "report.view.map" {
		t.Errorf("map caption %q", got[0].Title)
	}
	for _, v := range Views() {
		for _, key := range []string{v.TitleKey, v.HeadingKey} {
			for _, lang := range []string{"en", "ru"} {
				if i18n.T(lang, key) == key {
					t.Errorf("view %s: no %s label for %q", v.Name, lang, key)
				}
			}
		}
	}
	// The HTML report inlines every view with its caption, in order.
	outs, err := Render(context.Background(), smallMap(), Options{Formats: []string{"html"}})
	if err != nil {
		t.Fatal(err)
	}
	page := outs[0].Data
	if bytes.Contains(page, []byte("<figcaption>"+i18n.T("en", "report.view.kpi")+"</figcaption>")) {
		t.Errorf("the HTML report shows the kpi view of a map without history")
	}
	var last int
	for _, v := range Views() {
		if v.Shows != nil {
			continue
		}
		i := bytes.Index(page, []byte("<figcaption>"+v.Title("en")+"</figcaption>"))
		if i < last {
			t.Errorf("the HTML report lacks %s's caption or shows it out of order", v.Name)
		}
		last = i
	}
}

// TestSameBytes: two calls give the same bytes; a Renderer's error names
// the view and keeps its identity.
func TestErrors(t *testing.T) {
	outs, err := Render(context.Background(), smallMap(), Options{Formats: []string{"svg", "md"}, Renderer: broken{}})
	if !errors.Is(err, graphviz.ErrBroken) {
		t.Fatalf("err = %v, want ErrBroken", err)
	}
	if !strings.Contains(outs[0].Err.Error(), "map view") {
		t.Errorf("the error does not name the view: %v", outs[0].Err)
	}
	if outs[1].Err != nil || len(outs[1].Data) == 0 {
		t.Errorf("the md report failed with the drawing: %v", outs[1].Err)
	}
}

type broken struct{}

func (broken) Render(context.Context, []byte, string, string) ([]byte, error) {
	return nil, graphviz.ErrBroken
}

// TestHTMLShowsKPIViewWithHistory: the HTML report inlines the kpi view,
// last, once some metric has two points; the Markdown report links it in
// its "KPIs over time" section, not among the diagrams at its top.
func TestHTMLShowsKPIViewWithHistory(t *testing.T) {
	m := smallMap()
	refs := journey.Metrics(m)
	if len(refs) == 0 {
		t.Fatal("the small map has no metrics")
	}
	for i, d := range []string{"2026-01", "2026-02"} {
		tm, _ := time.Parse("2006-01", d)
		refs[0].Metric.History = append(refs[0].Metric.History, &journey.Measurement{Metric: refs[0].Metric.ID, Date: d, Time: tm, Value: float64(10 + i), File: "k.csv", Line: i + 2})
	}
	outs, err := Render(context.Background(), m, Options{Formats: []string{"html", "md"}, Views: []string{"map", "kpi"}})
	if err != nil {
		t.Fatal(err)
	}
	page := string(outs[0].Data)
	caps := []string{i18n.T("en", "report.view.map"), i18n.T("en", "report.view.flow"), i18n.T("en", "report.view.kpi")}
	last := -1
	for _, c := range caps {
		i := strings.Index(page, "<figcaption>"+c+"</figcaption>")
		if i <= last {
			t.Errorf("the HTML report lacks %q or shows it out of order", c)
		}
		last = i
	}
	md := string(outs[1].Data)
	sec := strings.Index(md, "## "+i18n.T("en", "report.view.kpi"))
	link := strings.Index(md, "(tiny%20journey.kpi.svg)")
	if sec < 0 || link < sec || strings.Count(md, "journey.kpi.svg)") != 2 {
		t.Errorf("the Markdown report does not link the kpi view in its section (section at %d, link at %d)", sec, link)
	}
}
