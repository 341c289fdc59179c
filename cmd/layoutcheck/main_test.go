package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/raster"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "m.svg")
	svg := `<svg width="100pt" height="50pt" viewBox="0 0 100 50"><g id="m" class="graph">
<polygon fill="#ffffff" stroke="none" points="0,0 0,-50 100,-50 100,0 0,0"/>
<g id="m-a" class="node"><text x="10" y="-20" font-size="6.00">Sales…</text></g>
</g></svg>`
	if err := os.WriteFile(file, []byte(svg), 0o644); err != nil {
		t.Fatal(err)
	}
	// A 6 pt text cut with "…", left 10 pt and right about 70 pt: three
	// problems.
	n, err := check(file, raster.Page{})
	if err != nil || n != 3 {
		t.Errorf("check = %d, %v; want 3 problems", n, err)
	}
	if _, err := check(filepath.Join(dir, "missing.svg"), raster.Page{}); err == nil {
		t.Error("a missing file: no error")
	}
}
