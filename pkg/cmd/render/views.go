package render

import (
	"context"
	"fmt"
	"strings"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view"
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

// Placeholder flow builder until pkg/view/flowview has its Build: the
// touchpoints and their next links laid out by dot.

func buildFlowView(ctx context.Context, m *journey.Map, r graphviz.Renderer, idPrefix string) ([]byte, string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n\tid=%s; fontname=Helvetica;\n\tnode [shape=box fontname=Helvetica]; edge [fontname=Helvetica];\n", dotQuote("flow"), dotQuote(idPrefix))
	for _, tp := range m.Touchpoints() {
		fmt.Fprintf(&b, "\t%s [id=%s label=%s];\n", dotQuote(tp.ID), dotQuote(idPrefix+"-tp-"+tp.ID), dotQuote(tp.Name))
		for _, n := range tp.Next {
			fmt.Fprintf(&b, "\t%s -> %s;\n", dotQuote(tp.ID), dotQuote(n))
		}
	}
	b.WriteString("}\n")
	return []byte(b.String()), "dot", nil
}

// dotQuote writes s as a DOT string: quotes and backslashes escaped, and
// & written as &amp; since Graphviz reads entities in labels.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "&", "&amp;", "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
