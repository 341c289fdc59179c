package render

import (
	"context"
	"fmt"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/flowview"
	"github.com/cjm-dev/cjm/pkg/view/mapview"
)

// viewDef is one --view: how to build its DOT and lay it out.
type viewDef struct {
	name string
	// build returns the final DOT of the view and the Graphviz engine that
	// draws it. It may call r itself (the flow view lays out twice).
	build func(ctx context.Context, m *journey.Map, r graphviz.Renderer, idPrefix string) (dot []byte, engine string, err error)
}

var views = []viewDef{
	{name: "map", build: buildMapView},
	{name: "flow", build: buildFlowView},
}

func lookupView(name string) (viewDef, bool) {
	for _, v := range views {
		if v.name == name {
			return v, true
		}
	}
	return viewDef{}, false
}

// dot builds the view's DOT; ids start with idPrefix.
func (v viewDef) dot(ctx context.Context, m *journey.Map, r graphviz.Renderer, idPrefix string) ([]byte, string, error) {
	dot, engine, err := v.build(ctx, m, r, idPrefix)
	if err != nil {
		return nil, "", fmt.Errorf("%s view: %w", v.name, err)
	}
	return dot, engine, nil
}

// drawSVG lays out a view's DOT as SVG whose ids all start with idPrefix
// (followed by '-' or '_').
func drawSVG(ctx context.Context, view string, dot []byte, engine string, r graphviz.Renderer, idPrefix string) ([]byte, error) {
	svg, err := r.Render(ctx, dot, engine, "svg")
	if err != nil {
		return nil, fmt.Errorf("%s view: %w", view, err)
	}
	return graphviz.PrefixIDs(svg, idPrefix), nil
}

// render builds the view's DOT and draws it.
func (v viewDef) render(ctx context.Context, m *journey.Map, r graphviz.Renderer, idPrefix string) (dot, svg []byte, err error) {
	dot, engine, err := v.dot(ctx, m, r, idPrefix)
	if err != nil {
		return nil, nil, err
	}
	svg, err = drawSVG(ctx, v.name, dot, engine, r, idPrefix)
	return dot, svg, err
}

func buildMapView(_ context.Context, m *journey.Map, _ graphviz.Renderer, idPrefix string) ([]byte, string, error) {
	dot, err := mapview.Build(m, view.Options{IDPrefix: idPrefix})
	return dot, view.Engine, err
}

func buildFlowView(ctx context.Context, m *journey.Map, r graphviz.Renderer, idPrefix string) ([]byte, string, error) {
	dot, err := flowview.Build(ctx, m, view.Options{IDPrefix: idPrefix}, r)
	return dot, view.Engine, err
}
