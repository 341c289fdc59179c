package textmeasure

import (
	"strings"
	"testing"
)

// TestWrapKeepsNoBreakSpaces: a number grouped with U+00A0 ("12 000") or
// joined to its unit ("2,1 %") is never split over two lines.
func TestWrapKeepsNoBreakSpaces(t *testing.T) {
	s := "Трафик 12\u00a0000 визитов · цель 15\u00a0000 и 2,1\u00a0%"
	for _, w := range []float64{40, 60, 90, 200} {
		lines := Wrap(s, w, 10, false)
		for _, l := range lines {
			if strings.HasPrefix(l, "000") || strings.HasPrefix(l, "%") || strings.HasSuffix(l, "\u00a0") {
				t.Errorf("width %v: %q broken at a no-break space: %q", w, s, lines)
			}
		}
		if got := strings.Join(lines, " "); got != s {
			t.Errorf("width %v: lines %q do not rejoin to the text", w, lines)
		}
	}
}

// TestWrapNeverStartsWithDash: a dash between spaces stays at the end of a
// line ("network —" / "from …"), never at the start of the next.
func TestWrapNeverStartsWithDash(t *testing.T) {
	s := "Enterprise procurement journey of a regional hospital network — from the tender notice – to the agreement"
	for w := 120.0; w <= 400; w += 7 { // every word fits: none is hard-broken
		lines := Wrap(s, w, 16, true)
		for _, l := range lines {
			if strings.HasPrefix(l, "—") || strings.HasPrefix(l, "–") {
				t.Errorf("width %v: line %q starts with a dash", w, l)
			}
			if Width(l, 16, true) > w {
				t.Errorf("width %v: line %q too wide", w, l)
			}
		}
		if got := strings.Join(lines, " "); got != s {
			t.Errorf("width %v: %q do not rejoin to the text", w, lines)
		}
	}
}
