package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/paths"
)

// BenchmarkValidateDirectory measures `cjm validate DIR` without printing:
// expanding a directory of 1,000 typical maps (copies of the examples) and
// checking them in parallel.
func BenchmarkValidateDirectory(b *testing.B) {
	dir := b.TempDir()
	examples, err := filepath.Glob(filepath.Join("..", "..", "..", "examples", "[^.]*.yaml"))
	if err != nil || len(examples) == 0 {
		b.Skip("no examples to copy")
	}
	var srcs [][]byte
	for _, e := range examples {
		src, err := os.ReadFile(e)
		if err != nil {
			b.Fatal(err)
		}
		if load.IsJourney(src) {
			srcs = append(srcs, src)
		}
	}
	// The ABM example includes catalogue/company.yaml: copy it too.
	if cat, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "catalogue", "company.yaml")); err == nil {
		_ = os.MkdirAll(filepath.Join(dir, "catalogue"), 0o755)
		_ = os.WriteFile(filepath.Join(dir, "catalogue", "company.yaml"), cat, 0o644)
	}
	const n = 1000
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("map%04d.yaml", i)), srcs[i%len(srcs)], 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		files, err := paths.Expand([]string{dir})
		if err != nil {
			b.Fatal(err)
		}
		ds, _, _ := checkAll(files, check.Options{Root: dir}, nil)
		if ds.HasErrors() {
			b.Fatalf("the examples should be clean: %v", ds[0])
		}
	}
}
