package view

import (
	"context"
	"fmt"
	"regexp"

	"github.com/cjm-dev/cjm/pkg/graphviz"
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
			if right > 100+st.Width("Realise the promised value")+4 {
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

// A text node cut to its text's room at the page's edge still starts (or,
// right-aligned, ends) its lines where they were measured: Graphviz's
// estimate of them fits the node, in every script.
func TestTightTextStaysPut(t *testing.T) {
	lines := []string{
		"Realise the promised value and tell peers about it",
		"Менеджер по продажам отправляет КП ЖЩШ",
		"“This paid for itself in two quarters.” 48 000 тыс. ₽",
		"שיחת הדרכה עם נציג", "مساعدة في الشحن الدولي", "Ωμέγα αβγ", "出品フォーム 📝",
	}
	for _, st := range []Style{{Size: 10}, {Size: 20, Bold: true}, {Size: 8.5, Italic: true}} {
		d := &Doc{Prefix: "x", Left: 0, Right: 300}
		d.Node("origin", Point{}, A("shape", "point"), A("width", "0.01"), A("height", "0.01"))
		for i, l := range lines {
			d.TextAt(fmt.Sprintf("l%d", i), 300-st.Width(l)-1, float64(i)*30, []string{l}, st)
			d.TextRightAt(fmt.Sprintf("r%d", i), 300, float64(i)*30+15, []string{l}, st)
		}
		dot := d.Write(300, []Attr{A("pad", "0")}, NodeDefaults(), nil)
		svg, err := graphviz.Render(context.Background(), dot, Engine, "svg")
		if err != nil {
			t.Fatal(err)
		}
		// Graphviz shifts the drawing so that its leftmost node is at 0:
		// the shift is where the origin's point is drawn.
		xs := regexp.MustCompile(`<text text-anchor="(start|end)" x="([-0-9.]+)"`).FindAllSubmatch(svg, -1)
		o := regexp.MustCompile(`<ellipse [^>]*cx="([-0-9.]+)"`).FindSubmatch(svg)
		if len(xs) != 2*len(lines) || o == nil {
			t.Fatalf("%d texts, origin %q", len(xs), o)
		}
		shift, _ := strconv.ParseFloat(string(o[1]), 64)
		for i, m := range xs {
			x, _ := strconv.ParseFloat(string(m[2]), 64)
			l := lines[i/2]
			want := 300 - st.Width(l) - 1 + shift
			if string(m[1]) == "end" {
				want = 300 + shift
			}
			if math.Abs(x-want) > 1.5 {
				t.Errorf("%v %s %q drawn at %v, measured at %v", st, m[1], l, x, want)
			}
		}
	}
}
