package view

import "math"

// Monotone returns the Bézier control points (1 + 3n, as Edge takes them)
// of the monotone cubic spline through pts (Fritsch and Carlson, 1980):
// between two points the curve only rises or only falls, and it never
// leaves the range of their y, so a chart drawn with it never overshoots
// its points (nor the axis they lie within). The points' x must grow;
// where one does not (two points one above the other, or out of order)
// the two are joined by a straight segment and the spline starts again.
func Monotone(pts []Point) []Point {
	n := len(pts)
	if n < 2 {
		return nil
	}
	out := []Point{pts[0]}
	for i := 0; i < n-1; {
		j := i
		for j+1 < n && pts[j+1].X > pts[j].X {
			j++
		}
		if j == i {
			out = append(out, Line(pts[i], pts[i+1])[1:]...)
			i++
			continue
		}
		out = append(out, monotoneRun(pts[i : j+1])[1:]...)
		i = j
	}
	return out
}

// monotoneRun is Monotone of points whose x grows strictly.
func monotoneRun(p []Point) []Point {
	n := len(p)
	d := make([]float64, n-1) // the secants
	for k := range d {
		d[k] = (p[k+1].Y - p[k].Y) / (p[k+1].X - p[k].X)
	}
	m := make([]float64, n) // the tangents
	m[0], m[n-1] = d[0], d[n-2]
	for k := 1; k < n-1; k++ {
		if d[k-1]*d[k] <= 0 {
			m[k] = 0 // an extremum (or a flat stretch): flat there
		} else {
			m[k] = (d[k-1] + d[k]) / 2
		}
	}
	// Fritsch–Carlson: α = m_k/d_k and β = m_{k+1}/d_k within the circle
	// of radius 3 keeps the segment monotone; both are then at most 3, so
	// the Bézier control points y + m·h/3 stay between the two points.
	for k := 0; k < n-1; k++ {
		if d[k] == 0 {
			m[k], m[k+1] = 0, 0
			continue
		}
		a, b := m[k]/d[k], m[k+1]/d[k]
		if s := a*a + b*b; s > 9 {
			t := 3 / math.Sqrt(s)
			m[k], m[k+1] = t*a*d[k], t*b*d[k]
		}
	}
	out := make([]Point, 0, 1+3*(n-1))
	out = append(out, p[0])
	for k := 0; k < n-1; k++ {
		h := p[k+1].X - p[k].X
		c1 := Point{X: p[k].X + h/3, Y: p[k].Y + m[k]*h/3}
		c2 := Point{X: p[k+1].X - h/3, Y: p[k+1].Y - m[k+1]*h/3}
		out = append(out, clampY(c1, p[k], p[k+1]), clampY(c2, p[k], p[k+1]), p[k+1])
	}
	return out
}

// clampY keeps c's y between a's and b's (against rounding).
func clampY(c, a, b Point) Point {
	lo, hi := math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)
	c.Y = math.Max(lo, math.Min(hi, c.Y))
	return c
}
