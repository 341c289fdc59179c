package view

import (
	"context"
	"errors"
	"fmt"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"path/filepath"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// Engine is the Graphviz layout engine for the final DOT of both views:
// nodes stay where their pos says and edges with a pos keep their route.
// The DOT also says so itself (graph attribute layout), which Graphviz
// prefers over the engine it is called with.
const Engine = "nop2"

// Layouter lays out or renders DOT with Graphviz: engine is a layout
// engine ("dot", "nop2" …), format an output format ("plain", "svg" …).
// pkg/graphviz satisfies it.
type Layouter interface {
	Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error)
}

// Options tune the builders. The zero value is ready to use.
type Options struct {
	// IDPrefix starts the id of the graph and of every node, edge and
	// cluster, so several diagrams can share one HTML page. Empty means
	// DefaultPrefix(map.File). It is reduced to [A-Za-z0-9_-].
	IDPrefix string
	// ColumnWidth is the width of a stage column of the map view in
	// points; 0 means 180.
	ColumnWidth float64
	// MaxFlowLayout is the most touchpoints the flow view hands to dot's
	// layout; bigger maps get a linear grid layout computed here. 0 means
	// DefaultMaxFlowLayout; negative means never use dot.
	MaxFlowLayout int
	// MaxFlowEdges is the most `next` links the flow view draws one by
	// one; a map with more, or with more than DenseFlowEdges (or
	// MaxFlowEdges, if lower) links and over DenseFlowPerTouchpoint of
	// them per touchpoint, gets a simplified flow: touchpoints on the
	// grid, links aggregated per pair of stages with their number, and a
	// note. 0 means DefaultMaxFlowEdges; negative means never simplify.
	MaxFlowEdges int
	// MaxTouchpoints is the most touchpoints a diagram is drawn of; the
	// builders refuse a bigger map with ErrTooManyTouchpoints. 0 means
	// DefaultMaxTouchpoints; negative means no limit.
	MaxTouchpoints int
	// MaxStages is the most stages a diagram is drawn of, likewise (0:
	// DefaultMaxStages; negative: no limit).
	MaxStages int
	// Baseline, when set, is the version of the map to compare with (cjm
	// render --baseline): the map view draws its emotion curves under the
	// current ones, marks touchpoints added or removed since it, and each
	// KPI's change against its value. BaselineName says what it is
	// ("HEAD~1", "old.yaml").
	Baseline     *journey.Map
	BaselineName string
	// Personas, when set, are the ids of the personas the map view is
	// drawn for (cjm render --persona): their emotion curves, only the
	// touchpoints they meet, and their cards above the grid. An id the
	// map lacks is an error (CheckPersonas).
	Personas []string
}

// DefaultMaxTouchpoints bounds the diagrams (issue 9 #5): Graphviz draws
// each view at about half a millisecond and 40 to 80 kB per touchpoint, so
// a file under the loader's 10 MiB limit could hold 250,000 touchpoints and
// take minutes and gigabytes. 5,000 touchpoints, far more than a readable
// journey map holds, draw in about 3 s and 400 MB per view (docs/views.md).
const DefaultMaxTouchpoints = 5000

// DefaultMaxStages bounds the stages of a diagram for the same reason: a
// stage is a column of every lane, and 20,000 stages without touchpoints
// (780 KB) took 6 s and 640 MB. Journeys have a handful.
const DefaultMaxStages = 1000

// ErrTooManyTouchpoints is returned (wrapped, with the numbers) by the
// builders for a map over Options.MaxTouchpoints or Options.MaxStages.
var ErrTooManyTouchpoints = errors.New("too many touchpoints to draw")

// CheckSize returns an error wrapping ErrTooManyTouchpoints when m has more
// stages or touchpoints than o allows.
func (o Options) CheckSize(m *journey.Map) error {
	bound := func(v, def int) int {
		if v == 0 {
			return def
		}
		return v
	}
	if max := bound(o.MaxStages, DefaultMaxStages); max >= 0 && len(m.Stages) > max {
		return fmt.Errorf("%w: the map has %s stages and a diagram is drawn of at most %s; split it into several maps",
			ErrTooManyTouchpoints, i18n.Number("en", float64(len(m.Stages))), i18n.Number("en", float64(max)))
	}
	max := bound(o.MaxTouchpoints, DefaultMaxTouchpoints)
	if max < 0 {
		return nil
	}
	n := 0
	for _, s := range m.Stages {
		n += len(s.Touchpoints)
	}
	if n <= max {
		return nil
	}
	return fmt.Errorf("%w: the map has %s touchpoints and a diagram is drawn of at most %s; split it into several maps (one per phase or segment, say)",
		ErrTooManyTouchpoints, i18n.Number("en", float64(n)), i18n.Number("en", float64(max)))
}

// The bounds of the flow view's links (issue 9 #5). Dot's layout of the
// forward links costs little per link in a sparse flow and a lot in a
// dense one (many links between the same two ranks): 2,000 touchpoints
// with 4,700 links take about 2 s of CPU, 70 touchpoints each linking to
// every later one (2,415 links) 7 s, and 300 touchpoints linking to all
// others (89,700 links) took 144 s and 1.4 GB for a 64 MB SVG. So a flow
// is simplified past DefaultMaxFlowEdges links, or past DenseFlowEdges
// links when it has more than DenseFlowPerTouchpoint per touchpoint;
// docs/views.md has the figures.
const (
	DefaultMaxFlowEdges    = 5000
	DenseFlowEdges         = 1000
	DenseFlowPerTouchpoint = 4
)

// SimplifyFlow reports whether a flow of links links among touchpoints
// touchpoints is drawn simplified under o.MaxFlowEdges.
func (o Options) SimplifyFlow(links, touchpoints int) bool {
	max := o.MaxFlowEdges
	if max == 0 {
		max = DefaultMaxFlowEdges
	}
	if max < 0 {
		return false
	}
	return links > max || links > min(DenseFlowEdges, max) && links > DenseFlowPerTouchpoint*touchpoints
}

// DefaultMaxFlowLayout bounds the flow layout: dot on the forward graph
// takes about a second per thousand touchpoints; past this a diagram is
// unreadable anyway.
const DefaultMaxFlowLayout = 2000

// Prefix returns the id prefix for m: opts.IDPrefix, or one derived from
// the map's file name, or "cjm".
func (o Options) Prefix(m *journey.Map) string {
	p := o.IDPrefix
	if p == "" && m != nil {
		p = DefaultPrefix(m.File)
	}
	p = SanitizeID(p)
	if p == "" {
		p = "cjm"
	}
	return p
}

// DefaultPrefix derives an id prefix from a file name: its base name
// without extension, reduced to [A-Za-z0-9_-] ("examples/b2b-funnel.yaml"
// gives "b2b-funnel").
func DefaultPrefix(file string) string {
	if file == "" || file == "-" {
		return ""
	}
	base := filepath.Base(file)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	return SanitizeID(base)
}

// SanitizeID keeps ASCII letters, digits, '-' and '_', replaces every other
// run with '-', and makes sure the result starts with a letter (ids in SVG
// and HTML had better).
func SanitizeID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
		if !ok {
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
			continue
		}
		b.WriteRune(r)
		dash = r == '-'
	}
	out := strings.Trim(b.String(), "-")
	if out != "" && !(out[0] >= 'a' && out[0] <= 'z' || out[0] >= 'A' && out[0] <= 'Z') {
		out = "m" + out
	}
	return out
}
