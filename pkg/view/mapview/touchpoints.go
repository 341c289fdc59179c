package mapview

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Card geometry.
const (
	chipStripe = 4.0 // the channel's colour along the card's top
	chipInset  = 7.0 // text from the card's left edge
	chipPadV   = 3.0
	// maxCardRows is the most cards stacked in one column, unless the
	// map's stages usually have more (see cardRows): a stage with more is
	// widened to sub-columns of cards of the usual width.
	maxCardRows = 6
	// personaMarkSize is the size of a persona's mark on a card, and
	// personaMarkGap the room between two.
	personaMarkSize = 7.0
	personaMarkGap  = 3.0
)

var (
	// The channel's name is a caption in the text colour under the
	// stripe: the pains and opportunities, not the channel bars, should
	// draw the eye first.
	chipChannelStyle = view.Style{Size: 8, Color: palette.TextMuted}
	chipInterStyle   = view.Style{Size: 8.5, Color: palette.Text}
	chipOwnerStyle   = view.Style{Size: 8, Color: palette.TextMuted}
	// noteMarkStyle is the footnote number after a card's name.
	noteMarkStyle = view.Style{Size: 8, Bold: true, Color: palette.Text}
	// ownerMarkW is the room of the owner's coloured mark before its name.
	ownerMarkW = view.Ceil(chipOwnerStyle.Width(view.OwnerMark)) + 3
)

// Card frames: a thin grey one, and for a moment of truth a thicker one
// in dark amber (with the ★; the star carries the meaning in grey).
const (
	cardBorder    = "#8A94A0"
	cardPen       = "0.75"
	motBorder     = view.MomentBorder
	motPen        = view.MomentPen
	noteMarkSpace = 2.0 // between a card's name and its footnote number
)

// cardRows returns the most cards a stage of m stacks in one column: the
// larger of maxCardRows and the median number of touchpoints of a stage,
// so that only a stage more crowded than the map's usual one is widened
// (a map of twelve stages of eight cards keeps one column each).
func cardRows(m *journey.Map) int {
	counts := make([]int, len(m.Stages))
	for i, s := range m.Stages {
		counts[i] = len(s.Touchpoints)
	}
	if len(counts) == 0 {
		return maxCardRows
	}
	slices.Sort(counts)
	return max(maxCardRows, counts[len(counts)/2])
}

// cardColumns returns how many sub-columns of cards a stage with n
// touchpoints has: one up to b.cardRows cards, else as many as keep each
// at most that tall. The stage's column is that many columns wide, so its
// cards keep their width and text, the lane stays about as tall as the
// other stages', and the emotion chart spreads the stage's points over
// the width instead of crowding them into one column.
func (b *builder) cardColumns(n int) int {
	if n <= b.cardRows {
		return 1
	}
	return (n + b.cardRows - 1) / b.cardRows
}

// cardSlot returns where the i-th of n cards sits: its sub-column, its row
// in it, and how many cards that sub-column holds. Cards fill the
// sub-columns top to bottom, then left to right (source order reads down
// each one, as in a newspaper), so the emotion chart's points, spread
// over each sub-column in turn, stay in journey order.
func (b *builder) cardSlot(n, i int) (col, row, rows int) {
	k := b.cardColumns(n)
	per := (n + k - 1) / k
	col, row = i/per, i%per
	rows = per
	if rest := n - col*per; rest < rows {
		rows = rest
	}
	return col, row, rows
}

// placeColumns sets the stage columns' left edges (a crowded stage is
// wider, see cardColumns), the page width and each touchpoint's x in the
// emotion chart (tpX): the middle of its share of its card's sub-column,
// so a point stands under its card's column. Every x of a stage column
// comes from here.
func (b *builder) placeColumns() {
	n := len(b.m.Stages)
	b.cardRows = cardRows(b.m)
	b.colLeft = make([]float64, n+1)
	x := laneWidth
	for si, s := range b.m.Stages {
		b.colLeft[si] = x
		x += float64(b.cardColumns(len(s.Touchpoints))) * b.cw
	}
	b.colLeft[n] = x
	b.width = x
	for si, s := range b.m.Stages {
		k := len(s.Touchpoints)
		for ti, t := range s.Touchpoints {
			b.ref[t] = journey.Ref(si, ti)
			c, r, rows := b.cardSlot(k, ti)
			b.tpX[t] = b.colX(si) + float64(c)*b.cw + (float64(r)+0.5)*b.cw/float64(rows)
		}
	}
}

