package mapview

import (
	"math"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Chip geometry.
const (
	chipBar   = 12.0 // the channel bar (its text sits at the card's top)
	chipInset = 7.0  // text from the card's left edge
	chipPadV  = 3.0
)

var (
	chipChannelStyle = view.Style{Size: 8.5, Bold: true}
	chipInterStyle   = view.Style{Size: 8.5, Color: palette.Text}
	chipOwnerStyle   = view.Style{Size: 8, Color: palette.TextMuted}
	// ownerMarkW is the room of the owner's coloured mark before its name.
	ownerMarkW = view.Ceil(chipOwnerStyle.Width(view.OwnerMark)) + 3
)

// touchpointLane shows a chip per touchpoint, stacked in its stage column.
type touchpointLane struct{}

// chip is a touchpoint's card, laid out: a bar in the channel's colour
// with the evidence dots and the channel's name, the reference and name,
// the interactions, and the owner's name after a square in the owner's
// colour.
type chip struct {
	t                   *journey.Touchpoint
	chColor, chInk      string
	chLines             []string
	ownColor            string
	name, inter, owner  []string
	nameH, interH, ownH float64
	h                   float64
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
		h = math.Max(h, ch)
	}
	h = view.Ceil(h + 2*pad)
	b.laneHeader("touchpoints", h)
	for i := range b.m.Stages {
		y := b.y + pad
		for _, c := range chips[i] {
			b.drawChip(c, b.colX(i)+pad, y, w)
			y += c.h + chipGap
		}
	}
	b.y += h
}

func (b *builder) chip(t *journey.Touchpoint, w float64) chip {
	textW := w - chipInset - 4
	bd := b.colors.Badge(b.ix, t, b.t("legend.no_channel"))
	c := chip{t: t, chColor: bd.ChannelColor, chInk: bd.ChannelInk, ownColor: bd.OwnerColor}
	c.chLines = []string{chipChannelStyle.Ellipsize(bd.ChannelName, w-2*chipInset-2)}
	nameW := textW
	if t.IsMomentOfTruth() {
		nameW -= 16 // room for the star
	}
	c.name = nameStyle.Wrap(b.ref[t]+"  "+t.Name, nameW)
	c.nameH = view.Ceil(nameStyle.Height(len(c.name)))
	for _, in := range t.Interactions {
		c.inter = append(c.inter, chipInterStyle.Wrap("› "+in, textW)...)
	}
	c.interH = view.Ceil(chipInterStyle.Height(len(c.inter)))
	if bd.Owner != "" {
		ow := textW
		if bd.OwnerColor != "" {
			ow -= ownerMarkW
		}
		c.owner = chipOwnerStyle.Wrap(bd.Owner, ow)
		c.ownH = view.Ceil(chipOwnerStyle.Height(len(c.owner))) + 2
	}
	c.h = chipBar + chipPadV + math.Max(c.nameH, 16) + c.interH + c.ownH + chipPadV + 1
	if c.interH > 0 {
		c.h += 2
	}
	return c
}

func (b *builder) drawChip(c chip, x, y, w float64) {
	t := c.t
	border, pen := "#7D8694", "1"
	if t.IsMomentOfTruth() {
		border, pen = palette.Text, "2"
	}
	id := b.doc.ID("tp", t.ID)
	// One node draws the card, its channel bar (a two-colour fill) and the
	// channel's name (its label, at its top): a big map has thousands of
	// chips, and Graphviz's cost is per element.
	chSt := chipChannelStyle
	chSt.Color = c.chInk
	frac := math.Round(chipBar/c.h*1000) / 1000
	b.doc.Node(id, view.Point{X: x + w/2, Y: y + c.h/2},
		append([]view.Attr{
			view.A("shape", "box"), view.A("style", "filled"),
			view.A("fillcolor", c.chColor+";"+view.Num(frac)+":#FFFFFF"), view.A("gradientangle", "270"),
			view.A("width", view.Inches(w)), view.A("height", view.Inches(c.h)),
			view.A("color", border), view.A("penwidth", pen),
			view.A("labelloc", "t"), view.A("margin", view.Inches(chipInset)+",0"),
			view.Text(c.chLines, false), view.A("tooltip", b.tooltip(t)),
		}, chSt.Font(palette.Text)...)...)
	tx := x + chipInset
	ty := y + chipBar + chipPadV
	b.doc.TextAt(id+"-name", tx, ty, c.name, nameStyle)
	if t.IsMomentOfTruth() {
		b.star(id+"-mot", view.Point{X: x + w - 11, Y: ty + 8}, 14)
	}
	b.addedMark(t, x, y, w, c.h)
	ty += math.Max(c.nameH, 16)
	if c.interH > 0 {
		ty += 2
		b.doc.TextAt(id+"-interactions", tx, ty, c.inter, chipInterStyle)
		ty += c.interH
	}
	if c.ownH > 0 {
		ox := tx
		if c.ownColor != "" {
			mst := chipOwnerStyle
			mst.Color = c.ownColor
			b.doc.TextAt(id+"-owner-mark", tx, ty+1, []string{view.OwnerMark}, mst)
			ox += ownerMarkW
		}
		b.doc.TextAt(id+"-owner", ox, ty+1, c.owner, chipOwnerStyle)
	}
}

// tooltip is the hover text of a touchpoint: what does not fit the chip.
func (b *builder) tooltip(t *journey.Touchpoint) string {
	parts := []string{b.ref[t] + " " + t.Name}
	if t.MomentOfTruth != nil {
		s := b.t("mot")
		if t.MomentOfTruth.Reason != "" {
			s += ": " + t.MomentOfTruth.Reason
		}
		parts = append(parts, s)
	}
	if t.Evidence != "" {
		s := b.t("evidence") + ": " + b.t("evidence."+t.Evidence)
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
