//go:build unix

package render

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/render"
	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

var benchSizes = []int{30, 200, 1000, 5000}

// cpuTime is the user+system time this process has used. Benchmarks
// report it per operation ("cpu-ms/op") besides wall time: on a busy
// machine it is the steadier figure.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loop(b *testing.B, f func() error) {
	start := cpuTime()
	n := 0
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
}

// BenchmarkView measures each view of synthetic maps (viewtest.Generate,
// a tenth of the touchpoints stepping back) from the model to normalised
// SVG, in process: DOT building plus Graphviz. Set CJM_BENCH_DOT to a
// directory to also write the DOT handed to Graphviz (for
// scripts/compare-dot.sh).
func BenchmarkView(b *testing.B) {
	ctx := context.Background()
	for _, v := range render.Views() {
		for _, n := range benchSizes {
			m := viewtest.Generate(viewtest.Config{Touchpoints: n, BackEdges: 0.1, Seed: 1})
			m.File = fmt.Sprintf("bench-%d.yaml", n)
			b.Run(fmt.Sprintf("%s/%d", v.Name, n), func(b *testing.B) {
				if dir := os.Getenv("CJM_BENCH_DOT"); dir != "" {
					rec := &recorder{dir: dir, name: fmt.Sprintf("%s-%d", v.Name, n)}
					if _, err := viewSVG(ctx, m, v.Name, rec); err != nil {
						b.Fatal(err)
					}
				}
				loop(b, func() error {
					_, err := viewSVG(ctx, m, v.Name, graphviz.InProcess)
					return err
				})
			})
		}
	}
}

// viewSVG draws one view of m as SVG through pkg/render.
func viewSVG(ctx context.Context, m *journey.Map, view string, r graphviz.Renderer) ([]byte, error) {
	outs, err := render.Render(ctx, m, render.Options{Views: []string{view}, Formats: []string{"svg"}, Renderer: r})
	if err != nil {
		return nil, err
	}
	return outs[0].Data, nil
}

// recorder is a Renderer that writes every DOT it lays out to dir as
// <name>.<call>.<engine>.<format>.dot, for scripts/compare-dot.sh.
type recorder struct {
	dir, name string
	calls     int
}

func (r *recorder) Render(ctx context.Context, dot []byte, engine, format string) ([]byte, error) {
	r.calls++
	path := filepath.Join(r.dir, fmt.Sprintf("%s.%d.%s.%s.dot", r.name, r.calls, engine, format))
	if err := os.WriteFile(path, dot, 0o644); err != nil {
		return nil, err
	}
	return graphviz.Render(ctx, dot, engine, format)
}

// BenchmarkBuild measures the DOT builders alone (no Graphviz).
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	for _, v := range render.Views() {
		if v.BuildLayouts > 0 {
			continue // the flow builder calls Graphviz itself
		}
		for _, n := range benchSizes {
			m := viewtest.Generate(viewtest.Config{Touchpoints: n, BackEdges: 0.1, Seed: 1})
			b.Run(fmt.Sprintf("%s/%d", v.Name, n), func(b *testing.B) {
				loop(b, func() error {
					_, _, err := v.Build(ctx, m, graphviz.InProcess, view.Options{IDPrefix: "bench"})
					return err
				})
			})
		}
	}
}

// BenchmarkRaster measures PNG and PDF of the map view at 30 and 200
// touchpoints.
func BenchmarkRaster(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{30, 200} {
		m := viewtest.Generate(viewtest.Config{Touchpoints: n, BackEdges: 0.1, Seed: 1})
		svg, err := viewSVG(ctx, m, "map", graphviz.InProcess)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("png/%d", n), func(b *testing.B) {
			loop(b, func() error {
				_, err := raster.PNG(svg, raster.Options{})
				return err
			})
		})
		b.Run(fmt.Sprintf("pdf/%d", n), func(b *testing.B) {
			loop(b, func() error {
				_, err := raster.PDF(svg, raster.Options{})
				return err
			})
		})
	}
}
