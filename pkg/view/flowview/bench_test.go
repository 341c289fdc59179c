package flowview

import (
	"context"
	"testing"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

func build(m *journey.Map) ([]byte, error) {
	return Build(context.Background(), m, view.Options{}, graphviz.InProcess)
}

// BenchmarkBuild measures building the DOT alone.
func BenchmarkBuild(b *testing.B) { viewtest.BenchBuild(b, build) }

// BenchmarkSVG measures building the DOT and drawing it with Graphviz.
func BenchmarkSVG(b *testing.B) { viewtest.BenchSVG(b, build) }
