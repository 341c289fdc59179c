package palette

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Emotion colours: pain and delight are Okabe–Ito vermillion and blue, a
// pair colour-blind readers tell apart; neutral is a mid grey.
const (
	Pain    = "#D55E00"
	Neutral = "#8C8C8C"
	Delight = "#0072B2"
)

// Tints of the emotion colours for backgrounds.
const (
	PainTint    = "#FBE3D3"
	DelightTint = "#D6E9F5"
	// OpportunityTint fills the map's opportunity cells: a light green,
	// apart from the pain and delight tints.
	OpportunityTint = "#DDF0E2"
)

// Ink colours: text and lines.
const (
	Text      = "#1A1A1A"
	TextMuted = "#5A5A5A"
	TextLight = "#FFFFFF"
	Rule      = "#B8BEC8"
	Header    = "#E9ECF1"
	Band      = "#D5DBE5"
)

// Emotion returns the colour of an emotion value: pain below zero, delight
// above, neutral at zero.
func Emotion(v float64) string {
	switch {
	case v < 0:
		return Pain
	case v > 0:
		return Delight
	}
	return Neutral
}

// RGB is a colour with 8-bit channels.
type RGB struct{ R, G, B uint8 }

// Parse reads "#rrggbb" (or "#rgb"); ok is false for anything else.
func Parse(s string) (RGB, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "#") {
		return RGB{}, false
	}
	s = s[1:]
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return RGB{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return RGB{}, false
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}

// Hex returns the colour as "#RRGGBB".
func (c RGB) Hex() string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// Luminance returns the WCAG relative luminance, 0 (black) to 1 (white).
func (c RGB) Luminance() float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast returns the WCAG contrast ratio of two colours, 1 to 21.
func Contrast(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TextOn returns the text colour (Text or TextLight) with the higher
// contrast on the fill. An unreadable fill gets Text.
func TextOn(fill string) string {
	c, ok := Parse(fill)
	if !ok {
		return Text
	}
	dark, _ := Parse(Text)
	light, _ := Parse(TextLight)
	if Contrast(c, light) > Contrast(c, dark) {
		return TextLight
	}
	return Text
}

// Tint mixes the colour with white: amount 0 keeps it, 1 gives white. It
// returns the colour unchanged when it cannot be parsed.
func Tint(color string, amount float64) string {
	c, ok := Parse(color)
	if !ok {
		return color
	}
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) + (255-float64(v))*amount)) }
	return RGB{mix(c.R), mix(c.G), mix(c.B)}.Hex()
}

// Darken mixes the colour with black: amount 0 keeps it, 1 gives black.
func Darken(color string, amount float64) string {
	c, ok := Parse(color)
	if !ok {
		return color
	}
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) * (1 - amount))) }
	return RGB{mix(c.R), mix(c.G), mix(c.B)}.Hex()
}

// Readable returns the colour darkened just enough for text in it to reach
// a WCAG contrast of 4.5 on white, so a light category colour can colour
// a name and stay legible in print.
func Readable(color string) string {
	c, ok := Parse(color)
	if !ok {
		return Text
	}
	white := RGB{255, 255, 255}
	for i := 0; i <= 20; i++ {
		d, _ := Parse(Darken(c.Hex(), float64(i)*0.05))
		if Contrast(d, white) >= 4.5 {
			return d.Hex()
		}
	}
	return Text
}
