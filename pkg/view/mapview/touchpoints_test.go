package mapview

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// attrNode is a node of a built map: every attribute as written (the
// chart tests' dotNode keeps a few, parsed).
type attrNode map[string]string

var (
	attrNodeRe = regexp.MustCompile(`(?m)^n\d+ \[(.*)\]$`)
	attrRe     = regexp.MustCompile(`(\w+)="((?:[^"\\]|\\.)*)"`)
)

// attrNodes returns the nodes of dot by id.
func attrNodes(dot []byte) map[string]attrNode {
	out := map[string]attrNode{}
	for _, m := range attrNodeRe.FindAllSubmatch(dot, -1) {
		n := attrNode{}
		for _, a := range attrRe.FindAllSubmatch(m[1], -1) {
			n[string(a[1])] = string(a[2])
		}
		out[n["id"]] = n
	}
	return out
}

// lines returns the node's label as its lines.
func (n attrNode) lines() []string {
	l := strings.ReplaceAll(n["label"], `\r`, `\l`) // right-aligned lines
	l = strings.TrimSuffix(l, `\l`)
	if l == "" {
		return nil
	}
	return strings.Split(l, `\l`)
}

// box returns the node's bounds, in points, y down as the DOT is (the
// DOT's y is up; only comparisons within one map are made).
func (n attrNode) box(t *testing.T) (x0, y0, x1, y1 float64) {
	t.Helper()
	xs, ys, ok := strings.Cut(strings.TrimSuffix(n["pos"], "!"), ",")
	if !ok {
		t.Fatalf("node %s has no pos", n["id"])
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("node %s: %v", n["id"], err)
		}
		return v
	}
	x, y := num(xs), -num(ys)
	w, h := num(n["width"])*72, num(n["height"])*72
	return x - w/2, y - h/2, x + w/2, y + h/2
}

func buildDOT(t *testing.T, m *journey.Map) (string, map[string]attrNode) {
	t.Helper()
	dot, err := Build(m, view.Options{IDPrefix: "p"})
	if err != nil {
		t.Fatal(err)
	}
	return string(dot), attrNodes(dot)
}

// TestPersonaMarks: a card is marked with the personas that meet it only
// when some but not all of the map's personas do, and never on a map of
// one persona.
func TestPersonaMarks(t *testing.T) {
	m := viewtest.Small() // personas buyer, user
	article := m.Stages[0].Touchpoints[0]
	demo := m.Stages[1].Touchpoints[0]
	trial := m.Stages[1].Touchpoints[1]
	article.Personas = []string{"user"}
	demo.Personas = []string{"buyer", "user"}
	_, nodes := buildDOT(t, m)
	mark := func(tp string, i int) attrNode { return nodes[fmt.Sprintf("p-tp-%s-persona-%d", tp, i)] }
	if n := mark("article", 2); n == nil {
		t.Error("the card met by the user alone has no mark of the user")
	} else {
		if n["tooltip"] != "User" {
			t.Errorf("the mark's tooltip is %q, want the persona's name", n["tooltip"])
		}
		if n["shape"] != personaShape(1) || n["fillcolor"] == "" {
			t.Errorf("the mark is %q filled %q, want the persona's shape and colour", n["shape"], n["fillcolor"])
		}
		// The chip at the top, the key to the marks, shows the same shape.
		if chip := nodes["p-persona-user-marker"]; chip == nil || chip["shape"] != n["shape"] {
			t.Errorf("the user's chip marker is %v, want the card's %q", chip, n["shape"])
		}
	}
	if mark("article", 1) != nil {
		t.Error("the buyer, who does not meet the article, is marked on it")
	}
	if !strings.Contains(nodes["p-tp-article"]["tooltip"], "User") {
		t.Errorf("the card's tooltip %q does not name its persona", nodes["p-tp-article"]["tooltip"])
	}
	for _, tp := range []string{demo.ID, trial.ID} {
		if mark(tp, 1) != nil || mark(tp, 2) != nil {
			t.Errorf("%s is met by every persona but has persona marks", tp)
		}
	}

	one := viewtest.Small()
	one.Personas = one.Personas[1:]
	one.Stages[0].Touchpoints[0].Personas = []string{"user"}
	_, nodes = buildDOT(t, one)
	for id := range nodes {
		if strings.Contains(id, "-persona-") && strings.HasPrefix(id, "p-tp-") {
			t.Errorf("a map of one persona has the persona mark %s", id)
		}
	}
}