// colW returns the width of stage column i.
func (b *builder) colW(i int) float64 { return b.colLeft[i+1] - b.colLeft[i] }

// touchpointLane shows a card per touchpoint, stacked in its stage column
// (in sub-columns for a crowded stage).
type touchpointLane struct{}

// chip is a touchpoint's card, laid out: a stripe in the channel's colour,
// the evidence dots and the channel's name, the reference and name (with
// its footnote number), the interactions, and the owner's name after a
// square in the owner's colour, with the marks of the personas that meet
// it when not all do.
type chip struct {
	t                   *journey.Touchpoint
	chColor             string
	chLines             []string
	chH                 float64
	ownColor            string
	name, inter, owner  []string
	nameH, interH, ownH float64
	// chW, nameW, textW and ownW are the widths the channel's name, the
	// touchpoint's name, the interactions and the owner's name wrap to:
	// a right-to-left text is right-aligned at their right edge.
	chW, nameW, textW, ownW float64
	note                    string // the footnote number, "" for none
	personas                []int  // the indices of the personas marked
	// marksH is the height of the rows of persona marks above the
	// channel's name (0: the marks end its first line), marksPerRow
	// the marks in one.
	marksH      float64
	marksPerRow int
	h           float64
}

func (l *touchpointLane) draw(b *builder) {
	w := b.cw - 2*pad
	chips := make([][]chip, len(b.m.Stages))
	// Cards stand in rows across the stages: row r starts at the same y
	// in every stage column, as high as its tallest card. The lane then
	// has a gap across the whole grid between any two rows, where a page
	// of a print may cut it (pkg/raster cuts a lane taller than a page
	// only where nothing crosses: with ragged columns the 12-stage stress
	// map had two such gaps and printed under 7 pt on A3).
	var rowH []float64
	for i, s := range b.m.Stages {
		n := len(s.Touchpoints)
		for j, t := range s.Touchpoints {
			c := b.chip(t, w)
			chips[i] = append(chips[i], c)
			_, row, _ := b.cardSlot(n, j)
			for len(rowH) <= row {
				rowH = append(rowH, 0)
			}
			rowH[row] = math.Max(rowH[row], c.h)
		}
	}
	rowY := make([]float64, len(rowH))
	h := 0.0
	for r, rh := range rowH {
		if r > 0 {
			h += chipGap
		}
		rowY[r] = h
		h += rh
	}
	h = view.Ceil(h + 2*pad)
	b.laneHeader("touchpoints", h)
	for i, s := range b.m.Stages {
		n := len(s.Touchpoints)
		for j, c := range chips[i] {
			col, row, _ := b.cardSlot(n, j)
			b.drawChip(c, b.colX(i)+float64(col)*b.cw+pad, b.y+pad+rowY[row], w)
		}
	}
	b.y += h
}

