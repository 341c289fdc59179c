package mapview

import (
	"context"
	"fmt"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

var benchSizes = []int{30, 200, 1000, 5000}

// BenchmarkBuild measures building the DOT alone.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		m := viewtest.Generate(viewtest.Config{Touchpoints: n, BackEdges: 0.1})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Build(m, view.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSVG measures building the DOT and drawing it with Graphviz.
func BenchmarkSVG(b *testing.B) {
	for _, n := range benchSizes {
		m := viewtest.Generate(viewtest.Config{Touchpoints: n, BackEdges: 0.1})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				dot, err := Build(m, view.Options{})
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
