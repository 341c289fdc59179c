package mapview

import (
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// evidenceMarks show the evidence levels as a scale of three dots, from
// fact (all full) to hypothesis (all empty): readable in grey, and both
// glyphs are in Liberation Sans.
var evidenceMarks = map[string]string{
	"observed": "●●●",
	"reported": "●●○",
	"inferred": "●○○",
	"assumed":  "○○○",
}

// Chip geometry.
const (
	chipBar    = 15.0 // the channel bar
	chipStripe = 5.0  // the owner stripe
	chipMark   = 18.0 // the column of the evidence mark and the star
	chipPadR   = 4.0
	chipPadV   = 3.0
)

var (
	chipChannelStyle = view.Style{Size: 8.5, Bold: true}
	chipMarkStyle    = view.Style{Size: 6.5}
	chipInterStyle   = view.Style{Size: 8.5, Color: palette.Text}
	chipOwnerStyle   = view.Style{Size: 8, Color: palette.TextMuted}
)

// touchpointLane shows a chip per touchpoint, stacked in its stage column.
type touchpointLane struct{}

type chip struct {
	t    *journey.Touchpoint
	html string
	h    float64
}

func (l *touchpointLane) draw(b *builder) {
	w := b.cw - 2*pad
	chips := make([][]chip, len(b.m.Stages))
	h := 0.0
	for i, s := range b.m.Stages {
		ch := 0.0
		for j, t := range s.Touchpoints {
			c := b.chip(t, w)
			chips[i] = append(chips[i], c)
			ch += c.h
			if j > 0 {
				ch += chipGap
			}
		}
		if ch > h {
			h = ch
		}
	}
	h = view.Ceil(h + 2*pad)
	b.laneHeader("lane.touchpoints", h)
	for i, s := range b.m.Stages {
		b.box(b.doc.ID("cell", "touchpoints", s.ID), b.colX(i), b.y, b.cw, h, "", palette.Rule, "")
		y := b.y + pad
		for _, c := range chips[i] {
			b.drawChip(c, b.colX(i)+pad, y, w)
			y += c.h + chipGap
		}
	}
	b.y += h
}

// chip lays out the card of a touchpoint: a bar in the channel's colour
// with the channel's name and the evidence mark, the reference and name,
// the interactions, and the owner's name beside a stripe in the owner's
// colour.
func (b *builder) chip(t *journey.Touchpoint, w float64) chip {
	inner := w - 2
	textW := inner - chipStripe - 5 - chipMark - chipPadR
	wideW := textW + chipMark

	chColor, chName := palette.Header, b.t("legend.no_channel")
	if c := b.ix.Channel(t.Channel); c != nil {
		chColor, chName = palette.Stable(c.ID, c.Color), c.Name
	} else if t.Channel != "" {
		chName = t.Channel
	}
	ink := palette.TextOn(chColor)
	chSt := chipChannelStyle
	chSt.Color = ink
	chLines := chSt.Wrap(chName, textW)
	if len(chLines) > 1 {
		chLines = []string{ellipsize(chSt, chName, textW)}
	}

	ownColor, ownName := "#FFFFFF", ""
	if o := b.ix.Owner(t.Owner); o != nil {
		ownColor, ownName = palette.Stable(o.ID, o.Color), o.Name
	} else if t.Owner != "" {
		ownName = t.Owner
	}

	ref := b.ref[t]
	refW := view.Ceil(refStyle.Width(ref)) + 4
	nameW := textW - refW
	nameLines := nameStyle.Wrap(t.Name, nameW)
	nameH := view.Ceil(nameStyle.Height(len(nameLines)))
	if nameH < 16 {
		nameH = 16 // room for the star
	}

	// Columns: owner stripe | gap | reference | name | mark | right pad.
	type row struct {
		h     float64
		cells []view.Cell
	}
	var body []row
	body = append(body, row{chipPadV, []view.Cell{{W: inner - chipStripe, H: chipPadV, ColSpan: 5}}})
	body = append(body, row{nameH, []view.Cell{
		{W: 5, H: nameH},
		{W: refW, H: nameH, Content: view.Style{Size: 8.5, Bold: true, Color: palette.TextMuted}.LeftLines([]string{ref})},
		{W: nameW, H: nameH, Content: nameStyle.LeftLines(nameLines)},
		{W: chipMark, H: nameH}, {W: chipPadR, H: nameH},
	}})
	for _, in := range t.Interactions {
		lines := chipInterStyle.Wrap("› "+in, wideW)
		h := view.Ceil(chipInterStyle.Height(len(lines)))
		body = append(body, row{h, []view.Cell{
			{W: 5, H: h}, {W: wideW, H: h, ColSpan: 3, Content: chipInterStyle.LeftLines(lines)}, {W: chipPadR, H: h},
		}})
	}
	if ownName != "" {
		lines := chipOwnerStyle.Wrap(ownName, wideW)
		h := view.Ceil(chipOwnerStyle.Height(len(lines))) + 2
		body = append(body, row{h, []view.Cell{
			{W: 5, H: h}, {W: wideW, H: h, ColSpan: 3, Content: chipOwnerStyle.LeftLines(lines), VAlign: "MIDDLE"}, {W: chipPadR, H: h},
		}})
	}
	body = append(body, row{chipPadV, []view.Cell{{W: inner - chipStripe, H: chipPadV, ColSpan: 5}}})

	bodyH := 0.0
	for _, r := range body {
		bodyH += r.h
	}
	h := chipBar + bodyH + 2
	tbl := view.Table{W: inner, H: h - 2, Attrs: `BGCOLOR="#FFFFFF"`}
	mark := ""
	if e, ok := evidenceMarks[t.Evidence]; ok {
		st := chipMarkStyle
		st.Color = ink
		mark = st.CenterLines([]string{e})
	}
	tbl.Row(
		view.Cell{W: chipStripe + 5, H: chipBar, ColSpan: 2, BG: chColor},
		view.Cell{W: textW, H: chipBar, ColSpan: 2, BG: chColor, Content: chSt.LeftLines(chLines), VAlign: "MIDDLE"},
		view.Cell{W: chipMark, H: chipBar, BG: chColor, Content: mark, Align: "CENTER"},
		view.Cell{W: chipPadR, H: chipBar, BG: chColor},
	)
	for i, r := range body {
		cells := r.cells
		if i == 0 {
			stripe := view.Cell{W: chipStripe, H: bodyH, RowSpan: len(body), BG: ownColor}
			cells = append([]view.Cell{stripe}, cells...)
		}
		tbl.Row(cells...)
	}
	return chip{t: t, html: tbl.HTML(), h: h}
}

func (b *builder) drawChip(c chip, x, y, w float64) {
	t := c.t
	border, pen := "#7D8694", "1"
	if t.IsMomentOfTruth() {
		border, pen = palette.Text, "2"
	}
	id := b.doc.ID("tp", t.ID)
	b.box(id, x, y, w, c.h, "#FFFFFF", border, c.html,
		view.A("penwidth", pen), view.A("tooltip", b.tooltip(t)))
	if t.IsMomentOfTruth() {
		b.star(id+"-mot", view.Point{X: x + w - 1 - chipPadR - chipMark/2, Y: y + 1 + chipBar + chipPadV + 8}, 14)
	}
}

// tooltip is the hover text of a touchpoint: what does not fit the chip.
func (b *builder) tooltip(t *journey.Touchpoint) string {
	parts := []string{b.ref[t] + " " + t.Name}
	if t.MomentOfTruth != nil {
		s := b.t("legend.moment_of_truth")
		if t.MomentOfTruth.Reason != "" {
			s += ": " + t.MomentOfTruth.Reason
		}
		parts = append(parts, s)
	}
	if t.Evidence != "" {
		s := b.t("legend.evidence") + ": " + b.t("evidence."+t.Evidence)
		if t.Source != "" {
			s += " (" + t.Source + ")"
		}
		parts = append(parts, s)
	}
	if t.Notes != "" {
		parts = append(parts, t.Notes)
	}
	return strings.Join(parts, "\n")
}

// ellipsize cuts s to fit width on one line, ending it with "…".
func ellipsize(st view.Style, s string, width float64) string {
	if st.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && st.Width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
