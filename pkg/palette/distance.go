package palette

import "math"

// Lab is a colour in CIELAB (D65 white, 2° observer).
type Lab struct{ L, A, B float64 }

// linear returns an sRGB channel (0..255) as linear light, 0..1 (IEC
// 61966-2-1).
func linear(v uint8) float64 {
	x := float64(v) / 255
	if x <= 0.04045 {
		return x / 12.92
	}
	return math.Pow((x+0.055)/1.055, 2.4)
}

// Linear returns the colour's linear-light RGB, each 0..1.
func (c RGB) Linear() [3]float64 { return [3]float64{linear(c.R), linear(c.G), linear(c.B)} }

// LabOf converts linear-light sRGB (each channel clamped to 0..1) to CIELAB:
// linear RGB → XYZ (the sRGB matrix, D65) → Lab.
func LabOf(rgb [3]float64) Lab {
	for i := range rgb {
		rgb[i] = math.Min(1, math.Max(0, rgb[i]))
	}
	r, g, b := rgb[0], rgb[1], rgb[2]
	x := 0.4124564*r + 0.3575761*g + 0.1804375*b
	y := 0.2126729*r + 0.7151522*g + 0.0721750*b
	z := 0.0193339*r + 0.1191920*g + 0.9503041*b
	// D65 reference white.
	const xn, yn, zn = 0.95047, 1.0, 1.08883
	f := func(t float64) float64 {
		const d = 6.0 / 29
		if t > d*d*d {
			return math.Cbrt(t)
		}
		return t/(3*d*d) + 4.0/29
	}
	fx, fy, fz := f(x/xn), f(y/yn), f(z/zn)
	return Lab{L: 116*fy - 16, A: 500 * (fx - fy), B: 200 * (fy - fz)}
}

// Lab returns the colour in CIELAB.
func (c RGB) Lab() Lab { return LabOf(c.Linear()) }

// deuteranopia is Machado, Oliveira and Fernandes' (2009) simulation of
// deuteranopia at severity 1.0, a matrix on linear RGB.
var deuteranopia = [3][3]float64{
	{0.367322, 0.860646, -0.227968},
	{0.280085, 0.672501, 0.047413},
	{-0.011820, 0.042940, 0.968881},
}

// Deuteranopia returns the colour as a deuteranope sees it (Machado et al.
// 2009, severity 1.0), in CIELAB.
func (c RGB) Deuteranopia() Lab {
	l := c.Linear()
	var out [3]float64
	for i, row := range deuteranopia {
		out[i] = row[0]*l[0] + row[1]*l[1] + row[2]*l[2]
	}
	return LabOf(out)
}

// DeltaE2000 is the CIEDE2000 colour difference of two Lab colours
// (kL = kC = kH = 1), as written out by Sharma, Wu and Dalal (2005). About
// 1 is a just noticeable difference; 20 and more reads as another colour.
func DeltaE2000(p, q Lab) float64 {
	deg := math.Pi / 180
	c1 := math.Hypot(p.A, p.B)
	c2 := math.Hypot(q.A, q.B)
	cm := (c1 + c2) / 2
	cm7 := math.Pow(cm, 7)
	g := 0.5 * (1 - math.Sqrt(cm7/(cm7+math.Pow(25, 7))))
	a1, a2 := (1+g)*p.A, (1+g)*q.A
	c1p, c2p := math.Hypot(a1, p.B), math.Hypot(a2, q.B)
	hue := func(b, a float64) float64 {
		if a == 0 && b == 0 {
			return 0
		}
		h := math.Atan2(b, a) / deg
		if h < 0 {
			h += 360
		}
		return h
	}
	h1, h2 := hue(p.B, a1), hue(q.B, a2)

	dL := q.L - p.L
	dC := c2p - c1p
	var dh float64
	if c1p*c2p != 0 {
		dh = h2 - h1
		switch {
		case dh > 180:
			dh -= 360
		case dh < -180:
			dh += 360
		}
	}
	dH := 2 * math.Sqrt(c1p*c2p) * math.Sin(dh/2*deg)

	lm := (p.L + q.L) / 2
	cmp := (c1p + c2p) / 2
	hm := h1 + h2
	if c1p*c2p != 0 {
		switch {
		case math.Abs(h1-h2) <= 180:
			hm = (h1 + h2) / 2
		case h1+h2 < 360:
			hm = (h1 + h2 + 360) / 2
		default:
			hm = (h1 + h2 - 360) / 2
		}
	}
	t := 1 - 0.17*math.Cos((hm-30)*deg) + 0.24*math.Cos(2*hm*deg) +
		0.32*math.Cos((3*hm+6)*deg) - 0.20*math.Cos((4*hm-63)*deg)
	dTheta := 30 * math.Exp(-math.Pow((hm-275)/25, 2))
	cmp7 := math.Pow(cmp, 7)
	rc := 2 * math.Sqrt(cmp7/(cmp7+math.Pow(25, 7)))
	l50 := (lm - 50) * (lm - 50)
	sl := 1 + 0.015*l50/math.Sqrt(20+l50)
	sc := 1 + 0.045*cmp
	sh := 1 + 0.015*cmp*t
	rt := -math.Sin(2*dTheta*deg) * rc
	tl, tc, th := dL/sl, dC/sc, dH/sh
	return math.Sqrt(tl*tl + tc*tc + th*th + rt*tc*th)
}

// Distance is the CIEDE2000 difference of two colours as drawn, and as a
// deuteranope sees them.
func Distance(a, b RGB) (normal, deutan float64) {
	return DeltaE2000(a.Lab(), b.Lab()), DeltaE2000(a.Deuteranopia(), b.Deuteranopia())
}