func (b *builder) chip(t *journey.Touchpoint, w float64) chip {
	textW := w - chipInset - 4
	bd := b.colors.Badge(b.ix, t, b.t("legend.no_channel"))
	c := chip{t: t, chColor: bd.ChannelColor, ownColor: bd.OwnerColor, note: b.noteNumber(t), personas: b.personaMarks(t)}
	// The channel's name wraps (never "…"): the card grows a line. The
	// personas' marks sit at the right of its first line, or in rows of
	// their own above it when they would take more than half of it.
	full := w - 2*chipInset
	chW := full
	if n := len(c.personas); n > 0 {
		if mw := personaMarksWidth(n) + 4; mw <= full/2 {
			chW -= mw
		} else {
			c.marksPerRow = max(1, int((full+2+personaMarkGap)/(personaMarkSize+personaMarkGap)))
			rows := (n + c.marksPerRow - 1) / c.marksPerRow
			c.marksH = float64(rows) * (personaMarkSize + personaMarkGap)
		}
	}
	c.chLines = chipChannelStyle.Wrap(bd.ChannelName, chW)
	c.chW, c.textW = chW, textW
	c.chH = view.Ceil(chipChannelStyle.Height(len(c.chLines)) + c.marksH)
	nameW := textW
	if t.IsMomentOfTruth() {
		nameW -= 16 // room for the star
	}
	if c.note != "" {
		nameW -= noteMarkSpace + view.Ceil(noteMarkStyle.Width(c.note))
	}
	c.name = nameStyle.Wrap(b.ref[t]+"  "+t.Name, nameW)
	c.nameW = nameW
	c.nameH = view.Ceil(nameStyle.Height(len(c.name)))
	for _, in := range t.Interactions {
		c.inter = append(c.inter, chipInterStyle.Wrap("› "+in, textW)...)
	}
	c.interH = view.Ceil(chipInterStyle.Height(len(c.inter)))
	marksW := 0.0
	if b.baseline != nil && b.baseline.added[t] {
		marksW = b.addedMarkWidth()
	}
	if bd.Owner != "" {
		ow := textW
		if bd.OwnerColor != "" {
			ow -= ownerMarkW
		}
		if marksW > 0 {
			ow -= marksW + 4
		}
		c.owner = chipOwnerStyle.Wrap(bd.Owner, ow)
		c.ownW = ow
		c.ownH = view.Ceil(chipOwnerStyle.Height(len(c.owner))) + 2
	}
	c.h = chipStripe + 2 + c.chH + 1 + math.Max(c.nameH, 16) + c.interH + c.ownH + chipPadV + 1
	if c.interH > 0 {
		c.h += 2
	}
	return c
}

func (b *builder) drawChip(c chip, x, y, w float64) {
	t := c.t
	border, pen := cardBorder, cardPen
	if t.IsMomentOfTruth() {
		border, pen = motBorder, motPen
	}
	id := b.doc.ID("tp", t.ID)
	// One node draws the card and its channel stripe (a two-colour fill:
	// a big map has thousands of cards, and Graphviz's cost is per
	// element). The channel's name is a node of its own: a label at the
	// card's top would sit on the stripe, as Graphviz puts the first line
	// of a top label a font size under the top whatever the margin.
	frac := math.Round(chipStripe/c.h*1000) / 1000
	b.doc.Node(id, view.Point{X: x + w/2, Y: y + c.h/2},
		view.A("shape", "box"), view.A("style", "filled"),
		view.A("fillcolor", c.chColor+";"+view.Num(frac)+":#FFFFFF"), view.A("gradientangle", "270"),
		view.A("width", view.Inches(w)), view.A("height", view.Inches(c.h)),
		view.A("color", border), view.A("penwidth", pen),
		view.NoLabel, view.A("tooltip", b.tooltip(t)))
	tx := x + chipInset
	// A right-to-left name (view.IsRTL) is right-aligned in the room it
	// wraps to (TextIn), the owner's mark then at its right.
	b.doc.TextIn(id+"-channel", tx, y+chipStripe+2+c.marksH, c.chW, c.chLines, chipChannelStyle)
	b.drawPersonaMarks(id, c, x+w, y+chipStripe+2)
	ty := y + chipStripe + 2 + c.chH + 1
	b.doc.TextIn(id+"-name", tx, ty, c.nameW, c.name, nameStyle)
	if c.note != "" {
		last := c.name[len(c.name)-1]
		nx := tx + view.Ceil(nameStyle.Width(last)) + noteMarkSpace
		if view.IsRTL(strings.Join(c.name, " ")) {
			nx = tx + c.nameW - view.Ceil(nameStyle.Width(last)) - noteMarkSpace - view.Ceil(noteMarkStyle.Width(c.note))
		}
		ny := ty + nameStyle.Height(len(c.name)-1) - 2
		b.doc.TextAt(id+"-note", nx, ny, []string{c.note}, noteMarkStyle, view.A("tooltip", b.footnoteText(t)))
	}
	if t.IsMomentOfTruth() {
		b.star(id+"-mot", view.Point{X: x + w - 11, Y: ty + 8}, 14)
	}
	b.addedMark(t, x, y, w, c.h)
	ty += math.Max(c.nameH, 16)
	if c.interH > 0 {
		ty += 2
		b.doc.TextIn(id+"-interactions", tx, ty, c.textW, c.inter, chipInterStyle)
		ty += c.interH
	}
	if c.ownH > 0 {
		ox, mx := tx, tx
		if view.IsRTL(strings.Join(c.owner, " ")) {
			mx = tx + c.ownW + 2
		}
		if c.ownColor != "" && len(c.owner) > 0 {
			mst := chipOwnerStyle
			mst.Color = c.ownColor
			b.doc.TextAt(id+"-owner-mark", mx, ty+1, []string{view.OwnerMark}, mst)
			if mx == tx {
				ox += ownerMarkW
			}
		}
		b.doc.TextIn(id+"-owner", ox, ty+1, c.ownW, c.owner, chipOwnerStyle)
	}
}