// TestFootnotes: every touchpoint with a moment-of-truth reason, a source
// or notes has a footnote under the grid, numbered 1, 2 … in journey
// order; its card shows the same number; a touchpoint with nothing more to
// say has neither.
func TestFootnotes(t *testing.T) {
	m := viewtest.Small()
	m.Stages[0].Touchpoints[0].Source = "Web analytics"                 // 1.1
	m.Stages[1].Touchpoints[1].Notes = "Check\nwith sales"              // 2.2; 2.1 has a reason
	m.Stages[2].Touchpoints[0].MomentOfTruth = &journey.MomentOfTruth{} // 3.1: a star, no reason
	want := map[string]string{"article": "1", "demo": "2", "trial": "3"}
	wantText := map[string][]string{
		"article": {"1.1 Blog article", "Source: Web analytics (observed)"},
		"demo":    {"2.1 Product demo", "Moment of truth: Decides the shortlist"},
		"trial":   {"2.2 Trial", "Notes: Check with sales"},
	}
	_, nodes := buildDOT(t, m)
	if nodes["p-tp-contract-note"] != nil || nodes["p-footnote-4"] != nil {
		t.Error("a moment of truth without a reason, source or notes has a footnote")
	}
	for tp, num := range want {
		card := nodes["p-tp-"+tp+"-note"]
		if card == nil || strings.Join(card.lines(), "") != num {
			t.Errorf("card %s: note mark %v, want %s", tp, card, num)
			continue
		}
		note := nodes["p-footnote-"+num]
		if note == nil {
			t.Errorf("no footnote %s", num)
			continue
		}
		if got := strings.Join(nodes["p-footnote-"+num+"-num"].lines(), ""); got != num {
			t.Errorf("footnote %s is numbered %q", num, got)
		}
		text := strings.Join(note.lines(), " ")
		for _, w := range wantText[tp] {
			if !strings.Contains(text, w) {
				t.Errorf("footnote %s = %q, want it to say %q", num, text, w)
			}
		}
		// The number sits after the card's name, on its last line, inside
		// the card.
		cx0, cy0, cx1, cy1 := nodes["p-tp-"+tp].box(t)
		nx0, ny0, _, ny1 := card.box(t)
		_, _, _, namey1 := nodes["p-tp-"+tp+"-name"].box(t)
		if nx0 < cx0 || nx0 > cx1 || ny0 < cy0 || ny1 > cy1 || ny1 > namey1+1 {
			t.Errorf("card %s: its number is not by its name inside it", tp)
		}
	}
	// The block is under the grid and above the legend.
	_, fy0, _, _ := nodes["p-footnote-1"].box(t)
	_, _, _, ly1 := nodes["p-lane-kpis"].box(t)
	if fy0 < ly1 {
		t.Error("the footnotes are not under the grid")
	}
	if l := nodes["p-legend-channels"]; l != nil {
		if _, ly0, _, _ := l.box(t); ly0 < fy0 {
			t.Error("the legend is above the footnotes")
		}
	}

	none := viewtest.Small()
	none.Stages[1].Touchpoints[0].MomentOfTruth.Reason = ""
	_, nodes = buildDOT(t, none)
	for id := range nodes {
		if strings.HasPrefix(id, "p-footnote") || strings.HasSuffix(id, "-note") {
			t.Errorf("a map with nothing to footnote has %s", id)
		}
	}
}

// stressMaps returns the maps of testdata/stress and examples/ that have
// stages and load without errors (a stress case may be a bad file).
func stressMaps(t *testing.T) []*journey.Map {
	t.Helper()
	files, _ := filepath.Glob("../../../testdata/stress/*.yaml")
	if len(files) == 0 {
		t.Fatal("no stress maps")
	}
	var out []*journey.Map
	for _, f := range append(files, viewtest.Examples(t)...) {
		m, ds, _ := load.File(f, load.Options{Root: "../../.."})
		if m != nil && !ds.HasErrors() && len(m.Stages) > 0 {
			out = append(out, m)
		}
	}
	if len(out) < 2 {
		t.Fatalf("%d stress maps load", len(out))
	}
	return out
}

// TestCardTextWhole: no text of a card is cut with "…" in the examples and
// the stress maps; a channel name too long for a line wraps, in full.
func TestCardTextWhole(t *testing.T) {
	for _, m := range stressMaps(t) {
		_, nodes := buildDOT(t, m)
		for id, n := range nodes {
			if strings.HasPrefix(id, "p-tp-") && strings.Contains(n["label"], "…") {
				t.Errorf("%s: %s reads %q", m.File, id, n["label"])
			}
		}
	}
	m := viewtest.Small()
	long := "A channel with a name far too long for one line of a card"
	m.Channels[0].Name = long
	_, nodes := buildDOT(t, m)
	ch := nodes["p-tp-article-channel"].lines()
	if len(ch) < 2 || strings.Join(ch, " ") != "●●● "+long {
		t.Errorf("channel lines %q, want the whole name on two lines or more", ch)
	}
}

