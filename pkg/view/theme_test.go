package view_test

import (
	"math"
	"testing"

	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/theme"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Under the print theme the legend's entries of a kind (the channels, the
// owners, the personas the views draw) stay apart in greyscale while there
// are greys enough: their CIELAB lightness differs by palette.MinDeltaL or
// more, whatever colours the map gives them.
func TestPrintLegendGreyscale(t *testing.T) {
	th, _ := theme.Builtin("print")
	for _, file := range []string{"../../examples/abm-committee.yaml", "../../examples/b2b-funnel-ru.yaml", "../../examples/saas-onboarding.yaml"} {
		m, ds, _ := load.File(file, load.Options{})
		if m == nil {
			t.Fatalf("%s: %v", file, ds)
		}
		colors, kinds := view.Options{Theme: th}.Colors(m).Drawn(m)
		n := map[string]int{}
		for _, k := range kinds {
			n[k]++
		}
		// Owners and personas take the greys that stand out from white.
		marks := 0
		for _, h := range palette.Print {
			if c, _ := palette.Parse(h); palette.Contrast(c, palette.RGB{R: 255, G: 255, B: 255}) >= 3 {
				marks++
			}
		}
		room := map[string]int{"channel": len(palette.Print), "owner": marks, "persona": marks}
		for i := range colors {
			for j := i + 1; j < len(colors); j++ {
				if kinds[i] != kinds[j] || n[kinds[i]] > room[kinds[i]] {
					continue
				}
				a, _ := palette.Parse(colors[i])
				b, _ := palette.Parse(colors[j])
				if d := math.Abs(a.Lab().L - b.Lab().L); d < palette.MinDeltaL-0.5 {
					t.Errorf("%s: %s %s and %s differ by L* %.1f in greyscale, want ≥ %g", file, kinds[i], colors[i], colors[j], d, palette.MinDeltaL)
				}
			}
		}
	}
}
