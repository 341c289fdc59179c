// Package layoutcheck reads an SVG that Graphviz wrote for a view of a map
// (map, flow, kpi) and reports what a client would see as a layout defect
// (issue 10, "How it is checked"):
//
//   - Overlap: two text boxes overlap. A text's box is estimated from its
//     x, y, text-anchor and font-size and its width as pkg/textmeasure
//     measures it in the bundled fonts (what the views are laid out with
//     and pkg/raster draws with); its height is the font size (Ascent above
//     the baseline, Descent below).
//     A text must not run into another node's mark either (a filled
//     shape at most MaxMark wide and high: a ★, an emotion marker).
//   - Outside: a text is not inside its cell or card: the shape of its own
//     node group, else of the nearest node whose id its id extends
//     (<card>-name lies in <card>), else its cell of the map view's grid
//     (<graph>-cell-<lane>-<stage>: the row of <graph>-lane-<lane>, the
//     column of <graph>-stage-<stage>), else the whole drawing.
//   - Struck: a line of an edge (a grid line, an emotion curve, a step-back
//     arrow, a flow edge) runs through a text, unless an opaque white
//     shape of the text's own box, drawn after the line, holds the text:
//     of its node, of the node its id extends (its card) or of a sibling
//     (<arc>-tag under <arc>-label); a halo. A cell's or a tinted fill, or
//     a translucent one, does not count.
//     A line through a moment of truth's ★ (<card>-mot) counts too.
//   - Hidden: an emotion marker (<graph>-emotion-<persona>-tp-<id>, -stage-)
//     of which the markers drawn after it leave under MinVisible (a
//     quarter) of its box in view: coinciding personas must stay visible.
//   - Margins: the empty space left and right of what is drawn differs by
//     more than MaxMarginDiff (a quarter inch).
//   - PhaseBand: the phase band over the stage headers, where the map has
//     one, leaves a stage uncovered (a gap over a stage without a phase).
//   - Banner: the title wraps to more than MaxTitleLines lines above
//     MinTitlePt (the floor, where a title keeps all its lines), or a persona
//     chip reaches past the grid's right edge.
//   - LaneAlign: a lane's label (<graph>-lane-<lane>) more than
//     MaxBaselineShift off the baseline of its cells' first line.
//   - RTLAlign: a text that begins in a right-to-left script (Hebrew,
//     Arabic, ...) left-aligned in a cell or card.
//   - LegendGap: an emotion marker's fill colour that no legend mark has
//     (the neutral grey).
//   - LegendRows: swatches of channels, owners or personas sharing one
//     legend row (a row reads as one kind).
//   - Ellipsis: a text truncated with "…" (an ellipsis between two numbers,
//     "0…+1", is a range, not a truncation).
//   - SmallFont: a text under 7 pt (raster.MinTextPt) at the chosen page
//     size; PageScale gives the scale pkg/raster prints a drawing at on a
//     paper size (fitted, or split across pages by stages).
//   - LegendColour: two swatches of the channel, owner and persona legends
//     closer than the CIEDE2000 distances pkg/palette promises
//     (palette.MinDeltaE, palette.MinDeltaEDeutan).
//
// Each problem names the element ids (Graphviz writes the node ids the
// view builders give) and the texts. The checker knows the views only by
// the ids their builders give (docs/views.md lists them): "<parent>-<part>",
// header-corner, stage-, lane-, cell-, phase-, persona-, emotion-, the
// -mot star and legend-<kind>-<id>-mark; the corpus test (corpus_test.go)
// runs it on every example and stress map.
package layoutcheck