// TestCrowdedStage: the stage of 25 touchpoints is widened to columns of
// cards of the usual width, its cell at most twice as tall as the tallest
// other stage's, every card inside its stage's column, and each emotion
// point under its own card.
func TestCrowdedStage(t *testing.T) {
	m := viewtest.Load(t, "../../../testdata/stress/many-touchpoints.yaml")
	_, nodes := buildDOT(t, m)
	crowded, other := 0.0, 0.0
	for _, s := range m.Stages {
		sx0, _, sx1, _ := nodes["p-stage-"+s.ID].box(t)
		top, bottom := 1e9, -1e9
		for _, tp := range s.Touchpoints {
			x0, y0, x1, y1 := nodes["p-tp-"+tp.ID].box(t)
			if x0 < sx0 || x1 > sx1 {
				t.Errorf("card %s [%v, %v] is outside its stage's column [%v, %v]", tp.ID, x0, x1, sx0, sx1)
			}
			if x1-x0 < defaultCol-2*pad-0.5 {
				t.Errorf("card %s is %v wide, narrower than a usual card", tp.ID, x1-x0)
			}
			if p := nodes["p-emotion-all-tp-"+tp.ID]; p != nil {
				px0, _, px1, _ := p.box(t)
				if c := (px0 + px1) / 2; c < x0 || c > x1 {
					t.Errorf("the emotion point of %s at x=%v is not under its card [%v, %v]", tp.ID, c, x0, x1)
				}
			}
			top, bottom = min(top, y0), max(bottom, y1)
		}
		if h := bottom - top; len(s.Touchpoints) == 25 {
			crowded = h
			if w := sx1 - sx0; w <= defaultCol {
				t.Errorf("the crowded stage is %v wide: not widened", w)
			}
		} else {
			other = max(other, h)
		}
	}
	if crowded == 0 || other == 0 {
		t.Fatal("the stress map lacks its crowded stage or its others")
	}
	if crowded > 2*other {
		t.Errorf("the 25 cards stand %v tall, more than twice the tallest other stage's %v", crowded, other)
	}

	// A map whose stages all have eight cards keeps one column each.
	g := viewtest.Generate(viewtest.Config{Touchpoints: 48, PerStage: 8})
	_, nodes = buildDOT(t, g)
	for _, s := range g.Stages {
		if x0, _, x1, _ := nodes["p-stage-"+s.ID].box(t); x1-x0 != defaultCol {
			t.Errorf("stage %s of a map of eight cards a stage is %v wide", s.ID, x1-x0)
		}
	}
}

// TestCardInk: every text on a card reaches a contrast of 4.5 on white
// (the card's fill; no text sits on the channel's colour).
func TestCardInk(t *testing.T) {
	white, _ := palette.Parse("#FFFFFF")
	for name, st := range map[string]view.Style{"channel": chipChannelStyle, "name": nameStyle,
		"interactions": chipInterStyle, "owner": chipOwnerStyle, "note": noteMarkStyle, "footnote": noteStyle} {
		c, ok := palette.Parse(st.Color)
		if !ok {
			t.Errorf("%s: colour %q", name, st.Color)
			continue
		}
		if r := palette.Contrast(c, white); r < 4.5 {
			t.Errorf("%s text %s has a contrast of %.2f on white", name, st.Color, r)
		}
	}
}

// TestPersonaMarksFit: on a narrow card, marks of many personas go in
// rows of their own above the channel's name, inside the card and clear
// of the name.
func TestPersonaMarksFit(t *testing.T) {
	m := viewtest.Small()
	var ids []string
	for i := range 10 {
		id := fmt.Sprintf("p%d", i)
		m.Personas = append(m.Personas, &journey.Persona{ID: id, Name: "Persona " + id})
		ids = append(ids, id)
	}
	m.Stages[0].Touchpoints[0].Personas = ids // 10 of 12
	dot, err := Build(m, view.Options{IDPrefix: "p", ColumnWidth: minCol})
	if err != nil {
		t.Fatal(err)
	}
	nodes := attrNodes(dot)
	cx0, cy0, cx1, cy1 := nodes["p-tp-article"].box(t)
	_, chy0, _, _ := nodes["p-tp-article-channel"].box(t)
	n := 0
	for i := range 12 {
		mk := nodes[fmt.Sprintf("p-tp-article-persona-%d", i+1)]
		if mk == nil {
			continue
		}
		n++
		x0, y0, x1, y1 := mk.box(t)
		if x0 < cx0 || x1 > cx1 || y0 < cy0 || y1 > cy1 {
			t.Errorf("mark %d [%v,%v %v,%v] is outside its card [%v,%v %v,%v]", i+1, x0, y0, x1, y1, cx0, cy0, cx1, cy1)
		}
		if y1 > chy0+0.5 {
			t.Errorf("mark %d reaches down to %v, into the channel's name at %v", i+1, y1, chy0)
		}
	}
	if n != 10 {
		t.Errorf("%d marks, want 10", n)
	}
}
