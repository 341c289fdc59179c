package flowview

import (
	"bytes"
	"context"
	"errors"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
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
			dot, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".dot"), dot)
			svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
			if err != nil {
				t.Fatalf("graphviz: %v", err)
			}
			// Hover texts are tooltips, never Graphviz's node names (issue 9 #20).
			got := viewtest.ParseSVG(t, svg)
			if names := got.NameTitles(); len(names) > 0 {
				t.Errorf("SVG hover texts are node names: %q", names[:min(len(names), 5)])
			}
			if !slices.Contains(got.Titles, m.Title) {
				t.Errorf("the SVG's title is not the map's %q", m.Title)
			}
			links := 0
			for _, s := range got.Titles {
				if strings.Contains(s, " → ") {
					links++
				}
			}
			if links == 0 {
				t.Error("no link has a \"from → to\" tooltip")
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	m := viewtest.Generate(viewtest.Config{Touchpoints: 60, BackEdges: 0.1})
	a, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
	if !bytes.Equal(a, b) {
		t.Error("two builds differ")
	}
}

// recorder is a Layouter that records what it was asked to lay out.
type recorder struct {
	calls []string
	dots  [][]byte
}

func (r *recorder) Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error) {
	r.calls = append(r.calls, engine+"/"+format)
	r.dots = append(r.dots, dot)
	return graphviz.InProcess.Render(ctx, dot, engine, format)
}

// The first pass sees only forward edges; the final DOT has every edge,
// the steps back dashed and routed, every node pinned.
func TestTwoPasses(t *testing.T) {
	m := viewtest.Small()
	rec := &recorder{}
	dot, err := Build(context.Background(), m, view.Options{}, rec)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rec.calls, ",") != "dot/plain" {
		t.Fatalf("layouter calls = %v", rec.calls)
	}
	first := string(rec.dots[0])
	// Small has demo -> article, a step back.
	fwd := regexp.MustCompile(`n(\d+) -> n(\d+)(?: \[tailport="e" headport="w"\])?\n`).FindAllStringSubmatch(first, -1)
	if len(fwd) == 0 {
		t.Fatal("no forward edges in the first pass")
	}
	for _, e := range fwd {
		if e[1] >= e[2] {
			t.Errorf("first pass has a backward edge n%s -> n%s", e[1], e[2])
		}
	}
	for _, want := range []string{
		` -> n`,
		`[id="small-back-demo-article"`,
		`[id="small-next-article-demo"`,
		`[id="small-stepback-eval-aware"`,
		`layout="nop2"`,
	} {
		if !strings.Contains(string(dot), want) {
			t.Errorf("final DOT lacks %s", want)
		}
	}
	back := regexp.MustCompile(`\[id="small-back-demo-article" [^\n]*`).FindString(string(dot))
	if !strings.Contains(back, `style="dashed"`) || !strings.Contains(back, `pos="e,`) {
		t.Errorf("step back not dashed and routed: %s", back)
	}
	for _, line := range strings.Split(string(dot), "\n") {
		if regexp.MustCompile(`^n[0-9]+ \[`).MatchString(line) && !strings.Contains(line, "->") && !strings.Contains(line, `pos="`) {
			t.Errorf("node not pinned: %s", line)
		}
	}
}

func TestGridFallback(t *testing.T) {
	m := viewtest.Generate(viewtest.Config{Touchpoints: 40, BackEdges: 0.1})
	rec := &recorder{}
	dot, err := Build(context.Background(), m, view.Options{MaxFlowLayout: 10}, rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.calls) != 0 {
		t.Errorf("dot was called for a map over the bound: %v", rec.calls)
	}
	if !bytes.Contains(dot, []byte("-note\"")) {
		t.Error("the picture does not say it was laid out as a grid")
	}
	if _, err := graphviz.Render(context.Background(), dot, view.Engine, "svg"); err != nil {
		t.Error(err)
	}
	// Without a layouter at all, the grid too, and no note.
	dot, err = Build(context.Background(), viewtest.Small(), view.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(dot, []byte("-note\"")) {
		t.Error("note shown for a small map")
	}
}

type failing struct{}

func (failing) Render(context.Context, []byte, string, string) ([]byte, error) {
	return nil, errors.New("boom")
}

type garbage struct{}

func (garbage) Render(context.Context, []byte, string, string) ([]byte, error) {
	return []byte("graph 1 2 3\nnode \"unterminated\n"), nil
}

func TestLayoutErrors(t *testing.T) {
	for _, l := range []view.Layouter{failing{}, garbage{}} {
		if _, err := Build(context.Background(), viewtest.Small(), view.Options{}, l); err == nil {
			t.Errorf("%T: no error", l)
		}
	}
	if _, err := Build(context.Background(), &journey.Map{}, view.Options{}, nil); err == nil {
		t.Error("a map without stages built")
	}
}

func TestHostileLabels(t *testing.T) {
	dot, err := Build(context.Background(), viewtest.Hostile(), view.Options{}, graphviz.InProcess)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "hostile.dot"), dot)
	svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
	if err != nil {
		t.Fatal(err)
	}
	got := viewtest.ParseSVG(t, svg)
	for _, el := range []string{"script", "i"} {
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
	for _, want := range []string{"<script>alert(1)</script>", "<I>italic</I>", "</TD></TR></TABLE>>]; x [label=\"pwned\""} {
		if !strings.Contains(*text, want) {
			t.Errorf("SVG text lacks %q", want)
		}
	}
}

