package render

import (
	"slices"
	"testing"

	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/raster"
)

// render.page-size in .cjm.yaml takes the sizes --page takes.
func TestConfigPageSizes(t *testing.T) {
	if !slices.Equal(config.PageSizes, raster.PageNames) {
		t.Errorf("config.PageSizes %v, raster.PageNames %v", config.PageSizes, raster.PageNames)
	}
	for _, p := range config.PageSizes {
		if _, err := raster.ParsePage(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
