package render_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/render"
)

// A map rendered to SVG: load and validate it, then ask pkg/render for
// both views. Graphviz runs in this process unless Options.Renderer names
// another runner (a renderpool.Pool).
func Example() {
	dir, _ := os.MkdirTemp("", "cjm-example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "b2b.yaml")
	os.WriteFile(file, []byte(`cjm: 1
title: B2B buyer journey
channels:
  - {id: web, name: Website}
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - {id: article, name: Blog article, channel: web, emotion: 1, next: [demo]}
  - id: evaluation
    name: Evaluation
    touchpoints:
      - {id: demo, name: Product demo, channel: web, emotion: -1}
`), 0o644)

	res := check.File(file, load.Options{Root: dir})
	if res.Map == nil || res.Diags.HasErrors() {
		fmt.Println(res.Diags)
		return
	}
	outs, err := render.Render(context.Background(), res.Map, render.Options{
		Views:   []string{"map", "flow"},
		Formats: []string{"svg"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range outs {
		svg := o.Data
		fmt.Printf("%s: %t, graph id %q: %t, touchpoints named: %t\n", o.Name,
			bytes.Contains(svg, []byte("<svg ")),
			render.IDPrefix(file, o.View), bytes.Contains(svg, []byte(`id="`+render.IDPrefix(file, o.View)+`"`)),
			bytes.Contains(svg, []byte("Blog article")) && bytes.Contains(svg, []byte("Product demo")))
	}
	// Output:
	// b2b.svg: true, graph id "b2b-map": true, touchpoints named: true
	// b2b.flow.svg: true, graph id "b2b-flow": true, touchpoints named: true
}
