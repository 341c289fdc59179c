package yamlfmt

import (
	"slices"

	"github.com/cjm-dev/cjm/pkg/load"
)

// shape describes the keys of one kind of mapping in the format, in the
// order format.md lists them, and the shapes of the mappings found in its
// list values.
type shape struct {
	keys  []string
	items map[string]*shape // key -> shape of each item of its sequence value
}

// The key lists are the loader's (load.MapKeys and the rest): the keys fmt
// orders are exactly the keys the loader knows, in one table.
var (
	metricShape = &shape{keys: load.MetricKeys}

	touchpointShape = &shape{
		keys:  load.TouchpointKeys,
		items: map[string]*shape{"metrics": metricShape},
	}

	stageShape = &shape{
		keys:  load.StageKeys,
		items: map[string]*shape{"metrics": metricShape, "touchpoints": touchpointShape},
	}

	// topShape is the shape of a whole journey file.
	topShape = &shape{
		keys: load.MapKeys,
		items: map[string]*shape{
			"personas":    {keys: load.PersonaKeys},
			"channels":    {keys: load.ChannelKeys},
			"owners":      {keys: load.OwnerKeys},
			"stages":      stageShape,
			"transitions": {keys: load.TransitionKeys},
		},
	}
)

// rank returns the position of key in the shape, or len(keys) for a key the
// format does not know (those keep their original order after the known
// ones).
func (s *shape) rank(key string) int {
	if i := slices.Index(s.keys, key); i >= 0 {
		return i
	}
	return len(s.keys)
}
