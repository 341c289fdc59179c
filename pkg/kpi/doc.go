// Package kpi turns the metrics of journey maps into series over time: the
// measurements of each metric (from the map's measurement files) and,
// optionally, the values the map's git history held, merged by date; and
// from a series its status against the target, the change since the
// previous point, whether it moved toward the target, and a text
// sparkline. `cjm kpi` formats what it computes; views use it too. It
// never prints.
package kpi
