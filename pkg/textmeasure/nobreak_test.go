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
