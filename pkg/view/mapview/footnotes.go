package mapview

import (
	"math"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Footnote geometry and styles.
const (
	noteMinW = 300.0 // the narrowest column of footnotes
	// noteMaxW and noteMaxCol bound the block: lines of about 70
	// characters, and a block that fits the width of a map split across
	// A3 landscape pages (pkg/raster repeats what is under the grid on
	// every page, cut at the page's width).
	noteMaxW   = 360.0
	noteMaxCol = 3
	noteColGap = 18.0
	noteGap    = 3.0 // between two footnotes
)

var (
	noteStyle    = view.LegendStyle
	noteNumStyle = view.Style{Size: view.LegendStyle.Size, Bold: true, Color: view.LegendStyle.Color}
)

// footnote is what a card says on paper that does not fit it: the moment
// of truth's reason, the evidence's source, the notes.
type footnote struct {
	num  string
	t    *journey.Touchpoint
	text string
}

// noteList holds the footnotes in journey order, numbered from 1, and
// each touchpoint's number.
type noteList struct {
	list []footnote
	num  map[*journey.Touchpoint]string
}

// cardNotes returns the map's footnotes: one for each touchpoint whose
// moment of truth gives a reason, or that names a source or has notes, in
// journey order (stage by stage, in source order), numbered 1, 2 … so the
// same map always gets the same numbers.
func (b *builder) cardNotes() *noteList {
	if b.notes != nil {
		return b.notes
	}
	nl := &noteList{num: map[*journey.Touchpoint]string{}}
	for _, s := range b.m.Stages {
		for _, t := range s.Touchpoints {
			text := b.footnoteText(t)
			if text == "" {
				continue
			}
			n := strconv.Itoa(len(nl.list) + 1)
			nl.list = append(nl.list, footnote{num: n, t: t, text: text})
			nl.num[t] = n
		}
	}
	b.notes = nl
	return nl
}

// noteNumber returns the number of t's footnote, "" for none.
func (b *builder) noteNumber(t *journey.Touchpoint) string { return b.cardNotes().num[t] }

// footnoteText returns the footnote of t, "4.1 Name — Moment of truth:
// reason · Source: source (reported) · Notes: notes", or "" when t has
// nothing to say beyond its card.
func (b *builder) footnoteText(t *journey.Touchpoint) string {
	var parts []string
	if t.MomentOfTruth != nil && strings.TrimSpace(t.MomentOfTruth.Reason) != "" {
		parts = append(parts, b.t("mot")+": "+oneLine(t.MomentOfTruth.Reason))
	}
	if strings.TrimSpace(t.Source) != "" {
		s := b.t("report.source") + ": " + oneLine(t.Source)
		if t.Evidence != "" {
			s += " (" + b.t("evidence."+t.Evidence) + ")"
		}
		parts = append(parts, s)
	}
	if strings.TrimSpace(t.Notes) != "" {
		parts = append(parts, b.t("report.notes")+": "+oneLine(t.Notes))
	}
	if len(parts) == 0 {
		return ""
	}
	return b.ref[t] + " " + oneLine(t.Name) + " — " + strings.Join(parts, " · ")
}

// oneLine joins the lines of s with spaces: a footnote is one paragraph.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// footnotes draws the numbered footnotes under the grid: the title in
// the lane-name column, as the legend's groups are, and the notes in up
// to noteMaxCol columns across the grid's width, filled top to bottom and
// left to right, each number right-aligned before its text.
func (b *builder) footnotes() {
	nl := b.cardNotes()
	if len(nl.list) == 0 {
		return
	}
	b.y += gap
	title := view.LegendTitleStyle.Wrap(b.t("footnotes.title")+":", laneWidth-2*pad)
	b.doc.TextAt(b.doc.ID("footnotes", "title"), pad, b.y, title, view.LegendTitleStyle)
	x0 := laneWidth
	avail := b.footWidth() - x0
	k := int((avail + noteColGap) / (noteMinW + noteColGap))
	k = max(1, min(k, noteMaxCol, len(nl.list)))
	numW := view.Ceil(noteNumStyle.Width(nl.list[len(nl.list)-1].num)) + 6
	colW := math.Min(noteMaxW, math.Floor((avail-float64(k-1)*noteColGap)/float64(k)))
	type laid struct {
		lines []string
		h     float64
	}
	notes := make([]laid, len(nl.list))
	total := 0.0
	for i, n := range nl.list {
		lines := noteStyle.Wrap(n.text, colW-numW)
		notes[i] = laid{lines: lines, h: view.Ceil(noteStyle.Height(len(lines))) + noteGap}
		total += notes[i].h
	}
	// Columns of about equal height: a note starts the next column when
	// more than half of it would pass the share of one column.
	target := total / float64(k)
	col, y, bottom := 0, b.y, b.y
	for i, n := range nl.list {
		h := notes[i].h
		if y > b.y && y-b.y+h/2 > target && col < k-1 {
			col++
			y = b.y
		}
		x := x0 + float64(col)*(colW+noteColGap)
		id := b.doc.ID("footnote", n.num)
		b.doc.TextRightAt(id+"-num", x+numW-6, y, []string{n.num}, noteNumStyle)
		b.doc.TextAt(id, x+numW, y, notes[i].lines, noteStyle)
		y += h
		bottom = math.Max(bottom, y)
	}
	b.y = math.Max(bottom-noteGap, b.y+view.LegendTitleStyle.Height(len(title)))
}
