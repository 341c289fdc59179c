package render

import (
	"context"
	"fmt"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/outline"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/flowview"
	"github.com/cjm-dev/cjm/pkg/view/kpiview"
	"github.com/cjm-dev/cjm/pkg/view/mapview"
)

// View is one diagram of a map.
type View struct {
	// Name is the --view value and the output name's suffix ("flow" gives
	// <base>.flow.svg; the first view, "map", has none).
	Name string
	// TitleKey is the pkg/i18n key of the view's caption in the reports.
	TitleKey string
	// HeadingKey is the pkg/i18n key of its heading in the live preview.
	HeadingKey string
	// BuildLayouts is the number of Graphviz calls Build makes itself
	// (the flow view lays its touchpoints out once before the drawing).
	BuildLayouts int
	// Build returns the final DOT of the view and the Graphviz engine that
	// draws it; every id in it starts with opts.IDPrefix. It may call r;
	// opts carries the id prefix and, for the map view, the baseline.
	Build func(ctx context.Context, m *journey.Map, r graphviz.Renderer, opts view.Options) (dot []byte, engine string, err error)
	// Shows, when set, says whether the HTML report, which draws every
	// view, shows this one for m (the kpi view only for a map whose
	// metrics have a history). Asked for by name (--view), a view is
	// always drawn.
	Shows func(m *journey.Map) bool
}

// ShownViews returns the names of the views the HTML report shows for m,
// in registry order.
func ShownViews(m *journey.Map) []string {
	var names []string
	for _, v := range views {
		if v.Shows == nil || v.Shows(m) {
			names = append(names, v.Name)
		}
	}
	return names
}

// Title is the view's caption in the reports, in lang.
func (v View) Title(lang string) string { return label(lang, v.TitleKey, v.Name) }

// Heading is the view's heading in the live preview, in lang.
func (v View) Heading(lang string) string { return label(lang, v.HeadingKey, v.Name) }

func label(lang, key, fallback string) string {
	if key == "" {
		return fallback
	}
	if l := i18n.T(lang, key); l != key {
		return l
	}
	return fallback
}

// kpiViewName is the view the Markdown report links in its "KPIs over
// time" section rather than with the other diagrams.
const kpiViewName = "kpi"

// views is the registry, in the order every output shows them.
var views = []View{
	{Name: "map", TitleKey: "report.view.map", HeadingKey: "report.view.map", Build: buildMapView},
	{Name: "flow", TitleKey: "report.view.flow", HeadingKey: "view.heading.flow", BuildLayouts: 1, Build: buildFlowView},
	{Name: kpiViewName, TitleKey: "report.view.kpi", HeadingKey: "report.view.kpi", Build: buildKPIView, Shows: kpiview.Shows},
}

// Views returns every view, in order.
func Views() []View { return append([]View(nil), views...) }

// ViewNames returns the names of every view, in order.
func ViewNames() []string {
	names := make([]string, len(views))
	for i, v := range views {
		names[i] = v.Name
	}
	return names
}

// LookupView finds a view by name.
func LookupView(name string) (View, bool) {
	for _, v := range views {
		if v.Name == name {
			return v, true
		}
	}
	return View{}, false
}

// ReportViews returns the views named, in registry order, with their
// captions in lang: what the reports (pkg/report/...) are given to show.
func ReportViews(lang string, names []string) []outline.View {
	var out []outline.View
	for _, v := range views {
		for _, n := range names {
			if n == v.Name {
				out = append(out, outline.View{Name: v.Name, Title: v.Title(lang)})
				break
			}
		}
	}
	return out
}

// IDPrefix is the start of every id in the SVG of a view of the map read
// from file: the file's base name reduced to [A-Za-z0-9_-]
// (view.DefaultPrefix), or "cjm", then '-' and the view's name
// ("b2b-funnel-map", "b2b-funnel-flow"). It is the one place that decides
// it: the builders use the prefix they are given as it is.
func IDPrefix(file, viewName string) string {
	p := view.DefaultPrefix(file)
	if p == "" {
		p = "cjm"
	}
	return p + "-" + viewName
}

// buildDOT builds a view's DOT; its errors name the view.
func (v View) buildDOT(ctx context.Context, m *journey.Map, r graphviz.Renderer, opts view.Options) ([]byte, string, error) {
	dot, engine, err := v.Build(ctx, m, r, opts)
	if err != nil {
		return nil, "", fmt.Errorf("%s view: %w", v.Name, err)
	}
	return dot, engine, nil
}

// drawSVG lays out a view's DOT as SVG whose ids all start with idPrefix.
func (v View) drawSVG(ctx context.Context, dot []byte, engine string, r graphviz.Renderer, idPrefix string) ([]byte, error) {
	svg, err := r.Render(ctx, dot, engine, "svg")
	if err != nil {
		return nil, fmt.Errorf("%s view: %w", v.Name, err)
	}
	return graphviz.PrefixIDs(svg, idPrefix), nil
}

func buildMapView(_ context.Context, m *journey.Map, _ graphviz.Renderer, opts view.Options) ([]byte, string, error) {
	dot, err := mapview.Build(m, opts)
	return dot, view.Engine, err
}

func buildKPIView(_ context.Context, m *journey.Map, _ graphviz.Renderer, opts view.Options) ([]byte, string, error) {
	dot, err := kpiview.Build(m, view.Options{IDPrefix: opts.IDPrefix, Theme: opts.Theme})
	return dot, view.Engine, err
}

func buildFlowView(ctx context.Context, m *journey.Map, r graphviz.Renderer, opts view.Options) ([]byte, string, error) {
	dot, err := flowview.Build(ctx, m, view.Options{IDPrefix: opts.IDPrefix, Theme: opts.Theme}, r)
	return dot, view.Engine, err
}
