package mapview

import (
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/textmeasure"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// placedNode is a node of the DOT as the builder placed it, in points, y
// growing upwards (as DOT writes it).
type placedNode struct {
	cx, cy, w, h float64
	label        string // as written: \l and \r line ends, escapes kept
	size         float64
	bold         bool
}

func (n placedNode) left() float64  { return n.cx - n.w/2 }
func (n placedNode) right() float64 { return n.cx + n.w/2 }
func (n placedNode) top() float64   { return n.cy + n.h/2 }

// lines returns the label's lines (for \l or \r ended labels).
func (n placedNode) lines() []string {
	var out []string
	for _, l := range regexp.MustCompile(`\\[lr]`).Split(n.label, -1) {
		if l != "" {
			out = append(out, strings.NewReplacer(`\"`, `"`, `\\`, `\`, "&amp;", "&").Replace(l))
		}
	}
	return out
}

var nodeLine = regexp.MustCompile(`(?m)^n\d+ \[id="([^"]*)"(.*)\]$`)

// placedNodes returns the nodes of the DOT by id: their boxes
// (viewtest.NodeRects), labels and fonts.
func placedNodes(t *testing.T, dot []byte) map[string]placedNode {
	t.Helper()
	attr := func(rest, key string) string {
		m := regexp.MustCompile(`\b` + key + `="((?:[^"\\]|\\.)*)"`).FindStringSubmatch(rest)
		if m == nil {
			return ""
		}
		return m[1]
	}
	rects := viewtest.NodeRects(dot, regexp.MustCompile(``))
	out := map[string]placedNode{}
	for _, m := range nodeLine.FindAllStringSubmatch(string(dot), -1) {
		r, ok := rects[m[1]]
		if !ok {
			continue
		}
		rest := m[2]
		n := placedNode{cx: (r.X0 + r.X1) / 2, cy: (r.Y0 + r.Y1) / 2, w: r.X1 - r.X0, h: r.Y1 - r.Y0,
			label: attr(rest, "label"), size: view.DefaultFontSize}
		if s := attr(rest, "fontsize"); s != "" {
			n.size, _ = strconv.ParseFloat(s, 64)
		}
		n.bold = strings.Contains(attr(rest, "fontname"), "Bold")
		out[m[1]] = n
	}
	if len(out) == 0 {
		t.Fatal("no nodes in the DOT")
	}
	return out
}

func buildNodes(t *testing.T, m *journey.Map) ([]byte, map[string]placedNode) {
	t.Helper()
	dot, err := Build(m, view.Options{IDPrefix: "m"})
	if err != nil {
		t.Fatal(err)
	}
	return dot, placedNodes(t, dot)
}

// column returns the left and right edge of stage column i, from its
// header's box (columns need not be alike).
func column(t *testing.T, m *journey.Map, nodes map[string]placedNode, i int) (l, r float64) {
	t.Helper()
	n, ok := nodes["m-stage-"+m.Stages[i].ID]
	if !ok {
		t.Fatalf("no header of stage %d", i)
	}
	return n.left(), n.right()
}

// gridWidth is the width of the grid: the lane-title column (from x = 0)
// and every stage column.
func gridWidth(t *testing.T, m *journey.Map, nodes map[string]placedNode) float64 {
	_, r := column(t, m, nodes, len(m.Stages)-1)
	return r
}

// checkTitle checks that the title is drawn whole, in lines no wider than
// the grid, at a size between the floor and the title size.
func checkTitle(t *testing.T, m *journey.Map, nodes map[string]placedNode) []string {
	t.Helper()
	n, ok := nodes["m-title"]
	if !ok {
		t.Fatal("no title")
	}
	lines := n.lines()
	// An over-long word is broken between characters: compare without spaces.
	if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(m.Title, " ", "") {
		t.Errorf("title drawn as %q, want all of %q", got, m.Title)
	}
	if n.size < titleSizes[len(titleSizes)-1] || n.size > titleStyle.Size {
		t.Errorf("title at %v pt", n.size)
	}
	for _, l := range lines {
		if w := textmeasure.Width(l, n.size, true); w > gridWidth(t, m, nodes)+0.01 {
			t.Errorf("title line %q is %.1f pt, wider than the grid (%.0f pt)", l, w, gridWidth(t, m, nodes))
		}
	}
	return lines
}

// A long title wraps to the grid's width in three lines at most,
// shrinking to fit; one that does not fit in three at the floor keeps all
// its lines there (issue 10: six lines, and wider than a two-stage grid).
func TestLongTitle(t *testing.T) {
	for _, tc := range []struct {
		file   string
		shrunk bool // fits in three lines below the title size
	}{
		{"long-title-en.yaml", true},
		{"long-title.yaml", false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			m := viewtest.Load(t, "../../../testdata/stress/"+tc.file)
			_, nodes := buildNodes(t, m)
			lines := checkTitle(t, m, nodes)
			size := nodes["m-title"].size
			if len(lines) > maxTitleLines && size != titleSizes[len(titleSizes)-1] {
				t.Errorf("title in %d lines at %v pt", len(lines), size)
			}
			if tc.shrunk && (len(lines) > maxTitleLines || size >= titleStyle.Size) {
				t.Errorf("title in %d lines at %v pt: want at most %d, shrunk", len(lines), size, maxTitleLines)
			}
			// A short title keeps the title size.
			m.Title = "Short"
			_, nodes = buildNodes(t, m)
			if n := nodes["m-title"]; n.size != titleStyle.Size || len(n.lines()) != 1 {
				t.Errorf("short title at %v pt in %d lines", n.size, len(n.lines()))
			}
		})
	}
}

// A title too long for three lines at the floor keeps all its text, at the
// floor, still within the grid.
func TestTitleTooLongForThreeLines(t *testing.T) {
	m := viewtest.Small()
	m.Stages = m.Stages[:1]
	m.Transitions = nil
	m.Title = strings.Repeat("A journey title that goes on and on ", 12) + "Supercalifragilisticexpialidocious-and-unbreakable-word-that-is-wider-than-the-grid"
	_, nodes := buildNodes(t, m)
	lines := checkTitle(t, m, nodes)
	if len(lines) <= maxTitleLines {
		t.Fatalf("title in %d lines", len(lines))
	}
	if n := nodes["m-title"]; n.size != titleSizes[len(titleSizes)-1] {
		t.Errorf("title at %v pt, want the floor", n.size)
	}
}

// The description's first paragraph is under the title as plain text.
func TestDescription(t *testing.T) {
	m := viewtest.Load(t, "../../../testdata/stress/long-title-en.yaml")
	_, nodes := buildNodes(t, m)
	d, ok := nodes["m-description"]
	if !ok {
		t.Fatal("no description")
	}
	got := strings.Join(d.lines(), " ")
	want := "Built from 14 stakeholder interviews, the tender archive of 2023–2025 and the programme review held in March 2025."
	if got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
	for _, l := range d.lines() {
		if w := textmeasure.Width(l, d.size, false); w > gridWidth(t, m, nodes) {
			t.Errorf("description line %q wider than the grid", l)
		}
	}
	if title := nodes["m-title"]; d.top() >= title.top()-title.h {
		t.Errorf("description (top %v) not under the title (bottom %v)", d.top(), title.top()-title.h)
	}
	m.Description = ""
	_, nodes = buildNodes(t, m)
	if _, ok := nodes["m-description"]; ok {
		t.Error("a description drawn for none")
	}
}

// The phase band runs over every stage column, without a gap over stages
// that have no phase (issue 10).
func TestPhaseBandCoversEveryStage(t *testing.T) {
	for _, phases := range [][]string{
		{"buying", "", "", "using", ""},
		{"", "buying", "buying", "", "using"},
		{"using", "using", "using", "using", "using"},
	} {
		m := viewtest.Small()
		m.Stages = m.Stages[:min(len(m.Stages), len(phases))]
		for len(m.Stages) < len(phases) {
			i := len(m.Stages)
			m.Stages = append(m.Stages, &journey.Stage{ID: "extra" + strconv.Itoa(i), Name: "Extra"})
		}
		m.Transitions = nil
		for i, s := range m.Stages {
			s.Phase = phases[i]
		}
		_, nodes := buildNodes(t, m)
		type span struct{ l, r float64 }
		var spans []span
		var top float64
		for id, n := range nodes {
			if strings.HasPrefix(id, "m-phase-") && !strings.HasSuffix(id, "-name") {
				spans = append(spans, span{n.left(), n.right()})
				top = n.top()
			}
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].l < spans[j].l })
		x := laneWidth
		for _, s := range spans {
			if math.Abs(s.l-x) > 0.01 {
				t.Errorf("%q: band has a gap or overlap at x=%v (next segment at %v)", phases, x, s.l)
			}
			x = s.r
		}
		if math.Abs(x-gridWidth(t, m, nodes)) > 0.01 {
			t.Errorf("%q: band ends at %v, the grid at %v", phases, x, gridWidth(t, m, nodes))
		}
		for _, ph := range []string{"BUYING", "USING"} {
			if strings.Contains(strings.Join(phases, " "), strings.ToLower(ph)) {
				found := false
				for id, n := range nodes {
					if strings.HasSuffix(id, "-name") && strings.HasPrefix(id, "m-phase-") && strings.Join(n.lines(), " ") == ph {
						found = true
						if n.top() > top {
							t.Errorf("%s name above the band", ph)
						}
					}
				}
				if !found {
					t.Errorf("%q: no %s on the band", phases, ph)
				}
			}
		}
	}
}

// A lane's name stands on the line of its cells' first line of text (issue
// 10: half a line above it).
func TestLaneLabelAlignedWithCells(t *testing.T) {
	m := viewtest.Small()
	_, nodes := buildNodes(t, m)
	checked := 0
	for _, lane := range []string{"goal", "actions", "pains", "opportunities", "kpis"} {
		label, ok := nodes["m-lane-"+lane+"-name"]
		if !ok {
			t.Errorf("no name of lane %s", lane)
			continue
		}
		for id, n := range nodes {
			if !strings.HasPrefix(id, "m-cell-"+lane+"-") || strings.HasSuffix(id, "-fill") {
				continue
			}
			// The first line of a cell is pad below the lane's top, as is
			// the lane's name; same size, so the same baseline.
			if n.size == label.size && math.Abs(n.top()-label.top()) < 0.01 {
				checked++
				continue
			}
			if n.size == label.size && n.top() > label.top() {
				t.Errorf("cell %s starts at %v, above its lane's name at %v", id, n.top(), label.top())
			}
		}
	}
	if checked == 0 {
		t.Fatal("no cell compared")
	}
}

// Right-to-left paragraphs are right-aligned in their cells, and mirrored
// with their bullet.
func TestRightToLeftCells(t *testing.T) {
	m := viewtest.Load(t, "../../../testdata/stress/scripts.yaml")
	_, nodes := buildNodes(t, m)
	colRight := func(i int) float64 { _, r := column(t, m, nodes, i); return r }
	for _, tc := range []struct {
		id    string
		stage int
		rtl   bool
	}{
		{"m-cell-goal-first-order-1", 2, true},
		{"m-cell-delights-onboard-1", 1, true},
		{"m-cell-delights-first-order-1", 2, true},
		{"m-cell-goal-discover-1", 0, false},
		{"m-cell-delights-discover-1", 0, false},
		{"m-stage-first-order-name", 2, true},
	} {
		n, ok := nodes[tc.id]
		if !ok {
			t.Errorf("no node %s", tc.id)
			continue
		}
		right := strings.HasSuffix(n.label, `\r`) && !strings.Contains(n.label, `\l`)
		if right != tc.rtl {
			t.Errorf("%s: label %q, right-aligned %v, want %v", tc.id, n.label, right, tc.rtl)
		}
		if tc.rtl {
			// The text ends at the cell's right edge, or at its bullet,
			// which is then the last thing in the cell.
			end := colRight(tc.stage) - pad
			if b, ok := nodes[tc.id+"-bullet"]; ok {
				if bw := textmeasure.Width(strings.Join(b.lines(), ""), b.size, b.bold); b.left()+bw > end+0.01 {
					t.Errorf("%s: bullet runs out of the cell", tc.id)
				}
				end = b.left() - 4
			}
			if math.Abs(n.right()-end) > 0.4 { // DOT writes sizes in hundredths of an inch
				t.Errorf("%s ends at %v, want %v", tc.id, n.right(), end)
			}
		} else if l, _ := column(t, m, nodes, tc.stage); n.left() < l+pad-0.4 {
			t.Errorf("%s starts left of its cell", tc.id)
		}
	}
}

// A KPI names its target, in the map's language, and keeps its ▲/▼.
func TestKPITargetNamed(t *testing.T) {
	for lang, want := range map[string]string{"en": "46%\u00a0· target\u00a050%", "ru": "46\u00a0%\u00a0· цель\u00a050\u00a0%"} {
		m := viewtest.Small()
		m.Lang = lang
		v, tg := 46.0, 50.0
		m.Stages[0].Metrics = []*journey.Metric{{ID: "rate", Name: "Rate", Value: &v, Target: &tg, Unit: "%"}}
		m.Stages[0].Touchpoints = nil
		_, nodes := buildNodes(t, m)
		found := false
		for id, n := range nodes {
			if strings.HasPrefix(id, "m-cell-kpis-"+m.Stages[0].ID+"-1") && strings.Join(n.lines(), " ") == want {
				found = true
				if b := nodes[id+"-bullet"]; strings.Join(b.lines(), "") != "▼" {
					t.Errorf("%s: mark %q, want ▼", lang, b.lines())
				}
			}
		}
		if !found {
			t.Errorf("%s: no KPI text %q", lang, want)
		}
	}
}

// Pain-point and opportunity cells with content are tinted, the others
// not; every text stays inside its cell.
func TestTintedCells(t *testing.T) {
	m := viewtest.Small()
	dot, nodes := buildNodes(t, m)
	for i, s := range m.Stages {
		hasPains := false
		for _, tp := range s.Touchpoints {
			hasPains = hasPains || len(tp.Pains) > 0
		}
		for lane, has := range map[string]bool{"pains": hasPains, "opportunities": len(s.Opportunities) > 0} {
			n, ok := nodes["m-cell-"+lane+"-"+s.ID+"-fill"]
			if ok != has {
				t.Errorf("stage %d %s: tinted %v, has content %v", i, lane, ok, has)
			}
			if l, r := column(t, m, nodes, i); ok && (n.left() < l || n.right() > r) {
				t.Errorf("stage %d %s: tint outside its cell", i, lane)
			}
		}
	}
	for _, tint := range []string{"#FBE3D3", "#DDF0E2"} {
		if !strings.Contains(string(dot), tint) {
			t.Errorf("no %s in the DOT", tint)
		}
	}
}

// Every text of the list lanes lies inside its cell: each line measured no
// wider than the cell less its padding, the node within its lane's rows
// (issue 10: lanes must fit; text wraps, never runs out).
func TestCellTextInsideCells(t *testing.T) {
	files := viewtest.Examples(t)
	stress, _ := filepath.Glob("../../../testdata/stress/*.yaml")
	files = append(files, stress...)
	lanes := []string{"goal", "actions", "thoughts", "feelings", "pains", "delights", "backstage", "opportunities", "strategies", "kpis"}
	total := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m := viewtest.Load(t, f)
			if m.Catalogue {
				t.Skip("catalogue")
			}
			_, nodes := buildNodes(t, m)
			checked := 0
			for _, lane := range lanes {
				box, ok := nodes["m-lane-"+lane]
				if !ok {
					continue
				}
				if name := nodes["m-lane-"+lane+"-name"]; name.top()-name.h < box.top()-box.h-0.01 {
					t.Errorf("lane %s: its name runs below the lane", lane)
				}
				for id, n := range nodes {
					if !strings.HasPrefix(id, "m-cell-"+lane+"-") || strings.HasSuffix(id, "-fill") || len(n.lines()) == 0 {
						continue
					}
					col := -1
					for i, s := range m.Stages {
						rest, ok := strings.CutPrefix(id, "m-cell-"+lane+"-"+s.ID)
						if ok && (rest == "" || strings.HasPrefix(rest, "-")) && (col < 0 || len(s.ID) > len(m.Stages[col].ID)) {
							col = i
						}
					}
					if col < 0 {
						t.Fatalf("%s: no stage", id)
					}
					l, r := column(t, m, nodes, col)
					l, r = l+pad, r-pad
					w := 0.0
					for _, line := range n.lines() {
						w = math.Max(w, textmeasure.Width(line, n.size, n.bold))
					}
					x0, x1 := n.left(), n.left()+w
					if strings.HasSuffix(n.label, `\r`) {
						x0, x1 = n.right()-w, n.right()
					}
					if x0 < l-0.4 || x1 > r+0.4 { // DOT rounds sizes to hundredths of an inch
						t.Errorf("%s: text from %.1f to %.1f, its cell's text from %.1f to %.1f: %q", id, x0, x1, l, r, n.lines())
					}
					if n.top() > box.top()+0.01 || n.top()-n.h < box.top()-box.h-0.01 {
						t.Errorf("%s: runs out of its lane vertically", id)
					}
					checked++
				}
			}
			total += checked
		})
	}
	// A map may have no list lane (a stress map of emotions only), the
	// corpus as a whole must have some.
	if total == 0 {
		t.Error("no cell text checked")
	}
}
