package raster

import (
	"testing"

	"github.com/tdewolff/canvas"
)

// A map split across pages by stages shows a theme's logo at the top right
// of every page, its band out of the banner's tile (which would cut it);
// a map that fits keeps it where it is, in the banner.
func TestLayOutLogo(t *testing.T) {
	// A drawing 600 × 200 mm: a lane column, six stages of 80 mm, the
	// header row, a banner above, the logo at the top right.
	cols := &columns{lane: canvas.Rect{X0: 5, Y0: 150, X1: 60, Y1: 160}, headerY0: 150, bannerY0: 160}
	for i := 0; i < 6; i++ {
		x := 60 + 80*float64(i)
		cols.stages = append(cols.stages, canvas.Rect{X0: x, Y0: 150, X1: x + 80, Y1: 160})
	}
	cols.lanes = []canvas.Rect{{X0: 5, Y0: 10, X1: 60, Y1: 150}}
	logo := canvas.Rect{X0: 508, Y0: 188, X1: 540, Y1: 196}
	cols.logo = logo
	a4, _ := ParsePage("a4-landscape")
	lo := layOut(600, 200, 10, cols, a4, "")
	if len(lo.pages) < 2 {
		t.Fatalf("%d pages, want a split", len(lo.pages))
	}
	for i, p := range lo.pages {
		var got *tile
		for j := range p.tiles {
			tl := &p.tiles[j]
			if tl.src == logo {
				got = tl
			} else if tl.src.Y1 > logo.Y0 && tl.src.X1 > logo.X0 {
				t.Errorf("page %d: tile %v holds part of the logo", i+1, tl.src)
			}
		}
		if got == nil {
			t.Errorf("page %d has no logo", i+1)
			continue
		}
		if right := got.x + logo.W()*lo.scale; right > a4.W-pageMargin+1e-6 || right < a4.W-pageMargin-1e-6 {
			t.Errorf("page %d: the logo ends at %g mm, want the right margin %g", i+1, right, a4.W-pageMargin)
		}
	}
	// A small drawing fits one page: one tile, the logo in it.
	lo = layOut(200, 100, 10, cols, a4, "")
	if len(lo.pages) != 1 || len(lo.pages[0].tiles) != 1 {
		t.Errorf("a fitting drawing gave %d pages", len(lo.pages))
	}
}
