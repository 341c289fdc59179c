// Package kpiview builds the kpi view of a journey map as DOT: a
// dashboard of small charts, one per metric, grouped by stage in journey
// order. Each chart shows the metric's points over time (its history,
// pkg/kpi), its target as a dashed line, the latest value labelled, and
// whether it is on target (▲) or off it (▼ and a thick dashed frame, so
// the mark survives greyscale). Every position is computed here and
// pinned; Graphviz's nop2 only draws.
package kpiview
