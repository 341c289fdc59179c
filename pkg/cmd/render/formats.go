package render

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/cjm-dev/cjm/pkg/export/csv"
	"github.com/cjm-dev/cjm/pkg/export/jsonmodel"
	"github.com/cjm-dev/cjm/pkg/export/mermaid"
	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/report/html"
	"github.com/cjm-dev/cjm/pkg/report/markdown"
)

// Format is one output format of `cjm render`.
type Format struct {
	// Name is the -f value.
	Name string
	// Ext is the file extension, without the dot.
	Ext string
	// Report is true for whole reports (md, html): one output per input,
	// with no view suffix, whatever --view says.
	Report bool
	// Render makes the output. Nil means the format is reserved but not
	// built into this version: asking for it is a usage error.
	Render func(ctx context.Context, j *Job) ([]byte, error)
}

// Formats lists every format, in the order cli.md names them. Wiring a
// format is filling in its Render.
var Formats = []Format{
	{Name: "svg", Ext: "svg", Render: func(ctx context.Context, j *Job) ([]byte, error) { return j.SVG(ctx, j.View) }},
	{Name: "png", Ext: "png", Render: func(ctx context.Context, j *Job) ([]byte, error) {
		svg, err := j.SVG(ctx, j.View)
		if err != nil {
			return nil, err
		}
		return raster.PNG(svg, raster.Options{Missing: &j.shared.missing})
	}},
	{Name: "pdf", Ext: "pdf", Render: func(ctx context.Context, j *Job) ([]byte, error) {
		svg, err := j.SVG(ctx, j.View)
		if err != nil {
			return nil, err
		}
		return raster.PDF(svg, raster.Options{Missing: &j.shared.missing})
	}},
	{Name: "dot", Ext: "dot", Render: func(ctx context.Context, j *Job) ([]byte, error) { return j.DOT(ctx, j.View) }},
	{Name: "md", Ext: "md", Report: true, Render: func(ctx context.Context, j *Job) ([]byte, error) {
		return markdown.Render(j.Map, markdown.Options{SVGLinks: j.SVGFiles})
	}},
	{Name: "html", Ext: "html", Report: true, Render: func(ctx context.Context, j *Job) ([]byte, error) {
		svgs := map[string][]byte{}
		for _, v := range viewNames() {
			svg, err := j.SVG(ctx, v)
			if err != nil {
				return nil, err
			}
			svgs[v] = svg
		}
		return html.Render(j.Map, html.Options{SVG: svgs})
	}},
	// Mermaid, JSON and CSV export the whole map: like the reports, they
	// take no view suffix, so --view flow never writes a duplicate.
	{Name: "mermaid", Ext: "mmd", Report: true, Render: func(_ context.Context, j *Job) ([]byte, error) { return mermaid.Render(j.Map) }},
	{Name: "json", Ext: "json", Report: true, Render: func(_ context.Context, j *Job) ([]byte, error) { return jsonmodel.Render(j.Map) }},
	{Name: "csv", Ext: "csv", Report: true, Render: func(_ context.Context, j *Job) ([]byte, error) { return csv.Render(j.Map) }},
}

func lookupFormat(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

func formatNames() string {
	var names []string
	for _, f := range Formats {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// Job is one loaded map on its way to the requested outputs. Its DOT and
// SVG are made once per view, whatever number of formats use them, and
// safely from several goroutines.
type Job struct {
	// Path is the input file.
	Path string
	// Map is the loaded, valid map.
	Map *journey.Map
	// Lang is the map's language ("en", "ru").
	Lang string
	// View is the view the current output is for; empty for reports.
	View string
	// Views are the views asked for with --view, in order.
	Views []string
	// SVGFiles names, per view, the SVG file written beside the reports in
	// the same call (relative to them), so the Markdown report can show it.
	// It is empty when no SVG is written.
	SVGFiles map[string]string

	shared *jobShared
}

type jobShared struct {
	renderer graphviz.Renderer
	idBase   string
	mu       sync.Mutex
	views    map[string]*viewResult
	// missing collects the characters no font drew in this map's PNG and
	// PDF outputs, for one warning per map.
	missing raster.Missing
}

type viewResult struct {
	dotOnce sync.Once
	dot     []byte
	engine  string
	dotErr  error

	svgOnce sync.Once
	svg     []byte
	svgErr  error
}

func (j *Job) view(name string) *viewResult {
	s := j.shared
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.views[name]
	if r == nil {
		r = &viewResult{}
		s.views[name] = r
	}
	return r
}

// DOT returns the DOT of a view, as handed to Graphviz for the final
// drawing (positions pinned where the view pins them). It is built once.
func (j *Job) DOT(ctx context.Context, view string) ([]byte, error) {
	r := j.view(view)
	r.dotOnce.Do(func() {
		v, ok := lookupView(view)
		if !ok {
			r.dotErr = fmt.Errorf("unknown view %q", view)
			return
		}
		r.dot, r.engine, r.dotErr = v.dot(ctx, j.Map, j.shared.renderer, j.shared.idBase+view)
	})
	return r.dot, r.dotErr
}

// SVG returns the normalised SVG of a view with its ids prefixed per map
// and view. It is drawn once, from the DOT that DOT returns.
func (j *Job) SVG(ctx context.Context, view string) ([]byte, error) {
	dot, err := j.DOT(ctx, view)
	if err != nil {
		return nil, err
	}
	r := j.view(view)
	r.svgOnce.Do(func() {
		r.svg, r.svgErr = drawSVG(ctx, view, dot, r.engine, j.shared.renderer, j.shared.idBase+view)
	})
	return r.svg, r.svgErr
}

// parseFormats splits repeated and comma-separated -f values, keeps the
// first occurrence of each and refuses unknown and unwired names.
func parseFormats(values []string) ([]Format, error) {
	var out []Format
	for _, name := range splitNames(values) {
		f, ok := lookupFormat(name)
		if !ok {
			return nil, fmt.Errorf("unknown format %q (want one of %s)", name, formatNames())
		}
		if f.Render == nil {
			return nil, fmt.Errorf("format %q is not available in this version of cjm yet (available: %s)", name, strings.Join(wiredFormats(), ", "))
		}
		out = append(out, f)
	}
	return out, nil
}

// splitNames splits repeated and comma-separated flag values into lower
// case names, in order, each once.
func splitNames(values []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

func wiredFormats() []string {
	var names []string
	for _, f := range Formats {
		if f.Render != nil {
			names = append(names, f.Name)
		}
	}
	return names
}

func parseViews(values []string) ([]string, error) {
	out := splitNames(values)
	for _, name := range out {
		if _, ok := lookupView(name); !ok {
			return nil, fmt.Errorf("unknown view %q (want one of %s)", name, strings.Join(viewNames(), ", "))
		}
	}
	return out, nil
}

func viewNames() []string {
	var names []string
	for _, v := range views {
		names = append(names, v.name)
	}
	sort.Strings(names)
	return names
}
