package view

import (
	"math"
	"strconv"
	"testing"
)

func TestIsRTL(t *testing.T) {
	for s, want := range map[string]bool{
		"שיחת הדרכה":           true,
		"مساعدة في الشحن":      true,
		"3.1 שיחה":             true, // digits are weak: the Hebrew decides
		"🎉 «הזמנה»":            true,
		"Call שיחה":            false, // the first strong letter is Latin
		"广告：免费开店":              false,
		"Менеджер":             false,
		"":                     false,
		"12 345 — ☎":           false,
		"ܫܠܡܐ (Syriac)":        true,
		"\u200fabc (RLM mark)": false, // a mark is not a letter; abc decides
	} {
		if got := IsRTL(s); got != want {
			t.Errorf("IsRTL(%q) = %v, want %v", s, got, want)
		}
	}
}

// Near the page's right edge a text node takes only its text's room
// (as measured, or as Graphviz estimates it, whichever is wider).
func TestTextNodeWithinRight(t *testing.T) {
	st := Style{Size: 10}
	d := &Doc{Prefix: "x", Left: 0, Right: 200}
	d.TextAt("a", 100, 0, []string{"Realise the promised value"}, st)
	d.TextAt("b", 0, 0, []string{"short"}, st)
	d.TextAt("c", 150, 0, []string{"“quoted” ₽"}, st)
	for _, n := range d.nodes {
		var w float64
		for _, a := range n.attrs {
			if a.Key == "width" {
				w = parseInches(t, a.Value)
			}
		}
		right := n.at.X + w/2
		switch n.id {
		case "a":
			if right > 100+st.Width("Realise the promised value")*1.02+4 {
				t.Errorf("node a ends at %v, past its text", right)
			}
		case "b":
			if math.Abs(w-TextBoxWidth(st.Width("short"))) > 0.1 {
				t.Errorf("node b away from the edge lost its room: %v", w)
			}
		case "c":
			if w < graphvizWidth("“quoted” ₽", st) {
				t.Errorf("node c narrower (%v) than Graphviz's estimate %v", w, graphvizWidth("“quoted” ₽", st))
			}
		}
	}
}

func parseInches(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v * 72
}
