// Package mapview builds the journey map diagram as DOT: stages as
// columns (numbered, under a band that shows the buying or using phase),
// lanes as rows (goal, actions, touchpoints, thoughts, feelings, the
// emotion chart, pains, delights, backstage, opportunities, strategies,
// KPIs, steps back) and a legend.
//
// The whole grid is computed here: column widths, text wrapped with the
// metrics of pkg/textmeasure, row heights. Every node is pinned
// (pos="x,y!") with an explicit size and every edge carries its route, and
// the graph asks for the nop2 layout, so Graphviz only draws: layout is
// linear in the size of the map, and what is drawn fits what was measured,
// in any language.
package mapview
