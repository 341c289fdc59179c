package viewtest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/view"
)

// Rect is a node's rectangle in DOT's coordinates (points, y up).
type Rect struct{ X0, Y0, X1, Y1 float64 }

// Contains reports whether p lies in r (edges included).
func (r Rect) Contains(p view.Point) bool {
	return p.X >= r.X0 && p.X <= r.X1 && p.Y >= r.Y0 && p.Y <= r.Y1
}

var nodeRe = regexp.MustCompile(`(?m)^n\d+ \[id="([^"]+)" pos="([-0-9.]+),([-0-9.]+)!"[^\n]*? width="([0-9.]+)" height="([0-9.]+)"`)

// NodeRects returns the rectangles of the nodes of a view's DOT whose id
// matches re, by id.
func NodeRects(dot []byte, re *regexp.Regexp) map[string]Rect {
	out := map[string]Rect{}
	for _, m := range nodeRe.FindAllSubmatch(dot, -1) {
		if !re.Match(m[1]) {
			continue
		}
		f := func(i int) float64 { v, _ := strconv.ParseFloat(string(m[i]), 64); return v }
		x, y, w, h := f(2), f(3), f(4)*72, f(5)*72
		out[string(m[1])] = Rect{x - w/2, y - h/2, x + w/2, y + h/2}
	}
	return out
}

// Route is an edge's pos: its Bézier control points and the end of its
// arrowhead (nil without one).
type Route struct {
	Ctl []view.Point
	Tip *view.Point
}

// EdgeRoutes returns the routes of the edges of a view's DOT whose id
// matches re, by id.
func EdgeRoutes(dot []byte, re *regexp.Regexp) map[string]Route {
	out := map[string]Route{}
	for _, m := range regexp.MustCompile(`(?m)^\S+ -> \S+ \[id="([^"]+)" pos="([^"]*)"`).FindAllSubmatch(dot, -1) {
		if !re.Match(m[1]) {
			continue
		}
		var r Route
		for _, f := range strings.Fields(string(m[2])) {
			arrow := strings.HasPrefix(f, "e,")
			xs, ys, _ := strings.Cut(strings.TrimPrefix(f, "e,"), ",")
			x, _ := strconv.ParseFloat(xs, 64)
			y, _ := strconv.ParseFloat(ys, 64)
			if arrow {
				r.Tip = &view.Point{X: x, Y: y}
				continue
			}
			r.Ctl = append(r.Ctl, view.Point{X: x, Y: y})
		}
		out[string(m[1])] = r
	}
	return out
}

// Curve returns points along the drawn route: each Bézier piece sampled,
// then the segment to the arrow's tip.
func (r Route) Curve() []view.Point {
	var pts []view.Point
	c := r.Ctl
	for i := 0; i+3 < len(c); i += 3 {
		p0, p1, p2, p3 := c[i], c[i+1], c[i+2], c[i+3]
		for k := 0; k <= 20; k++ {
			t := float64(k) / 20
			u := 1 - t
			pts = append(pts, view.Point{
				X: u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
				Y: u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
			})
		}
	}
	if r.Tip != nil && len(c) > 0 {
		last := c[len(c)-1]
		for k := 0; k <= 10; k++ {
			t := float64(k) / 10
			pts = append(pts, view.Point{X: last.X + (r.Tip.X-last.X)*t, Y: last.Y + (r.Tip.Y-last.Y)*t})
		}
	}
	return pts
}
