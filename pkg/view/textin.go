package view

import "strings"

// TextIn adds lines of text at the top of a box w wide whose top-left
// corner is (x, y): left-aligned at x (TextAt), or, when the paragraph is
// written right to left (IsRTL), right-aligned at x + w (TextRightAt). The
// map view places every paragraph of its cells, stage names, phase band,
// title and description with it, so the choice by direction is made in one
// place.
func (d *Doc) TextIn(id string, x, y, w float64, lines []string, st Style, extra ...Attr) {
	if IsRTL(strings.Join(lines, " ")) {
		d.TextRightAt(id, x+w, y, lines, st, extra...)
		return
	}
	d.TextAt(id, x, y, lines, st, extra...)
}