// personaMarks returns the indices of the personas that meet t when some
// but not all of the map's personas do (nil otherwise: a card without
// marks is met by everyone).
func (b *builder) personaMarks(t *journey.Touchpoint) []int {
	if len(b.m.Personas) < 2 || len(t.Personas) == 0 {
		return nil
	}
	var out []int
	for i, p := range b.m.Personas {
		if t.Meets(p.ID) {
			out = append(out, i)
		}
	}
	if len(out) == len(b.m.Personas) {
		return nil
	}
	return out
}

// personaMark is the shape that marks persona i outside its curve, on
// the persona chips and cards and on the cards' persona marks: the shape
// of its curve's markers when the map has a curve per persona or some card
// shows persona marks (so a mark is found in greyscale), else a circle.
func (b *builder) personaMark(i int) string {
	if b.markShapes == nil {
		shapes := b.perPersona
		for _, t := range b.m.Touchpoints() {
			if shapes {
				break
			}
			shapes = len(b.personaMarks(t)) > 0
		}
		b.markShapes = &shapes
	}
	if *b.markShapes {
		return personaShape(i)
	}
	return "circle"
}

func personaMarksWidth(n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(n)*personaMarkSize + float64(n-1)*personaMarkGap
}

// drawPersonaMarks draws the marks of the personas that meet the card,
// right-aligned at right, from top: at the end of the channel's first
// line, or in rows of their own (chip.marksH); each names its persona in
// its tooltip.
func (b *builder) drawPersonaMarks(id string, c chip, right, top float64) {
	rows := [][]int{c.personas}
	cy := top + chipChannelStyle.LineHeight()/2
	if c.marksH > 0 {
		rows = nil
		for ps := c.personas; len(ps) > 0; {
			n := min(len(ps), c.marksPerRow)
			rows = append(rows, ps[:n])
			ps = ps[n:]
		}
		cy = top + (personaMarkSize+personaMarkGap)/2
	}
	for _, row := range rows {
		x := right - chipInset + 2 - personaMarksWidth(len(row))
		for _, i := range row {
			p := b.m.Personas[i]
			color := b.personaColor(i)
			b.marker(id+"-persona-"+strconv.Itoa(i+1), view.Point{X: x + personaMarkSize/2, Y: cy}, b.personaMark(i),
				personaMarkSize, color, color, view.A("tooltip", p.Name))
			x += personaMarkSize + personaMarkGap
		}
		cy += personaMarkSize + personaMarkGap
	}
}

// tooltip is the hover text of a touchpoint: what does not fit the card.
func (b *builder) tooltip(t *journey.Touchpoint) string {
	parts := []string{b.ref[t] + " " + t.Name}
	if ps := b.personaMarks(t); len(ps) > 0 {
		var names []string
		for _, i := range ps {
			names = append(names, b.m.Personas[i].Name)
		}
		parts = append(parts, b.t("personas")+": "+strings.Join(names, ", "))
	}
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
