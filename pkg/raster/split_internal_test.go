package raster

import (
	"math"
	"strings"
	"testing"

	"github.com/tdewolff/canvas"
)

// A lane taller than a page at 7 pt (12-stages' touchpoints: eight rows
// of cards in each stage) is cut between its rows of cards, on pages
// filled with rows, instead of shrinking the map under 7 pt; a cut never
// falls inside a row, and every row is on a page.
func TestLayOutCutsTallLane(t *testing.T) {
	// A drawing 300 × 600 mm: a lane column, three stages of 80 mm, a
	// header row under a banner, a short lane and a lane 500 mm tall of
	// ten rows 48 mm high, 2 mm apart.
	cols := &columns{lane: canvas.Rect{X0: 5, Y0: 570, X1: 60, Y1: 580}, headerY0: 570, bannerY0: 580}
	for i := 0; i < 3; i++ {
		x := 60 + 80*float64(i)
		cols.stages = append(cols.stages, canvas.Rect{X0: x, Y0: 570, X1: x + 80, Y1: 580})
	}
	cols.lanes = []canvas.Rect{{X0: 5, Y0: 550, X1: 60, Y1: 570}, {X0: 5, Y0: 50, X1: 60, Y1: 550}}
	var rows [][2]float64 // top, bottom
	var cuts []float64
	for k := 0; k < 10; k++ {
		top := 549 - 50*float64(k)
		rows = append(rows, [2]float64{top, top - 48})
		if k > 0 {
			cuts = append(cuts, top+1)
		}
	}
	cols.cuts = [][]float64{nil, cuts}
	a3, _ := ParsePage("a3-landscape")
	lo := layOut(300, 600, 8, cols, a3, "")
	if want := MinTextPt / 8; math.Abs(lo.scale-want) > 1e-9 {
		t.Fatalf("scale %.3f, want %.3f (7 pt): the tall lane shrank the map", lo.scale, want)
	}
	seen := make([]bool, len(rows))
	ah := a3.H - 2*pageMargin - footHeight("")
	for i, p := range lo.pages {
		body := p.tiles[len(p.tiles)-1].src // the stages' tile of the rows
		if body.H()*lo.scale+(600-570)*lo.scale > ah+1e-6 {
			t.Errorf("page %d: its rows are %.0f mm high, over the page", i+1, body.H()*lo.scale)
		}
		for k, r := range rows {
			in, cut := r[1] >= body.Y0-1e-9 && r[0] <= body.Y1+1e-9, r[0] > body.Y1+1e-9 && r[1] < body.Y1-1e-9 || r[0] > body.Y0+1e-9 && r[1] < body.Y0-1e-9
			if cut {
				t.Errorf("page %d (%v) cuts row %d (%v)", i+1, body, k, r)
			}
			seen[k] = seen[k] || in
		}
	}
	for k, s := range seen {
		if !s {
			t.Errorf("row %d is on no page", k)
		}
	}
	if len(lo.pages) < 2 {
		t.Errorf("%d page(s), want the lane cut", len(lo.pages))
	}
	// Without cuts (a lane of one block), the map shrinks to fit, as before.
	cols.cuts = nil
	if lo := layOut(300, 600, 8, cols, a3, ""); lo.scale >= MinTextPt/8 {
		t.Errorf("scale %.3f without cuts: the lane cannot fit at 7 pt", lo.scale)
	}
}

// A filled shape cut by a tile at its top and bottom (a lane's cell on a
// page that starts and ends inside the lane) stays a rectangle: its fill
// is the strip, its outline the two sides, with no diagonal across
// (canvas's Path.Clip joins the two sides into one open path, which
// fills as a triangle).
func TestClipCutTwice(t *testing.T) {
	p := &canvas.Path{}
	p.MoveTo(40, 100)
	p.LineTo(0, 100)
	p.LineTo(0, 0)
	p.LineTo(40, 0)
	p.Close()
	r := canvas.Rect{X0: -1, Y0: 20, X1: 50, Y1: 80}
	fill := clipPolygons(p, r)
	if b := fill.Bounds(); math.Abs(b.X0) > 1e-9 || math.Abs(b.X1-40) > 1e-9 || math.Abs(b.Y0-20) > 1e-9 || math.Abs(b.Y1-80) > 1e-9 {
		t.Errorf("fill %v, bounds %v; want the strip 0–40 × 20–80", fill, b)
	}
	if got, want := fill.String(), "M40 20L40 80L0 80L0 20z"; got != want {
		t.Errorf("fill %s, want %s", got, want)
	}
	outline := clipLines(p, r)
	if got, want := outline.String(), "M0 80L0 20M40 20L40 80"; got != want {
		t.Errorf("outline %s, want %s", got, want)
	}
	if n := strings.Count(outline.String(), "M"); n != 2 {
		t.Errorf("outline in %d pieces, want 2", n)
	}
}
