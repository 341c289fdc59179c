package html

import (
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/report/outline"
)

// testViews are the map and flow views with their report captions in
// lang, as pkg/render.ReportViews gives them (these tests cannot import
// pkg/render, which imports this package; pkg/render's tests render the
// reports through the registry).
func testViews(lang string) []outline.View {
	return []outline.View{
		{Name: "map", Title: i18n.T(lang, "report.view.map")},
		{Name: "flow", Title: i18n.T(lang, "report.view.flow")},
	}
}
