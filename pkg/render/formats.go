package render

import (
	"context"

	"github.com/cjm-dev/cjm/pkg/export/csv"
	"github.com/cjm-dev/cjm/pkg/export/jsonmodel"
	"github.com/cjm-dev/cjm/pkg/export/mermaid"
	"github.com/cjm-dev/cjm/pkg/export/xlsx"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/report/html"
	"github.com/cjm-dev/cjm/pkg/report/markdown"
)

// Draws is what a format needs of the views it shows.
type Draws int

const (
	// DrawsNothing: the format is made from the model alone.
	DrawsNothing Draws = iota
	// DrawsDOT: it needs the view's DOT (for the flow view, one layout).
	DrawsDOT
	// DrawsSVG: it needs the view drawn by Graphviz.
	DrawsSVG
)

// Format is one output format.
type Format struct {
	// Name is the -f value.
	Name string
	// Ext is the file extension, without the dot.
	Ext string
	// Whole is true for formats of the whole map (reports, exports): one
	// output per map with no view suffix, whatever views are asked for.
	// The others make one output per view asked for.
	Whole bool
	// Draws is what the format needs of each view it shows: its own view
	// for a per-view format; for a whole-map one, every view when
	// AllViews is set and none otherwise.
	Draws Draws
	// AllViews says a whole-map format shows every view of the registry
	// (the HTML report inlines both diagrams).
	AllViews bool
	// Render makes the output.
	Render func(ctx context.Context, j *Job) ([]byte, error)
}

// formats is the registry, in the order docs/cli.md names them.
var formats = []Format{
	{Name: "svg", Ext: "svg", Draws: DrawsSVG, Render: func(ctx context.Context, j *Job) ([]byte, error) { return j.BrandedSVG(ctx, j.View) }},
	{Name: "png", Ext: "png", Draws: DrawsSVG, Render: func(ctx context.Context, j *Job) ([]byte, error) {
		svg, err := j.rasterSVG(ctx, j.View)
		if err != nil {
			return nil, err
		}
		return raster.PNG(svg, j.rasterOptions())
	}},
	{Name: "pdf", Ext: "pdf", Draws: DrawsSVG, Render: func(ctx context.Context, j *Job) ([]byte, error) {
		svg, err := j.rasterSVG(ctx, j.View)
		if err != nil {
			return nil, err
		}
		return raster.PDF(svg, j.rasterOptions())
	}},
	{Name: "dot", Ext: "dot", Draws: DrawsDOT, Render: func(ctx context.Context, j *Job) ([]byte, error) { return j.DOT(ctx, j.View) }},
	// The Markdown report links the SVG of each view asked for, by the
	// name `render -f svg` gives it beside the report: the same input and
	// the same --view give the same report, whatever else -f asks for
	// (docs/reports.md).
	{Name: "md", Ext: "md", Whole: true, Render: func(_ context.Context, j *Job) ([]byte, error) {
		links := map[string]string{}
		var head []string
		kpiLink := ""
		for _, v := range j.Views {
			if v == kpiViewName {
				// Linked in its own section, "KPIs over time".
				kpiLink = j.OutputName(v, "svg")
				continue
			}
			links[v] = j.OutputName(v, "svg")
			head = append(head, v)
		}
		return markdown.Render(j.Map, markdown.Options{SVGLinks: links, Views: ReportViews(j.Lang(), head), KPILink: kpiLink})
	}},
	{Name: "html", Ext: "html", Whole: true, Draws: DrawsSVG, AllViews: true, Render: func(ctx context.Context, j *Job) ([]byte, error) {
		names := ShownViews(j.Map)
		svgs := make(map[string][]byte, len(names))
		for _, v := range names {
			svg, err := j.reportSVG(ctx, v)
			if err != nil {
				return nil, err
			}
			svgs[v] = svg
		}
		return html.Render(j.Map, html.Options{SVG: svgs, Views: ReportViews(j.Lang(), names), Brand: j.htmlBrand()})
	}},
	// Mermaid, JSON and CSV export the whole map: like the reports, they
	// take no view suffix, so --view flow never writes a duplicate.
	{Name: "mermaid", Ext: "mmd", Whole: true, Render: func(_ context.Context, j *Job) ([]byte, error) { return mermaid.Render(j.Map) }},
	{Name: "json", Ext: "json", Whole: true, Render: func(_ context.Context, j *Job) ([]byte, error) { return jsonmodel.Render(j.Map) }},
	{Name: "csv", Ext: "csv", Whole: true, Render: func(_ context.Context, j *Job) ([]byte, error) { return csv.Render(j.Map) }},
	// The workbook: every field of the map, read back by cjm import.
	{Name: "xlsx", Ext: "xlsx", Whole: true, Render: func(_ context.Context, j *Job) ([]byte, error) { return xlsx.Render(j.Map) }},
}

// Formats returns every format, in order.
func Formats() []Format { return append([]Format(nil), formats...) }

// FormatNames returns the names of every format, in order.
func FormatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

// LookupFormat finds a format by name.
func LookupFormat(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}
