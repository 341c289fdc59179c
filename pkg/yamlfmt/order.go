package yamlfmt

// shape describes the keys of one kind of mapping in the format, in the
// order format.md lists them, and the shapes of the mappings found in its
// list values.
type shape struct {
	keys  []string
	items map[string]*shape // key -> shape of each item of its sequence value
}

var (
	metricShape = &shape{keys: []string{"id", "name", "value", "target", "unit", "better"}}

	touchpointShape = &shape{
		keys: []string{"id", "name", "channel", "owner", "personas", "interactions", "emotion",
			"pains", "delights", "moment_of_truth", "next", "backstage", "evidence", "source",
			"metrics", "notes"},
		items: map[string]*shape{"metrics": metricShape},
	}

	stageShape = &shape{
		keys: []string{"id", "name", "phase", "goal", "actions", "thoughts", "feelings", "emotion",
			"metrics", "opportunities", "strategies", "touchpoints"},
		items: map[string]*shape{"metrics": metricShape, "touchpoints": touchpointShape},
	}

	// topShape is the shape of a whole journey file.
	topShape = &shape{
		keys: []string{"cjm", "title", "description", "lang", "scope", "include", "personas",
			"channels", "owners", "stages", "transitions"},
		items: map[string]*shape{
			"personas":    {keys: []string{"id", "name", "role", "goals", "needs", "pains", "quote"}},
			"channels":    {keys: []string{"id", "name", "kind", "color"}},
			"owners":      {keys: []string{"id", "name", "color"}},
			"stages":      stageShape,
			"transitions": {keys: []string{"from", "to", "label"}},
		},
	}
)

// rank returns the position of key in the shape, or len(keys) for a key the
// format does not know (those keep their original order after the known
// ones).
func (s *shape) rank(key string) int {
	for i, k := range s.keys {
		if k == key {
			return i
		}
	}
	return len(s.keys)
}
