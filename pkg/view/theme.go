package view

import (
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
)

// Theme is the branding of a deliverable (cjm render --theme, a project
// configuration's render.theme), as pkg/theme loads it: plain data, so the
// builders need nothing more to draw it. A nil *Theme is the default look.
type Theme struct {
	// Name is the built-in name (default, print) or the theme file.
	Name string
	// Scheme is what the map's colours are assigned from: the brand
	// colours before palette.Set, or the print greys.
	Scheme palette.Scheme
	// Font is the font family named in SVG and HTML (in front of the
	// defaults, which stay as fallbacks); empty: the default.
	Font string
	// Logo is drawn top right of the title in the map view and in the HTML
	// report's header; nil: none.
	Logo *Logo
	// Footer ("Prepared by … for …") and Confidential (a confidentiality
	// line) go at the bottom of the map view and the HTML report, and on
	// every PNG and PDF page of a paper size.
	Footer       string
	Confidential string
}

// Logo is an image embedded in the outputs.
type Logo struct {
	// MIME is image/svg+xml or image/png; Data the file's bytes.
	MIME string
	Data []byte
	// Width and Height are its size in points as drawn (its aspect kept,
	// at most LogoHeight high).
	Width, Height float64
}

// LogoHeight is the height a logo is drawn at, in points; LogoMaxWidth
// bounds a wide one.
const (
	LogoHeight   = 36.0
	LogoMaxWidth = 180.0
)

// FontName returns the DOT fontname of the theme: its font before
// DefaultFont, or DefaultFont.
func (th *Theme) FontName() string {
	if th == nil || th.Font == "" {
		return DefaultFont
	}
	return th.Font + "," + DefaultFont
}

// FootLines returns the footer and the confidentiality line that are
// given, in that order.
func (th *Theme) FootLines() []string {
	if th == nil {
		return nil
	}
	var out []string
	for _, s := range []string{th.Footer, th.Confidential} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Colors returns the colours of m under o's theme (NewColors for the
// default).
func (o Options) Colors(m *journey.Map) *Colors {
	if o.Theme == nil {
		return NewColors(m)
	}
	return newColors(m, o.Theme.Scheme)
}
