package view_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// checkColors fails for two colours of a map closer than the bounds
// (every pair up to palette.MaxDistinct colours; past it, within a kind,
// and half of them across kinds), and returns the smallest distances
// within kinds and across them.
func checkColors(t *testing.T, name string, cols, kinds []string) (within, across [2]float64) {
	t.Helper()
	within, across = [2]float64{1e9, 1e9}, [2]float64{1e9, 1e9}
	for i := range cols {
		for j := i + 1; j < len(cols); j++ {
			a, _ := palette.Parse(cols[i])
			b, _ := palette.Parse(cols[j])
			n, d := palette.Distance(a, b)
			f, m := 1.0, &within
			if kinds[i] != kinds[j] {
				m = &across
				if len(cols) > palette.MaxDistinct {
					f = 0.5
				}
			}
			m[0], m[1] = min(m[0], n), min(m[1], d)
			if n < f*palette.MinDeltaE || d < f*palette.MinDeltaEDeutan {
				t.Errorf("%s: %s %s and %s %s: ΔE00 %.1f, deuteranope %.1f", name, kinds[i], cols[i], kinds[j], cols[j], n, d)
			}
		}
	}
	return within, across
}

// Every example's channels, owners and personas (issue 10: three owners
// of the ABM example were near-identical olives, a channel and a persona
// shared a maroon) keep ΔE00 ≥ 20, and ≥ 10 for a deuteranope.
func TestColorsOfExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/[^.]*.yaml")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, f := range files {
		m := viewtest.Load(t, f)
		cols, kinds := view.NewColors(m).Drawn(m)
		w, a := checkColors(t, filepath.Base(f), cols, kinds)
		t.Logf("%s: %d colours; smallest ΔE00 within a kind %.1f (deuteranope %.1f), across kinds %.1f (%.1f)",
			filepath.Base(f), len(cols), w[0], w[1], a[0], a[1])
	}
}

// Synthetic maps of 1 to 12 entries, in every split between channels,
// owners and personas.
func TestColorsOfSyntheticMaps(t *testing.T) {
	for n := 1; n <= 12; n++ {
		for ch := 0; ch <= n; ch++ {
			for ow := 0; ch+ow <= n; ow++ {
				m := &journey.Map{}
				for i := 0; i < ch; i++ {
					m.Channels = append(m.Channels, &journey.Channel{ID: fmt.Sprintf("c%d", i)})
				}
				for i := 0; i < ow; i++ {
					m.Owners = append(m.Owners, &journey.Owner{ID: fmt.Sprintf("o%d", i)})
				}
				for i := 0; i < n-ch-ow; i++ {
					m.Personas = append(m.Personas, &journey.Persona{ID: fmt.Sprintf("p%d", i)})
				}
				// One touchpoint per channel and owner, so they are drawn.
				st := &journey.Stage{ID: "s"}
				for i := 0; i < max(ch, ow); i++ {
					tp := &journey.Touchpoint{ID: fmt.Sprintf("t%d", i)}
					if i < ch {
						tp.Channel = fmt.Sprintf("c%d", i)
					}
					if i < ow {
						tp.Owner = fmt.Sprintf("o%d", i)
					}
					st.Touchpoints = append(st.Touchpoints, tp)
				}
				m.Stages = []*journey.Stage{st}
				cols, kinds := view.NewColors(m).Drawn(m)
				if len(cols) != n {
					t.Fatalf("%d colours drawn, want %d", len(cols), n)
				}
				checkColors(t, fmt.Sprintf("%d channels, %d owners, %d personas", ch, ow, n-ch-ow), cols, kinds)
			}
		}
	}
}

// Colours depend on the map alone: the same map, the same colours.
func TestColorsDeterministic(t *testing.T) {
	m := viewtest.Load(t, "../../examples/abm-committee.yaml")
	a, _ := view.NewColors(m).Drawn(m)
	b, _ := view.NewColors(m).Drawn(m)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("colour %d: %s then %s", i, a[i], b[i])
		}
	}
}
