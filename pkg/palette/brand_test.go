package palette

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// A theme's brand colours are handed out first, in their order, and the
// rest of the map keeps the bounds against them.
func TestBrandFirst(t *testing.T) {
	brand := []string{"#0B3D91", "#B5121B"}
	set, reasons := Brand(brand)
	for i, r := range reasons {
		if r != "" {
			t.Fatalf("brand %s refused: %s", brand[i], r)
		}
	}
	var es []Entry
	for i := 0; i < 10; i++ {
		es = append(es, Entry{Kind: []string{"channel", "owner", "persona"}[i%3], ID: fmt.Sprintf("id-%d", i)})
	}
	got := Scheme{Set: set}.Assign(es)
	if got[0] != "#0B3D91" || got[1] != "#B5121B" {
		t.Errorf("first two entries got %s, %s; want the brand colours", got[0], got[1])
	}
	checkBounds(t, "brand scheme", got)
}

// A brand colour that breaks a rule is left out, with the reason naming it.
func TestBrandRefused(t *testing.T) {
	for _, tc := range []struct {
		brand []string
		bad   int
		want  string
	}{
		{[]string{"#FFEE00"}, 0, "contrast of 1.2"},    // pale yellow vanishes on white
		{[]string{"#0B3D91", "#0D4096"}, 1, "#0B3D91"}, // two navies
		{[]string{"#0B3D91", "navy"}, 1, `"navy" is not a colour`},
		{[]string{"#777777"}, 0, "neither black nor white"}, // the one grey neither text reads on
		{[]string{"#757575"}, -1, ""},
	} {
		set, reasons := Brand(tc.brand)
		for i, r := range reasons {
			if (i == tc.bad) != (r != "") {
				t.Errorf("%v: reason %d = %q", tc.brand, i, r)
			}
			if i == tc.bad && !strings.Contains(r, tc.want) {
				t.Errorf("%v: reason %q does not say %q", tc.brand, r, tc.want)
			}
		}
		kept := len(tc.brand)
		if tc.bad >= 0 {
			kept--
		}
		if len(set) != kept+len(Set) {
			t.Errorf("%v: set of %d, want %d", tc.brand, len(set), kept+len(Set))
		}
	}
}

// lightness is the CIELAB L* of a colour: what a greyscale print keeps.
func lightness(t *testing.T, h string) float64 {
	c, ok := Parse(h)
	if !ok {
		t.Fatalf("bad colour %q", h)
	}
	return c.Lab().L
}

// The print scheme keeps the entries of a kind apart in greyscale, and
// explicit colours give way to the greys. Channels (bars with their names
// on them) take any of the eight greys: up to eight differ by MinDeltaL in
// L*, up to three by 3×MinDeltaL. Owners' marks and personas' curves take
// only the greys that stand out from white at 3: up to five differ by
// MinDeltaL, up to three by 2×MinDeltaL. Every grey takes black or white
// text.
func TestPrintGreyscale(t *testing.T) {
	white := RGB{255, 255, 255}
	for _, h := range Print {
		c, _ := Parse(h)
		tc, _ := Parse(TextOn(h))
		if r := Contrast(c, tc); r < 4.5 {
			t.Errorf("%s: text at contrast %.2f", h, r)
		}
	}
	kinds := []string{"channel", "owner", "persona"}
	for n := 1; n <= len(Print); n++ {
		var es []Entry
		for _, kind := range kinds {
			for i := 0; i < n; i++ {
				es = append(es, Entry{Kind: kind, ID: fmt.Sprintf("%s-%d", kind, i), Explicit: []string{"", "#0A66C2"}[i%2]})
			}
		}
		got := Scheme{Set: Print, Greyscale: true}.Assign(es)
		for k, kind := range kinds {
			cs := got[k*n : (k+1)*n]
			most, few := len(Print), 3*MinDeltaL
			if kind != "channel" {
				most, few = 5, 2*MinDeltaL
				for _, h := range cs {
					if c, _ := Parse(h); Contrast(c, white) < 3 {
						t.Errorf("n=%d %s: %s stands out from white at %.2f, want ≥ 3", n, kind, h, Contrast(c, white))
					}
				}
			}
			if n > most {
				continue
			}
			want := MinDeltaL
			if n <= 3 {
				want = few
			}
			for i := range cs {
				for j := i + 1; j < len(cs); j++ {
					if d := math.Abs(lightness(t, cs[i]) - lightness(t, cs[j])); d < want-0.5 {
						t.Errorf("n=%d %s: %s and %s differ by L* %.1f, want ≥ %g", n, kind, cs[i], cs[j], d, want)
					}
				}
			}
		}
	}
}
