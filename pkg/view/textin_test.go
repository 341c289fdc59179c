package view

import (
	"strconv"
	"strings"
	"testing"
)

// TextIn right-aligns a right-to-left paragraph at the box's right edge and
// leaves every other one left-aligned at its left edge.
func TestTextIn(t *testing.T) {
	st := Style{Size: 10}
	for _, tc := range []struct {
		text  string
		right bool
	}{
		{"שיחת הדרכה עם נציג", true},
		{"2.2 مساعدة في الشحن", true},
		{"Call שיחה", false},
		{"Путь клиента", false},
	} {
		var d Doc
		d.TextIn("t", 100, 0, 200, []string{tc.text}, st)
		n := d.nodes[0]
		w := 0.0
		for _, a := range n.attrs {
			if a.Key == "width" {
				w = parseFloat(a.Value) * 72
			}
			if a.Key == "label" && strings.HasSuffix(a.Value, `\r`) != tc.right {
				t.Errorf("%q: label %q, right-aligned %v", tc.text, a.Value, !tc.right)
			}
		}
		edge, want := n.at.X-w/2, 100.0
		if tc.right {
			edge, want = n.at.X+w/2, 300
		}
		if d := edge - want; d < -0.5 || d > 0.5 {
			t.Errorf("%q: aligned edge at %v, want %v", tc.text, edge, want)
		}
	}
}

func parseFloat(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
