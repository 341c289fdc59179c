// Package diff compares two journey maps in the journey's own terms:
// elements are matched by id, so a renamed stage is a rename and a
// touchpoint carried to another stage is a move, not a removal and an
// addition. Layout (key order, flow or block style, comments, quoting) is
// not part of a map's meaning and never shows up.
//
// Compare returns the changes in a fixed order (map settings, personas,
// channels, owners, then stage by stage in the new map's order with the
// touchpoints inside each, then removed stages, then transitions);
// WriteText, WriteMarkdown and WriteJSON present them.
package diff
