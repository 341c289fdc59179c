// Package kpi is `cjm kpi`: it checks the maps, asks package kpi for each
// metric's series (and, with --history, the map's git history) and formats
// them as a text or Markdown table, JSON or CSV.
package kpi
