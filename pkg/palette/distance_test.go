package palette

import (
	"math"
	"testing"
)

// Pairs from Sharma, Wu and Dalal, "The CIEDE2000 color-difference
// formula: implementation notes, supplementary test data, and mathematical
// observations" (2005), table 1: they catch the hue-mean, arc-crossing and
// rotation-term mistakes.
func TestDeltaE2000Sharma(t *testing.T) {
	tests := []struct {
		n    int
		p, q Lab
		want float64
	}{
		{1, Lab{50, 2.6772, -79.7751}, Lab{50, 0, -82.7485}, 2.0425},
		{2, Lab{50, 3.1571, -77.2803}, Lab{50, 0, -82.7485}, 2.8615},
		{4, Lab{50, -1.3802, -84.2814}, Lab{50, 0, -82.7485}, 1.0000},
		{7, Lab{50, 0, 0}, Lab{50, -1, 2}, 2.3669},
		{9, Lab{50, 2.49, -0.001}, Lab{50, -2.49, 0.0009}, 7.1792},
		{11, Lab{50, 2.49, -0.001}, Lab{50, -2.49, 0.0011}, 7.2195},
		{13, Lab{50, -0.001, 2.49}, Lab{50, 0.0009, -2.49}, 4.8045},
		{16, Lab{50, 2.5, 0}, Lab{50, 0, -2.5}, 4.3065},
		{17, Lab{50, 2.5, 0}, Lab{73, 25, -18}, 27.1492},
		{19, Lab{50, 2.5, 0}, Lab{56, -27, -3}, 31.9030},
		{25, Lab{60.2574, -34.0099, 36.2677}, Lab{60.4626, -34.1751, 39.4387}, 1.2644},
		{34, Lab{2.0776, 0.0795, -1.1350}, Lab{0.9033, -0.0636, -0.5514}, 0.9082},
	}
	for _, tt := range tests {
		for _, swap := range []bool{false, true} {
			p, q := tt.p, tt.q
			if swap {
				p, q = q, p
			}
			if got := DeltaE2000(p, q); math.Abs(got-tt.want) > 5e-5 {
				t.Errorf("pair %d (swapped %v): ΔE00 = %.5f, want %.4f", tt.n, swap, got, tt.want)
			}
		}
	}
}

// sRGB to Lab against well-known values (white, black, pure primaries).
func TestLab(t *testing.T) {
	tests := []struct {
		hex  string
		want Lab
	}{
		{"#FFFFFF", Lab{100, 0, 0}},
		{"#000000", Lab{0, 0, 0}},
		{"#FF0000", Lab{53.24, 80.09, 67.20}},
		{"#00FF00", Lab{87.73, -86.18, 83.18}},
		{"#0000FF", Lab{32.30, 79.19, -107.86}},
	}
	for _, tt := range tests {
		c, _ := Parse(tt.hex)
		got := c.Lab()
		if math.Abs(got.L-tt.want.L) > 0.05 || math.Abs(got.A-tt.want.A) > 0.05 || math.Abs(got.B-tt.want.B) > 0.05 {
			t.Errorf("%s: Lab = %+v, want %+v", tt.hex, got, tt.want)
		}
	}
}

// Red and green, far apart for most readers, come close for a deuteranope;
// blue and yellow stay apart; grey is unchanged.
func TestDeuteranopia(t *testing.T) {
	red, _ := Parse("#D62728")
	green, _ := Parse("#2CA02C")
	blue, _ := Parse("#1F77B4")
	yellow, _ := Parse("#FFD92F")
	grey, _ := Parse("#808080")
	n, d := Distance(red, green)
	if n < 40 || d > n/2 {
		t.Errorf("red/green: ΔE %.1f normal, %.1f deuteranope; want far apart, then much closer", n, d)
	}
	if _, d := Distance(blue, yellow); d < 40 {
		t.Errorf("blue/yellow: ΔE %.1f for a deuteranope, want > 40", d)
	}
	if g := DeltaE2000(grey.Lab(), grey.Deuteranopia()); g > 0.5 {
		t.Errorf("grey changes by ΔE %.2f under the simulation", g)
	}
}
