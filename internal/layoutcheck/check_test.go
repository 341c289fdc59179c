package layoutcheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/textmeasure"
)

// svg wraps node groups in a graph of 400×300 pt, as Graphviz writes it.
func svg(body string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="400pt" height="300pt" viewBox="0.00 0.00 400.00 300.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="m" class="graph" transform="scale(1 1) rotate(0) translate(0 300)">
<polygon fill="#ffffff" stroke="none" points="0,0 0,-300 400,-300 400,0 0,0"/>
` + body + `
</g>
</svg>`)
}

func text(id, anchor string, x, y, size float64, s string) string {
	return fmt.Sprintf(`<g id="%s" class="node"><text text-anchor="%s" x="%g" y="%g" font-family="Helvetica,Arial,sans-serif" font-size="%.2f" fill="#1a1a1a">%s</text></g>`+"\n", id, anchor, x, y, size, s)
}

func card(id string, x0, y0, x1, y1 float64, inner string) string {
	return fmt.Sprintf(`<g id="%s" class="node"><polygon fill="#ffffff" stroke="#7d8694" points="%g,%g %g,%g %g,%g %g,%g %g,%g"/>%s</g>`+"\n",
		id, x1, y0, x0, y0, x0, y1, x1, y1, x1, y0, inner)
}

// checks runs the checks on body, all but Margins: the tiny drawings
// leave most of their page empty (TestMargins checks that one).
func checks(t *testing.T, body string, opts Options) []Problem {
	t.Helper()
	ps, err := Check(svg(body), opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []Problem
	for _, p := range ps {
		if p.Check != Margins {
			out = append(out, p)
		}
	}
	return out
}

func only(t *testing.T, ps []Problem, check string, n int) {
	t.Helper()
	got := 0
	for _, p := range ps {
		if p.Check == check {
			got++
		} else {
			t.Errorf("unexpected %s", p)
		}
	}
	if got != n {
		t.Errorf("%d %s problems, want %d: %v", got, check, n, ps)
	}
}

func TestClean(t *testing.T) {
	body := card("m-tp-a", 10, -200, 200, -150, "") +
		text("m-tp-a-name", "start", 16, -185, 10, "Product demo") +
		text("m-tp-a-owner", "start", 16, -160, 8, "Sales")
	only(t, checks(t, body, Options{}), "", 0)
}

func TestOverlap(t *testing.T) {
	// Two labels on one baseline: the first is about 60 pt wide.
	w := textmeasure.Width("Product demo", 10, false)
	body := text("m-a", "start", 20, -100, 10, "Product demo") +
		text("m-b", "start", 20+w-5, -100, 10, "Sales call")
	ps := checks(t, body, Options{})
	only(t, ps, Overlap, 1)
	if len(ps) == 1 {
		p := ps[0]
		if p.IDs[0] != "m-a" || p.IDs[1] != "m-b" || p.Texts[0] != "Product demo" || p.Texts[1] != "Sales call" {
			t.Errorf("problem names %v %v", p.IDs, p.Texts)
		}
		if !strings.Contains(p.String(), "m-a «Product demo» × m-b «Sales call»") {
			t.Errorf("String() = %s", p)
		}
	}
	// Moved 2 pt right of the first one's end: no overlap.
	only(t, checks(t, text("m-a", "start", 20, -100, 10, "Product demo")+
		text("m-b", "start", 20+w+2, -100, 10, "Sales call"), Options{}), "", 0)
	// One line under the other at 1.2 line height: none; at 0.6: overlap.
	only(t, checks(t, text("m-a", "start", 20, -100, 10, "Product demo")+
		text("m-b", "start", 20, -88, 10, "Sales call"), Options{}), "", 0)
	only(t, checks(t, text("m-a", "start", 20, -100, 10, "Product demo")+
		text("m-b", "start", 20, -94, 10, "Sales call"), Options{}), Overlap, 1)
	// text-anchor end and middle place the box: end at x = right edge.
	only(t, checks(t, text("m-a", "end", 100, -100, 10, "Product demo")+
		text("m-b", "start", 98, -100, 10, "Sales"), Options{}), Overlap, 1)
	only(t, checks(t, text("m-a", "middle", 100, -100, 10, "Product demo")+
		text("m-b", "start", 100+w/2+1, -100, 10, "Sales"), Options{}), "", 0)
	only(t, checks(t, text("m-a", "middle", 100, -100, 10, "Product demo")+
		text("m-b", "start", 100+w/2-3, -100, 10, "Sales"), Options{}), Overlap, 1)
}

func TestOutside(t *testing.T) {
	w := textmeasure.Width("Переговоры о цене контракта", 10, true)
	inner := `<text text-anchor="start" x="16" y="-185" font-weight="bold" font-size="10.00">Переговоры о цене контракта</text>`
	// The card is 10 pt narrower than its own text.
	ps := checks(t, card("m-tp-a", 10, -200, 16+w-10, -150, inner), Options{})
	only(t, ps, Outside, 1)
	if len(ps) == 1 && (ps[0].IDs[0] != "m-tp-a" || ps[0].IDs[1] != "m-tp-a") {
		t.Errorf("ids %v", ps[0].IDs)
	}
	only(t, checks(t, card("m-tp-a", 10, -200, 16+w+4, -150, inner), Options{}), "", 0)
	// A separate name node belongs to the card its id extends.
	ps = checks(t, card("m-tp-a", 10, -200, 100, -150, "")+text("m-tp-a-name", "start", 16, -185, 10, "Переговоры о цене контракта"), Options{})
	only(t, ps, Outside, 1)
	if len(ps) == 1 && ps[0].IDs[1] != "m-tp-a" {
		t.Errorf("container %v, want m-tp-a", ps[0].IDs)
	}
	// Below the card's bottom edge.
	only(t, checks(t, card("m-tp-a", 10, -200, 200, -150, "")+text("m-tp-a-owner", "start", 16, -148, 8, "Sales"), Options{}), Outside, 1)
	// Out of the drawing.
	only(t, checks(t, text("m-title", "start", 380, -280, 20, "A long title"), Options{}), Outside, 1)
	// A grid cell: the row of its lane, the column of its stage.
	grid := card("m-lane-pains", 0, -200, 50, -150, "") +
		card("m-stage-after-sale", 50, -220, 150, -200, "") + card("m-stage-after", 150, -220, 250, -200, "")
	only(t, checks(t, grid+text("m-cell-pains-after-sale", "start", 55, -180, 9, "Slow"), Options{}), "", 0)
	ps = checks(t, grid+text("m-cell-pains-after-sale-bullets", "start", 140, -180, 9, "Slow support"), Options{})
	only(t, ps, Outside, 1)
	if len(ps) == 1 && ps[0].IDs[1] != "m-cell-pains-after-sale" {
		t.Errorf("cell %v, want m-cell-pains-after-sale", ps[0].IDs)
	}
	only(t, checks(t, grid+text("m-cell-pains-after-sale", "start", 55, -145, 9, "Slow"), Options{}), Outside, 1)
}

func TestEllipsis(t *testing.T) {
	ps := checks(t, text("m-a", "start", 20, -100, 10, "Менеджер по продаж…"), Options{})
	only(t, ps, Ellipsis, 1)
	only(t, checks(t, text("m-a", "start", 20, -100, 10, "…и ещё"), Options{}), Ellipsis, 1)
	// A range between two numbers is not a truncation.
	only(t, checks(t, text("m-a", "start", 20, -100, 10, "−1…+1"), Options{}), "", 0)
}

func TestSmallFont(t *testing.T) {
	body := text("m-a", "start", 20, -100, 6.5, "●●○") + text("m-b", "start", 20, -50, 9, "Sales")
	ps := checks(t, body, Options{})
	only(t, ps, SmallFont, 1)
	if len(ps) == 1 && ps[0].IDs[0] != "m-a" {
		t.Errorf("ids %v", ps[0].IDs)
	}
	// Printed at half size, the 9 pt text is 4.5 pt too.
	only(t, checks(t, body, Options{Scale: 0.5}), SmallFont, 2)
	only(t, checks(t, body, Options{Scale: 1.2}), "", 0)
	only(t, checks(t, body, Options{MinFontPt: 10}), SmallFont, 2)
}

func TestPageScale(t *testing.T) {
	a3, err := raster.ParsePage("a3-landscape")
	if err != nil {
		t.Fatal(err)
	}
	// 400×300 pt fits A3 landscape (400×277 mm usable) at full size.
	s, err := PageScale(svg(text("m-a", "start", 20, -100, 9, "Sales")), a3)
	if err != nil || s != 1 {
		t.Errorf("scale %g, %v; want 1", s, err)
	}
}

func TestLegendColours(t *testing.T) {
	row := 0.0
	mark := func(id, fill string) string {
		// One row each (TestLegendRows checks rows).
		row -= 12
		return fmt.Sprintf(`<g id="m-legend-%s-mark" class="node"><polygon fill="%s" stroke="#000" points="0,%g 0,%g 9,%g 9,%g 0,%g"/></g>`+"\n", id, fill, row, row-9, row-9, row, row)
	}
	// The three olives of the ABM example before the palette fix.
	body := mark("owner-a", "#707a1f") + mark("owner-b", "#7a7041") + mark("channel-c", "#006CD1") + mark("persona-d", "#7a7a29")
	ps := checks(t, body, Options{})
	only(t, ps, LegendColour, 3)
	for _, p := range ps {
		if strings.Contains(strings.Join(p.IDs, " "), "channel-c") {
			t.Errorf("the blue is far from the olives: %s", p)
		}
	}
	// Not swatches: the evidence legend's marks, whatever their colour.
	only(t, checks(t, mark("evidence-a", "#707a1f")+mark("evidence-b", "#707a1f"), Options{}), "", 0)
	only(t, checks(t, mark("channel-a", "#EE6677")+mark("channel-b", "#009988")+mark("owner-c", "#006CD1"), Options{}), "", 0)
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{"", "<svg>", "<svg><g class=\"graph\" id=\"m\"><text>x", "not xml <<<"} {
		if _, err := Check([]byte(s), Options{}); err == nil {
			t.Errorf("Check(%q): no error", s)
		}
	}
}

func TestPrintPage(t *testing.T) {
	for _, tt := range []struct{ file, view, want string }{
		{"examples/b2b-funnel-ru.yaml", "map", "a3-landscape"},
		{"examples/b2b-funnel-ru.yaml", "flow", "a3-landscape"},
		{"examples/b2b-funnel-ru.yaml", "kpi", "auto"},
		{"testdata/stress/12-stages.yaml", "map", "a3-landscape"},
		{"testdata/stress/12-stages.yaml", "flow", "auto"},
	} {
		if got := PrintPage(tt.file, tt.view); got != tt.want {
			t.Errorf("PrintPage(%s, %s) = %s, want %s", tt.file, tt.view, got, tt.want)
		}
		if _, err := raster.ParsePage(PrintPage(tt.file, tt.view)); err != nil {
			t.Error(err)
		}
	}
	if got := CorpusName("../../testdata/stress/12-stages.yaml"); got != "stress/12-stages" {
		t.Errorf("CorpusName = %s", got)
	}
}

func TestStruck(t *testing.T) {
	line := func(id, d string) string {
		return fmt.Sprintf(`<g id="%s" class="edge"><path fill="none" stroke="#b8bec8" d="%s"/></g>`+"\n", id, d)
	}
	label := text("m-stepback-a-b-label", "start", 100, -100, 9, "Evaluation → Research")
	// A vertical grid line through the middle of a label, drawn first.
	ps := checks(t, line("m-grid-v-1", "M130,-300C130,-200 130,-100 130,0")+label, Options{})
	only(t, ps, Struck, 1)
	if len(ps) == 1 && (ps[0].IDs[0] != "m-stepback-a-b-label" || ps[0].IDs[1] != "m-grid-v-1") {
		t.Errorf("ids %v", ps[0].IDs)
	}
	// A diagonal through it; one that passes 3 pt above it does not count.
	only(t, checks(t, line("m-curve", "M90,-90 200,-110")+label, Options{}), Struck, 1)
	only(t, checks(t, line("m-curve", "M90,-111 300,-111")+label, Options{}), "", 0)
	// Under a white card drawn after it, the line is hidden.
	card := card("m-tp-a", 90, -120, 260, -80, "") + text("m-tp-a-name", "start", 100, -100, 9, "Evaluation → Research")
	only(t, checks(t, line("m-grid-v-1", "M130,-300 130,0")+card, Options{}), "", 0)
	// Drawn after the card, it shows.
	only(t, checks(t, card+line("m-grid-v-1", "M130,-300 130,0"), Options{}), Struck, 1)
	// A stroke of none or white draws nothing.
	only(t, checks(t, `<g id="m-e" class="edge"><path fill="none" stroke="none" d="M130,-300 130,0"/></g>`+label, Options{}), "", 0)
	// A halo: the text's own node holds an opaque white box under it
	// (an emotion chart's touchpoint number on a grid line), or a sibling
	// does (a steps-back tag under its label).
	grid := line("m-emotion-grid-2", "M90,-104 300,-104")
	halo := func(id, fill string) string {
		return fmt.Sprintf(`<g id="%s" class="node"><polygon %s stroke="transparent" points="130,-110 95,-110 95,-96 130,-96 130,-110"/>`, id, fill)
	}
	ref := `<text text-anchor="start" x="100" y="-100" font-family="Helvetica" font-size="7.50" fill="#5a5a5a">1.2</text></g>` + "\n"
	only(t, checks(t, grid+halo("m-emotion-ref-a", `fill="#ffffff"`)+ref, Options{}), "", 0)
	only(t, checks(t, grid+halo("m-stepback-a-b-tag", `fill="#ffffff"`)+"</g>\n"+text("m-stepback-a-b-label", "start", 100, -100, 7.5, "1.2"), Options{}), "", 0)
	// Not a halo: a box that lets the line show through, a coloured one,
	// or another node's (a cell drawn after the lines by chance).
	only(t, checks(t, grid+halo("m-emotion-ref-a", `fill="#ffffff" fill-opacity="0.5"`)+ref, Options{}), Struck, 1)
	only(t, checks(t, grid+halo("m-emotion-ref-a", `fill="#fbe3d3"`)+ref, Options{}), Struck, 1)
	only(t, checks(t, grid+halo("m-cell-x-y", `fill="#ffffff"`)+"</g>\n"+text("m-emotion-ref-a", "start", 100, -100, 7.5, "1.2"), Options{}), Struck, 1)
}

func TestHiddenMarkers(t *testing.T) {
	marker := func(id string, cx float64) string {
		return fmt.Sprintf(`<g id="m-emotion-%s" class="node"><ellipse fill="#0072b2" stroke="#000" cx="%g" cy="-100" rx="4.68" ry="4.68"/></g>`+"\n", id, cx)
	}
	// Two personas on one value at one touchpoint, drawn on each other.
	ps := checks(t, marker("cfo-tp-demo", 100)+marker("cio-tp-demo", 100), Options{})
	only(t, ps, Hidden, 1)
	if len(ps) == 1 && (ps[0].IDs[0] != "m-emotion-cfo-tp-demo" || ps[0].IDs[1] != "m-emotion-cio-tp-demo") {
		t.Errorf("ids %v", ps[0].IDs)
	}
	// Offset by 3 pt, as the map view draws them: a third stays visible.
	only(t, checks(t, marker("cfo-tp-demo", 100)+marker("cio-tp-demo", 103)+marker("ops-tp-demo", 106), Options{}), "", 0)
	// Covered from both sides by the ones drawn after it.
	only(t, checks(t, marker("cfo-tp-demo", 100)+marker("cio-tp-demo", 98)+marker("ops-tp-demo", 102), Options{}), Hidden, 1)
	// Stage markers count; the axis labels and other nodes do not.
	only(t, checks(t, marker("cfo-stage-s", 100)+marker("cio-stage-s", 100.5), Options{}), Hidden, 1)
	only(t, checks(t, marker("axis-1", 100)+marker("axis-2", 100), Options{}), "", 0)
}

func TestMargins(t *testing.T) {
	margins := func(body string) []Problem {
		t.Helper()
		ps, err := Check(svg(body), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var out []Problem
		for _, p := range ps {
			if p.Check == Margins {
				out = append(out, p)
			}
		}
		return out
	}
	// The 400 pt page: a card from 20 to 380 has even margins; one to 330
	// leaves 70 pt on the right against 20 on the left.
	if ps := margins(card("m-tp-a", 20, -200, 380, -150, "")); len(ps) != 0 {
		t.Errorf("even margins: %v", ps)
	}
	ps := margins(card("m-tp-a", 20, -200, 330, -150, ""))
	if len(ps) != 1 || ps[0].IDs[0] != "m" || !strings.Contains(ps[0].Detail, "left margin 20 pt, right margin 70 pt") {
		t.Errorf("uneven margins: %v", ps)
	}
	// An invisible shape (no stroke, white or no fill) draws nothing.
	invisible := `<g id="m-pad" class="node"><polygon fill="none" stroke="none" points="20,0 20,-9 380,-9 380,0 20,0"/></g>`
	if ps := margins(card("m-tp-a", 20, -200, 330, -150, "") + invisible); len(ps) != 1 {
		t.Errorf("an invisible shape counted: %v", ps)
	}
	// A text counts with its measured width.
	if ps := margins(card("m-tp-a", 20, -200, 330, -150, "") + text("m-note", "end", 380, -100, 9, "Note")); len(ps) != 0 {
		t.Errorf("the text was not counted: %v", ps)
	}
}

// grid is a map view's header: the corner and n stage headers of 100 pt,
// with phase bands over the stages listed.
func grid(n int, phases ...int) string {
	s := card("m-header-corner", 0, -250, 50, -230, "")
	for i := 0; i < n; i++ {
		x := 50 + 100*float64(i)
		s += card(fmt.Sprintf("m-stage-s%d", i), x, -250, x+100, -230, "")
		s += text(fmt.Sprintf("m-stage-s%d-name", i), "start", x+5, -235, 9, "Stage")
	}
	for _, i := range phases {
		x := 50 + 100*float64(i)
		s += card(fmt.Sprintf("m-phase-s%d", i), x, -270, x+100, -250, "")
	}
	return s
}

func TestPhaseBand(t *testing.T) {
	only(t, checks(t, grid(3), Options{}), "", 0)
	only(t, checks(t, grid(3, 0, 1, 2), Options{}), "", 0)
	ps := checks(t, grid(3, 0, 2), Options{})
	only(t, ps, PhaseBand, 1)
	if len(ps) == 1 && ps[0].IDs[0] != "m stage 2" {
		t.Errorf("ids %v", ps[0].IDs)
	}
	// Without the header corner it is not a map view: nothing to check.
	only(t, checks(t, card("m-stage-s0", 50, -250, 150, -230, "")+card("m-stage-s1", 150, -250, 250, -230, "")+card("m-phase-s0", 50, -270, 150, -250, ""), Options{}), "", 0)
}

func TestBanner(t *testing.T) {
	title := func(n int, size float64) string {
		s := `<g id="m-title" class="node">`
		for i := 0; i < n; i++ {
			s += fmt.Sprintf(`<text text-anchor="start" x="0" y="%d" font-weight="bold" font-size="%.2f">T</text>`, -290+9*i, size)
		}
		return s + "</g>\n"
	}
	// Lines of 20 pt 9 pt apart overlap: only the banner check is looked at.
	banners := func(ps []Problem) (out []Problem) {
		for _, p := range ps {
			if p.Check == Banner {
				out = append(out, p)
			}
		}
		return out
	}
	only(t, banners(checks(t, grid(2)+title(3, 20), Options{})), "", 0)
	only(t, banners(checks(t, grid(2)+title(4, 20), Options{})), Banner, 1)
	// At the floor size a title keeps all its lines.
	only(t, banners(checks(t, grid(2)+title(4, 16), Options{})), "", 0)
	// The grid ends at x 250: a chip to 240 fits, one to 300 does not; its
	// parts (-name) are not chips.
	chip := func(x1 float64) string {
		return card("m-persona-cfo", 0, -228, x1, -210, "") + text("m-persona-cfo-name", "start", 10, -215, 9, "CFO")
	}
	only(t, checks(t, grid(2)+chip(240), Options{}), "", 0)
	ps := checks(t, grid(2)+chip(300), Options{})
	only(t, ps, Banner, 1)
	if len(ps) == 1 && ps[0].IDs[0] != "m-persona-cfo" {
		t.Errorf("ids %v", ps[0].IDs)
	}
}

func TestLaneAlign(t *testing.T) {
	lane := func(labelY float64) string {
		return card("m-lane-pains", 0, -200, 50, -150, "") +
			text("m-lane-pains", "start", 5, labelY, 10, "Pains") +
			card("m-stage-s", 50, -220, 150, -200, "") +
			text("m-cell-pains-s-bullets", "start", 55, -186, 10, "•") +
			text("m-cell-pains-s", "start", 62, -186, 10, "Slow reply") +
			text("m-cell-pains-s", "start", 62, -174, 10, "from sales")
	}
	only(t, checks(t, lane(-186), Options{}), "", 0)
	only(t, checks(t, lane(-187), Options{}), "", 0)
	// Half a line above, as the map view drew it.
	ps := checks(t, lane(-192), Options{})
	only(t, ps, LaneAlign, 1)
	if len(ps) == 1 && (ps[0].IDs[0] != "m-lane-pains" || !strings.Contains(ps[0].Detail, "6.0 pt above")) {
		t.Errorf("%s", ps[0])
	}
	only(t, checks(t, lane(-180), Options{}), LaneAlign, 1)
}

func TestRTLAlign(t *testing.T) {
	in := func(anchor, s string) string {
		return card("m-tp-a", 10, -200, 300, -150, "") + text("m-tp-a-name", anchor, map[string]float64{"start": 16, "end": 294}[anchor], -185, 10, s)
	}
	only(t, checks(t, in("start", "שיחת הדרכה עם נציג"), Options{}), RTLAlign, 1)
	only(t, checks(t, in("start", "2.2 مساعدة في الشحن"), Options{}), RTLAlign, 1)
	only(t, checks(t, in("end", "שיחת הדרכה עם נציג"), Options{}), "", 0)
	// Latin first, or a left-to-right label quoting Hebrew: left-aligned.
	only(t, checks(t, in("start", "Call שיחה"), Options{}), "", 0)
	only(t, checks(t, in("start", "3.1 Onboarding"), Options{}), "", 0)
	// Free text (a legend entry) is not a paragraph in a cell.
	only(t, checks(t, text("m-legend-owner-ops", "start", 16, -185, 10, "תפעול"), Options{}), "", 0)
}

func TestLegendGap(t *testing.T) {
	shape := func(id, fill string) string {
		return fmt.Sprintf(`<g id="m-%s" class="node"><ellipse fill="%s" stroke="#000" cx="%d" cy="-100" rx="4" ry="4"/></g>`+"\n", id, fill, 20+10*len(id))
	}
	legend := shape("legend-delight-mark", "#0072b2") + shape("legend-pain-mark", "#D55E00")
	markers := shape("emotion-cfo-tp-a", "#0072b2") + shape("emotion-cfo-tp-bb", "#d55e00")
	only(t, checks(t, legend+markers, Options{}), "", 0)
	// A neutral grey marker, twice: one problem for the colour.
	grey := shape("emotion-cfo-tp-ccc", "#8c8c8c") + shape("emotion-cio-tp-dddd", "#8c8c8c")
	ps := checks(t, legend+markers+grey, Options{})
	only(t, ps, LegendGap, 1)
	if len(ps) == 1 && (ps[0].IDs[0] != "m-emotion-cfo-tp-ccc" || ps[0].Texts[0] != "#8c8c8c") {
		t.Errorf("%s", ps[0])
	}
	// No legend at all: nothing to compare with.
	only(t, checks(t, markers+grey, Options{}), "", 0)
}

func TestMarkOverlap(t *testing.T) {
	star := func(x float64) string {
		return fmt.Sprintf(`<g id="m-tp-a-mot" class="node"><polygon fill="#f2b01e" stroke="#1a1a1a" points="%g,-190 %g,-180 %g,-180 %g,-190"/></g>`+"\n", x, x, x+10, x+10)
	}
	name := text("m-tp-a-name", "start", 16, -182, 10, "Contract negotiation")
	body := card("m-tp-a", 10, -200, 200, -150, "") + name
	w := textmeasure.Width("Contract negotiation", 10, false)
	// The ★ in the card's corner, clear of the name; over its end.
	only(t, checks(t, body+star(16+w+4), Options{}), "", 0)
	ps := checks(t, body+star(16+w-6), Options{})
	only(t, ps, Overlap, 1)
	if len(ps) == 1 && (ps[0].IDs[0] != "m-tp-a-name" || ps[0].IDs[1] != "m-tp-a-mot") {
		t.Errorf("ids %v", ps[0].IDs)
	}
	// A card is no mark: its own texts lie on it.
	only(t, checks(t, card("m-tp-b", 10, -120, 30, -100, "")+text("m-tp-b-name", "start", 12, -105, 9, "ab"), Options{}), "", 0)
}

func TestStruckStar(t *testing.T) {
	star := `<g id="m-tp-a-mot" class="node"><polygon fill="#f2b01e" stroke="#1a1a1a" points="190,-210 190,-192 208,-192 208,-210"/></g>` + "\n"
	edge := func(d string) string {
		return `<g id="m-next-a-b" class="edge"><path fill="none" stroke="#555" d="` + d + `"/></g>` + "\n"
	}
	// An edge leaving the card's corner through the ★, and one leaving
	// from its side below it.
	ps := checks(t, star+edge("M195,-200C220,-205 240,-205 260,-205"), Options{})
	only(t, ps, Struck, 1)
	if len(ps) == 1 && (ps[0].IDs[0] != "m-tp-a-mot" || ps[0].IDs[1] != "m-next-a-b") {
		t.Errorf("ids %v", ps[0].IDs)
	}
	only(t, checks(t, star+edge("M200,-170C220,-170 240,-170 260,-170"), Options{}), "", 0)
}

func TestLegendRows(t *testing.T) {
	n := 0
	mark := func(id string, x, y float64) string {
		n++ // a colour of its own: the palette's first ones are far apart
		return fmt.Sprintf(`<g id="m-legend-%s-mark" class="node"><polygon fill="%s" stroke="#000" points="%g,%g %g,%g %g,%g %g,%g"/></g>`+"\n", id, palette.Set[n], x, y, x, y-9, x+9, y-9, x+9, y)
	}
	channels := mark("channel-web", 100, -40) + mark("channel-call", 150, -40)
	// The owners on a row of their own; then run on in the channels' row.
	only(t, checks(t, channels+mark("owner-sales", 100, -25), Options{}), "", 0)
	ps := checks(t, channels+mark("owner-sales", 200, -40)+mark("owner-legal", 250, -40), Options{})
	only(t, ps, LegendRows, 1)
	if len(ps) == 1 && (ps[0].IDs[0] != "m-legend-channel-web-mark" || ps[0].IDs[1] != "m-legend-owner-sales-mark") {
		t.Errorf("ids %v", ps[0].IDs)
	}
}

// A marker's label lies beside its marker, not in it: its container is
// the emotion lane's row.
func TestMarkerLabel(t *testing.T) {
	body := card("m-header-corner", 0, -250, 50, -230, "") + card("m-stage-s", 50, -250, 250, -230, "") +
		card("m-lane-emotions", 0, -230, 50, -130, "") +
		`<g id="m-emotion-cfo-tp-a" class="node"><ellipse fill="#0072b2" stroke="#000" cx="100" cy="-180" rx="4.68" ry="4.68"/></g>` + "\n" +
		text("m-emotion-cfo-tp-a-label", "start", 107, -177, 8, "1.1")
	only(t, checks(t, body, Options{}), "", 0)
	if id, _ := mustParse(t, body).Container("m-emotion-cfo-tp-a-label"); id != "m-lane-emotions (row)" {
		t.Errorf("container %q", id)
	}
	// Below the chart's row, it is out of it.
	only(t, checks(t, body+text("m-emotion-cfo-tp-b-label", "start", 107, -127, 8, "1.2"), Options{}), Outside, 1)
}

func mustParse(t *testing.T, body string) *Drawing {
	t.Helper()
	d, err := Parse(svg(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
