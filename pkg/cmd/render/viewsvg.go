package render

import (
	"context"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
)

// ViewSVGs draws the named views of a valid map, read from path, as the
// SVG `cjm render` writes for them (same builders, same id prefixes). cjm
// serve uses it, so the preview shows exactly the committed drawing.
func ViewSVGs(ctx context.Context, path string, m *journey.Map, r graphviz.Renderer, views []string) (map[string][]byte, error) {
	shared := &jobShared{renderer: r, idBase: idBase(path), views: map[string]*viewResult{}}
	out := make(map[string][]byte, len(views))
	for _, v := range views {
		job := &Job{Path: path, Map: m, Lang: m.Lang, View: v, Views: views, shared: shared}
		svg, err := job.SVG(ctx, v)
		if err != nil {
			return nil, err
		}
		out[v] = svg
	}
	return out, nil
}
