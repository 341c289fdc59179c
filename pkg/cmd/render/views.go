package render

import (
	"context"
	"fmt"
	"strings"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
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

// render builds the view's DOT and draws it as SVG whose ids all start
// with idPrefix.
func (v viewDef) render(ctx context.Context, m *journey.Map, r graphviz.Renderer, idPrefix string) (dot, svg []byte, err error) {
	dot, engine, err := v.build(ctx, m, r, idPrefix)
	if err != nil {
		return nil, nil, fmt.Errorf("%s view: %w", v.name, err)
	}
	svg, err = r.Render(ctx, dot, engine, "svg")
	if err != nil {
		return nil, nil, fmt.Errorf("%s view: %w", v.name, err)
	}
	return dot, graphviz.PrefixIDs(svg, idPrefix), nil
}

// Placeholder builders until pkg/view lands: a row of stages with their
// touchpoints. They exist so the command, the engine and the tests can be
// exercised end to end.

func buildMapView(_ context.Context, m *journey.Map, _ graphviz.Renderer, idPrefix string) ([]byte, string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n\tid=%s; rankdir=LR; fontname=Helvetica;\n\tnode [shape=box fontname=Helvetica]; edge [fontname=Helvetica];\n", dotQuote("map"), dotQuote(idPrefix+"graph"))
	fmt.Fprintf(&b, "\tlabel=%s;\n", dotQuote(m.Title))
	for i, s := range m.Stages {
		fmt.Fprintf(&b, "\tsubgraph %s {\n\t\tid=%s; label=%s;\n", dotQuote(fmt.Sprintf("cluster_%d", i)), dotQuote(idPrefix+"stage-"+s.ID), dotQuote(s.Name))
		for _, tp := range s.Touchpoints {
			fmt.Fprintf(&b, "\t\t%s [id=%s label=%s];\n", dotQuote(tp.ID), dotQuote(idPrefix+"tp-"+tp.ID), dotQuote(tp.Name))
		}
		b.WriteString("\t}\n")
	}
	b.WriteString("}\n")
	return []byte(b.String()), "dot", nil
}

func buildFlowView(ctx context.Context, m *journey.Map, r graphviz.Renderer, idPrefix string) ([]byte, string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n\tid=%s; fontname=Helvetica;\n\tnode [shape=box fontname=Helvetica]; edge [fontname=Helvetica];\n", dotQuote("flow"), dotQuote(idPrefix+"graph"))
	for _, tp := range m.Touchpoints() {
		fmt.Fprintf(&b, "\t%s [id=%s label=%s];\n", dotQuote(tp.ID), dotQuote(idPrefix+"tp-"+tp.ID), dotQuote(tp.Name))
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
