// Package stats computes the figures of journey maps that `cjm stats`
// prints and `cjm site` shows: per map and in total, the counts of
// stages, touchpoints, personas, channels and owners; pain points, points
// of delight and moments of truth; KPIs on and off target (as
// journey.Metric.Status decides); the shares of touchpoints with an owner,
// a channel, an emotion and evidence of each level; and the moments of
// truth without an owner. It writes them as text, Markdown, JSON or CSV.
package stats
