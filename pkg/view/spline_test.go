package view

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The monotone spline passes through its points and, between two of
// them, never leaves their range of y and only rises or only falls: its
// Bézier control points lie between the two points in y (and in x, so it
// is a function of x). Checked on shapes that overshoot with a plain
// Catmull-Rom or natural spline (a step, a spike, plateaus) and on random
// points.
func TestMonotoneNeverOvershoots(t *testing.T) {
	cases := map[string][]Point{
		"step":     {{0, 0}, {10, 0}, {20, 100}, {30, 100}},
		"spike":    {{0, 50}, {10, 50}, {11, 0}, {12, 50}, {40, 50}},
		"plateau":  {{0, 10}, {30, 10}, {60, 10}},
		"zigzag":   {{0, 0}, {5, 100}, {10, 0}, {15, 100}, {20, 0}},
		"steep":    {{0, 0}, {1, 100}, {100, 101}, {101, 200}},
		"two":      {{0, 0}, {50, 100}},
		"vertical": {{0, 0}, {10, 50}, {10, 80}, {20, 0}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 200; k++ {
		var pts []Point
		x := 0.0
		for i := 0; i < 2+r.IntN(12); i++ {
			x += 0.5 + r.Float64()*60
			pts = append(pts, Point{x, float64(r.IntN(5)) * 29.5})
		}
		cases["random"+string(rune('A'+k%26))+string(rune('a'+k/26))] = pts
	}
	for name, pts := range cases {
		ctrl := Monotone(pts)
		if len(ctrl) != 1+3*(len(pts)-1) {
			t.Fatalf("%s: %d control points for %d points", name, len(ctrl), len(pts))
		}
		for i, p := range pts {
			if ctrl[3*i] != p {
				t.Errorf("%s: the curve misses point %d: %v, want %v", name, i, ctrl[3*i], p)
			}
		}
		for i := 0; i+1 < len(pts); i++ {
			a, b := pts[i], pts[i+1]
			lo, hi := math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)
			for _, c := range ctrl[3*i+1 : 3*i+3] {
				if c.Y < lo-1e-9 || c.Y > hi+1e-9 {
					t.Errorf("%s: segment %d overshoots: control %v outside y %v…%v", name, i, c, lo, hi)
				}
				if c.X < a.X-1e-9 || c.X > b.X+1e-9 {
					t.Errorf("%s: segment %d runs back: control %v outside x %v…%v", name, i, c, a.X, b.X)
				}
			}
			// Monotone between the points: sampled y never turns back.
			prev := a.Y
			for s := 1; s <= 50; s++ {
				tt := float64(s) / 50
				u := 1 - tt
				c1, c2 := ctrl[3*i+1], ctrl[3*i+2]
				y := u*u*u*a.Y + 3*u*u*tt*c1.Y + 3*u*tt*tt*c2.Y + tt*tt*tt*b.Y
				if (b.Y >= a.Y && y < prev-1e-9) || (b.Y < a.Y && y > prev+1e-9) {
					t.Fatalf("%s: segment %d is not monotone at t=%v", name, i, tt)
				}
				prev = y
			}
		}
	}
	if Monotone([]Point{{1, 1}}) != nil {
		t.Error("one point draws a curve")
	}
}

// A smooth curve through points that rise and then fall has a flat
// tangent at the top (no overshoot) and is not a polyline: its control
// points are off the chords.
func TestMonotoneIsSmooth(t *testing.T) {
	pts := []Point{{0, 100}, {50, 40}, {100, 0}, {150, 60}}
	ctrl := Monotone(pts)
	// At the extremum (100, 0) both neighbouring controls are level with it.
	if ctrl[5].Y != 0 || ctrl[7].Y != 0 {
		t.Errorf("tangent at the extremum not flat: %v %v", ctrl[5], ctrl[7])
	}
	// At (50, 40), the tangent is shared: the controls either side are
	// on one line through the point.
	in, out := ctrl[2], ctrl[4]
	s1 := (pts[1].Y - in.Y) / (pts[1].X - in.X)
	s2 := (out.Y - pts[1].Y) / (out.X - pts[1].X)
	if math.Abs(s1-s2) > 1e-9 {
		t.Errorf("kink at point 1: slopes %v and %v", s1, s2)
	}
}
