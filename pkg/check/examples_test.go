package check

import (
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/load"
)

// TestExamples checks that every example map passes with no finding at
// all: they are the maps users copy.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/[^.]*.yaml")
	cat, _ := filepath.Glob("../../examples/*/*.yaml")
	for _, f := range cat {
		// examples/themes holds render themes (pkg/theme), not maps.
		if filepath.Base(filepath.Dir(f)) != "themes" {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Skip("no examples yet")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			res := File(f, load.Options{})
			for _, d := range res.Diags {
				t.Errorf("%s", d)
			}
			if res.Map == nil {
				t.Fatal("no map")
			}
			t.Logf("%d personas, %d channels, %d owners, %d stages, %d touchpoints, catalogue=%v",
				len(res.Map.Personas), len(res.Map.Channels), len(res.Map.Owners), len(res.Map.Stages), len(res.Map.Touchpoints()), res.Map.Catalogue)
		})
	}
}
