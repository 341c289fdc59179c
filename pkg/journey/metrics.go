package journey

// MetricRef is a metric with the stage (and touchpoint) that holds it.
type MetricRef struct {
	Stage      *Stage
	Touchpoint *Touchpoint // nil for a stage metric
	Metric     *Metric
}

// Metrics lists the metrics of m in map order: each stage's own, then its
// touchpoints'.
func Metrics(m *Map) []MetricRef {
	var out []MetricRef
	for _, s := range m.Stages {
		for _, mt := range s.Metrics {
			out = append(out, MetricRef{Stage: s, Metric: mt})
		}
		for _, t := range s.Touchpoints {
			for _, mt := range t.Metrics {
				out = append(out, MetricRef{Stage: s, Touchpoint: t, Metric: mt})
			}
		}
	}
	return out
}
