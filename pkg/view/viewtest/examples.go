package viewtest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Examples returns the journey files of examples/, as paths relative to
// the folder of a view package (pkg/view/<name>), where its tests run.
func Examples(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../../../examples/[^.]*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	return files
}

// Load loads the journey file at path (one of Examples), failing the test
// when it has errors.
func Load(t testing.TB, path string) *journey.Map {
	t.Helper()
	m, ds, _ := load.File(path, load.Options{Root: "../../.."})
	if ds.HasErrors() {
		t.Fatalf("%s: %v", path, ds)
	}
	return m
}

// BenchSizes are the numbers of touchpoints of the generated maps the
// view benchmarks build.
var BenchSizes = []int{30, 200, 1000, 5000}

// BenchBuild measures build alone on generated maps of BenchSizes.
func BenchBuild(b *testing.B, build func(*journey.Map) ([]byte, error)) {
	for _, n := range BenchSizes {
		m := Generate(Config{Touchpoints: n, BackEdges: 0.1})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := build(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchSVG measures build and drawing its DOT with Graphviz on generated
// maps of BenchSizes.
func BenchSVG(b *testing.B, build func(*journey.Map) ([]byte, error)) {
	for _, n := range BenchSizes {
		m := Generate(Config{Touchpoints: n, BackEdges: 0.1})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				dot, err := build(m)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := graphviz.Render(context.Background(), dot, view.Engine, "svg"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
