package flowview

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"path/filepath"
	"regexp"
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
			if _, err := graphviz.Render(context.Background(), dot, view.Engine, "svg"); err != nil {
				t.Errorf("graphviz: %v", err)
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
	fwd := regexp.MustCompile(`n(\d+) -> n(\d+)\n`).FindAllStringSubmatch(first, -1)
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
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("SVG is not well-formed: %v", err)
			}
			break
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
		if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "script" || se.Name.Local == "i") {
			t.Errorf("SVG has a <%s> element", se.Name.Local)
		}
	}
	for _, want := range []string{"<script>alert(1)</script>", "<I>italic</I>", "</TD></TR></TABLE>>]; x [label=\"pwned\""} {
		if !strings.Contains(text.String(), want) {
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
