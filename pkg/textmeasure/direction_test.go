package textmeasure

import (
	"strings"
	"testing"
)

func TestRightToLeft(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"Plain English", false},
		{"Путь клиента", false},
		{"שיחת הדרכה עם נציג", true},
		{"مساعدة في الشحن الدولي", true},
		{"3.1 ☎ 😀 שיחה", true},          // digits and symbols are not strong
		{"«رد خلال خمس دقائق ✅»", true}, // neither are quotes
		{"App 应用程序 محادثة", false},      // the first letter decides
		{"店主 שיחה", false},
		{"123 — 45 %", false},
	} {
		if got := RightToLeft(tc.s); got != tc.want {
			t.Errorf("RightToLeft(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

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