func TestParsePlain(t *testing.T) {
	src := "graph 1 3.5 2\nnode n0 0.5 1 2.2222 0.5 x solid box black lightgrey\nnode \"a b\" 1 1 1 1 \"x \\\" y\" solid box black white\nedge n0 \"a b\" 4 1 1 1.5 1 2 1 2.5 1 solid black\nstop\n"
	l, err := parsePlain([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if l.width != 252 || l.height != 144 {
		t.Errorf("size %v × %v", l.width, l.height)
	}
	if n := l.nodes["n0"]; n.x != 36 || n.y != 72 || n.h != 36 {
		t.Errorf("n0 = %+v", n)
	}
	if _, ok := l.nodes["a b"]; !ok {
		t.Error("quoted name lost")
	}
	if pts := l.edges[[2]string{"n0", "a b"}]; len(pts) != 4 || pts[3].x != 180 {
		t.Errorf("edge = %v", pts)
	}
	for _, bad := range []string{"graph x 1 1\n", "node n0 1\n", "edge a b 9 1 1\n", "node \"open 1 1 1 1\n"} {
		if _, err := parsePlain([]byte(bad)); err == nil {
			t.Errorf("parsePlain(%q) accepted", bad)
		}
	}
}

// A transition to a later stage is drawn between the stage boxes, under
// the graph, solid and blue, where steps back run dashed over the top
// (issue 9 #12: "Skips evaluation" was in no SVG).
func TestSkipAhead(t *testing.T) {
	m := viewtest.Small()
	m.Transitions = append(m.Transitions, &journey.Transition{From: "aware", To: "use", Label: "Skips evaluation"})
	dot, err := Build(context.Background(), m, view.Options{}, graphviz.InProcess)
	if err != nil {
		t.Fatal(err)
	}
	skip := regexp.MustCompile(`(?m)^n\d+ -> n\d+ \[id="small-skip-aware-use"[^\n]*`).Find(dot)
	back := regexp.MustCompile(`(?m)^n\d+ -> n\d+ \[id="small-stepback-eval-aware"[^\n]*`).Find(dot)
	if skip == nil || back == nil {
		t.Fatalf("arrows missing: skip %q, back %q", skip, back)
	}
	if bytes.Contains(skip, []byte("dashed")) || !bytes.Contains(back, []byte("dashed")) {
		t.Errorf("skip ahead and step back look alike:\n%s\n%s", skip, back)
	}
	if !bytes.Contains(dot, []byte(`id="small-legend-skip"`)) {
		t.Error("no legend entry for skips ahead")
	}
	svg, err := graphviz.Render(context.Background(), dot, view.Engine, "svg")
	if err != nil {
		t.Fatal(err)
	}
	got := viewtest.ParseSVG(t, svg)
	if !strings.Contains(got.Text, "Skips evaluation") {
		t.Errorf("SVG text lacks the skip's label: %s", got.Text)
	}
	if !slices.Contains(got.Titles, "Awareness → Onboarding: Skips evaluation") {
		t.Errorf("no tooltip on the skip: %q", got.Titles)
	}
	// The skip runs under every stage box, the step back over them.
	bottom := boxesBottom(t, dot)
	if y := minY(t, skip); y > bottom {
		t.Errorf("the skip's lowest point %v is not under the boxes (%v)", y, bottom)
	}
}

// boxesBottom returns the lowest y (DOT's upward axis) of the stage boxes.
func boxesBottom(t *testing.T, dot []byte) float64 {
	t.Helper()
	bottom := math.Inf(1)
	re := regexp.MustCompile(`id="small-stage-[a-z]+" pos="([-0-9.]+),([-0-9.]+)!"[^\n]* height="([0-9.]+)"`)
	for _, m := range re.FindAllSubmatch(dot, -1) {
		y, _ := strconv.ParseFloat(string(m[2]), 64)
		h, _ := strconv.ParseFloat(string(m[3]), 64)
		bottom = math.Min(bottom, y-h*72/2)
	}
	if math.IsInf(bottom, 1) {
		t.Fatal("no stage boxes")
	}
	return bottom
}

// minY returns the lowest y of an edge's route.
func minY(t *testing.T, edge []byte) float64 {
	t.Helper()
	m := regexp.MustCompile(` pos="([^"]*)"`).FindSubmatch(edge)
	if m == nil {
		t.Fatal("edge without a route")
	}
	low := math.Inf(1)
	for _, p := range strings.Fields(string(m[1])) {
		p = strings.TrimPrefix(p, "e,")
		_, ys, _ := strings.Cut(p, ",")
		y, _ := strconv.ParseFloat(ys, 64)
		low = math.Min(low, y)
	}
	return low
}

// dense returns a map of n touchpoints in stages of ten, each linking to
// all the others: n×(n−1) links (issue 9 #5 had n = 300).
func dense(n int) *journey.Map {
	m := viewtest.Generate(viewtest.Config{Touchpoints: n})
	all := m.Touchpoints()
	for _, t := range all {
		t.Next = nil
		for _, o := range all {
			if o != t {
				t.Next = append(t.Next, o.ID)
			}
		}
	}
	return m
}

// Past Options.MaxFlowEdges links the flow is simplified: no dot pass,
// the touchpoints on the grid, one arrow per pair of stages with the
// number of its links, the links within a stage counted in its box, and
// a note that says so (issue 9 #5: 300 touchpoints linking to all others
// took 144 s and 1.4 GB and gave a 64 MB SVG).
// linkEdge and nextEdge find the edges of single links (next links and
// links back) in a flow view's DOT, whatever the id prefix.
var (
	linkEdge = regexp.MustCompile(`(?m)^n\d+ -> n\d+ \[id="synthetic-\d+-(next|back)-`)
	nextEdge = regexp.MustCompile(`(?m)^n\d+ -> n\d+ \[id="synthetic-\d+-next-`)
)

func TestSimplifiedFlow(t *testing.T) {
	m := dense(80) // 6,320 links, 8 stages
	rec := &recorder{}
	dot, err := Build(context.Background(), m, view.Options{}, rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.calls) != 0 {
		t.Errorf("the simplified flow ran dot: %v", rec.calls)
	}
	if linkEdge.Match(dot) {
		t.Error("links drawn one by one")
	}
	arrows := regexp.MustCompile(`(?m)^n\d+ -> n\d+ \[id="[^"]*-links-(s\d+)-(s\d+)"`).FindAllSubmatch(dot, -1)
	if len(arrows) != 8*7 {
		t.Errorf("%d arrows between stages, want 56 (every ordered pair of 8 stages)", len(arrows))
	}
	for _, want := range []string{`label="× 100"`, `× 90 within the stage`, `Too many links for a readable flow (6,320)`, `-legend-links-fwd`, `-legend-links-back`} {
		if !bytes.Contains(dot, []byte(want)) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	if nodes, edges := strings.Count(string(dot), "\nn"), strings.Count(string(dot), " -> "); edges > 100 || nodes > 1000 {
		t.Errorf("%d nodes, %d edges: not bounded by the pairs of stages", nodes, edges)
	}
	// Below the bound the links are drawn one by one; a negative bound
	// never simplifies.
	small := dense(20) // 380 links
	dot, _ = Build(context.Background(), small, view.Options{}, graphviz.InProcess)
	if !nextEdge.Match(dot) || bytes.Contains(dot, []byte("-links-")) {
		t.Error("a flow under the bound was simplified")
	}
	dot, _ = Build(context.Background(), small, view.Options{MaxFlowEdges: 100}, graphviz.InProcess)
	if nextEdge.Match(dot) || !bytes.Contains(dot, []byte("-links-")) {
		t.Error("MaxFlowEdges not followed")
	}
	dot, _ = Build(context.Background(), small, view.Options{MaxFlowEdges: -1}, graphviz.InProcess)
	if bytes.Contains(dot, []byte("-links-")) {
		t.Error("MaxFlowEdges < 0 simplified")
	}
}

// With more pairs of stages than maxPairs, the busiest are drawn (ties in
// stage order) and the note counts the rest; the same map gives the same
// bytes.
func TestSimplifiedFlowManyStages(t *testing.T) {
	m := viewtest.Generate(viewtest.Config{Touchpoints: 60, PerStage: 1})
	all := m.Touchpoints()
	for i, tp := range all {
		tp.Next = nil
		for j, o := range all {
			if j != i {
				tp.Next = append(tp.Next, o.ID)
			}
		}
	}
	a, err := Build(context.Background(), m, view.Options{MaxFlowEdges: 10}, nil)
	if err != nil {
		t.Fatal(err)
	}
	arrows := regexp.MustCompile(`-links-s\d+-s\d+"`).FindAll(a, -1)
	if len(arrows) != maxPairs {
		t.Errorf("%d arrows, want %d", len(arrows), maxPairs)
	}
	if !bytes.Contains(a, []byte(i18n.Number("en", float64(60*59-maxPairs))+" more pairs of stages not drawn")) {
		t.Error("the note does not count the pairs left out")
	}
	for i := 0; i < 3; i++ {
		if b, _ := Build(context.Background(), m, view.Options{MaxFlowEdges: 10}, nil); !bytes.Equal(a, b) {
			t.Fatal("two builds differ")
		}
	}
}

func TestTooManyTouchpoints(t *testing.T) {
	m := viewtest.Generate(viewtest.Config{Touchpoints: 30})
	rec := &recorder{}
	_, err := Build(context.Background(), m, view.Options{MaxTouchpoints: 29}, rec)
	if !errors.Is(err, view.ErrTooManyTouchpoints) || len(rec.calls) > 0 {
		t.Errorf("err = %v, layouts %v", err, rec.calls)
	}
}
