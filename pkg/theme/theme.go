package theme

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/raster"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Names are the built-in themes: default (the look without a theme) and
// print (greys a black-and-white printer keeps apart; symbols carry every
// meaning). pkg/config accepts them for `render.theme`.
var Names = []string{"default", "print"}

// Keys of a theme file, in the order docs/themes.md lists them.
var Keys = []string{"base", "colors", "logo", "font", "footer", "confidential"}

// RuleBrandColor is the warning about a brand colour the palette cannot
// use (too light, unreadable text, too near another brand colour).
const RuleBrandColor = "brand-color"

// MaxLogoBytes bounds the logo file: it is embedded in every SVG and HTML.
const MaxLogoBytes = 1 << 20

// Builtin returns the built-in theme name; default is nil (no theme).
func Builtin(name string) (th *view.Theme, ok bool) {
	switch name {
	case "default":
		return nil, true
	case "print":
		return &view.Theme{Name: "print", Scheme: palette.Scheme{Set: palette.Print, Greyscale: true}}, true
	}
	return nil, false
}

// IsBuiltin reports whether ref names a built-in theme rather than a file.
func IsBuiltin(ref string) bool {
	_, ok := Builtin(ref)
	return ok
}

// Load returns the theme ref names: a built-in name, or a theme file (a
// relative path taken from dir), read up to limit bytes (0 or less: no
// limit). The theme is nil for default and when there are errors; the
// findings may hold warnings (a brand colour left out) for a usable theme.
func Load(ref, dir string, limit int64) (*view.Theme, diag.Diagnostics, diag.Sources) {
	if th, ok := Builtin(ref); ok {
		return th, nil, nil
	}
	path := ref
	if !filepath.IsAbs(path) && dir != "" {
		path = filepath.Join(dir, path)
	}
	return File(path, limit)
}

// File reads and loads the theme file at path.
func File(path string, limit int64) (*view.Theme, diag.Diagnostics, diag.Sources) {
	src, d := load.ReadFile(path, limit)
	if d != nil {
		return nil, diag.Diagnostics{d}, nil
	}
	th, ds := Bytes(path, src)
	return th, ds, diag.Sources{path: src}
}

// Bytes loads a theme file whose content is src, named filename in
// findings; the logo's path is taken from filename's directory. The theme
// is nil when there are errors.
func Bytes(filename string, src []byte) (*view.Theme, diag.Diagnostics) {
	p := &parser{Walker: load.Walker{Name: filename, File: "a theme"}, dir: filepath.Dir(filename)}
	th := &view.Theme{Name: filename}
	if top := p.Document(src); top != nil {
		p.top(top, th)
	} else if !p.Diags.HasErrors() {
		p.Diags = append(p.Diags, diag.Errorf(diag.Range{Filename: filename, Start: diag.Pos{Line: 1, Column: 1}}, load.RuleEmptyFile,
			"the theme is empty; give at least one of %s (docs/themes.md)", strings.Join(Keys, ", ")))
	}
	if p.Diags.HasErrors() {
		return nil, p.Diags
	}
	return th, p.Diags
}

type parser struct {
	load.Walker
	dir string
}

func (p *parser) top(n *yaml.Node, th *view.Theme) {
	var brand []string
	var brandAt []*yaml.Node
	for _, kv := range p.Fields(n, "a theme", Keys) {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "base":
			if s := p.Enum(v, "base", Names); s != "" {
				b, _ := Builtin(s)
				if b != nil {
					th.Scheme = b.Scheme
				}
			}
		case "colors":
			for _, it := range p.Items(v) {
				s, ok := p.Text(it, "colors")
				if !ok {
					continue
				}
				if _, ok := palette.Parse(s); !ok {
					p.Errorf(it, load.RuleBadColor, "a brand colour must be a hex colour `#rrggbb` (e.g. `#0b3d91`), not %q", s)
					continue
				}
				brand, brandAt = append(brand, s), append(brandAt, it)
			}
		case "logo":
			if s, ok := p.Text(v, "logo"); ok {
				th.Logo = p.logo(v, s)
			}
		case "font":
			if s, ok := p.Text(v, "font"); ok {
				th.Font = p.font(v, s)
			}
		case "footer":
			if s, ok := p.Text(v, "footer"); ok {
				th.Footer = strings.TrimSpace(s)
			}
		case "confidential":
			if s, ok := p.Text(v, "confidential"); ok {
				th.Confidential = strings.TrimSpace(s)
			}
		}
	}
	if len(brand) > 0 {
		if th.Scheme.Greyscale {
			p.Errorf(brandAt[0], load.RuleBadEnum, "`colors` and `base: print` do not go together: the print theme's greys are what keeps a black-and-white print legible; drop one")
			return
		}
		set, reasons := palette.Brand(brand)
		for i, r := range reasons {
			if r != "" {
				p.Diags = append(p.Diags, diag.Warningf(p.At(brandAt[i]), RuleBrandColor, "brand colour left out of the palette: %s", r))
			}
		}
		th.Scheme.Set = set
	}
}

// font checks a font family list ("Acme Sans, Arial"): it goes into SVG
// attributes and CSS, so only letters, digits, spaces and - _ . , ' are
// allowed.
func (p *parser) font(v *yaml.Node, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		p.Errorf(v, load.RuleMissingKey, "`font` is empty; name a font family (\"Inter\"), or remove the key")
		return ""
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" -_.,'", r)) {
			p.Errorf(v, load.RuleBadEnum, "`font` may hold letters, digits, spaces and - _ . , ' only, not %q: name font families separated by commas (\"Acme Sans, Arial\")", r)
			return ""
		}
	}
	var fams []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			fams = append(fams, f)
		}
	}
	return strings.Join(fams, ",")
}

// logo reads the logo file (relative to the theme's directory): an SVG or
// a PNG, at most MaxLogoBytes, with a size to keep its aspect.
func (p *parser) logo(v *yaml.Node, s string) *view.Logo {
	path := s
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.dir, path)
	}
	var mime string
	switch strings.ToLower(filepath.Ext(s)) {
	case ".svg":
		mime = "image/svg+xml"
	case ".png":
		mime = "image/png"
	default:
		p.Errorf(v, load.RuleBadEnum, "`logo: %s` must be an .svg or a .png file", s)
		return nil
	}
	data, d := load.ReadFile(path, MaxLogoBytes)
	if d != nil {
		p.Errorf(v, load.RuleReadError, "the logo %s: %s", s, d.Message)
		return nil
	}
	var w, h float64
	var err error
	if mime == "image/png" {
		w, h, err = pngSize(data)
	} else {
		w, h, err = svgSize(data)
	}
	if err != nil {
		p.Errorf(v, load.RuleBadEnum, "the logo %s: %s", s, err)
		return nil
	}
	lw, lh := w*view.LogoHeight/h, view.LogoHeight
	if lw > view.LogoMaxWidth {
		lw, lh = view.LogoMaxWidth, h*view.LogoMaxWidth/w
	}
	return &view.Logo{MIME: mime, Data: data, Width: math.Round(lw*100) / 100, Height: math.Round(lh*100) / 100}
}

// pngSize reads the size of a PNG from its header.
func pngSize(b []byte) (w, h float64, err error) {
	if len(b) < 24 || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || string(b[12:16]) != "IHDR" {
		return 0, 0, fmt.Errorf("not a PNG file")
	}
	w, h = float64(binary.BigEndian.Uint32(b[16:20])), float64(binary.BigEndian.Uint32(b[20:24]))
	if w == 0 || h == 0 {
		return 0, 0, fmt.Errorf("the PNG has no size")
	}
	if w*h > raster.MaxImagePixels {
		return 0, 0, fmt.Errorf("the PNG is %g × %g pixels, more than PNG and PDF draw (%d pixels); scale it down, a logo is drawn %g pt high", w, h, raster.MaxImagePixels, view.LogoHeight)
	}
	return w, h, nil
}

// svgSize reads the size of an SVG from its root element: viewBox, or
// width and height (in user units; a unit suffix is ignored, only the
// aspect matters).
func svgSize(b []byte) (w, h float64, err error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, fmt.Errorf("not an SVG file (no <svg> element)")
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, fmt.Errorf("not an SVG file (it starts with <%s>)", se.Name.Local)
		}
		var vb, ws, hs string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "viewBox":
				vb = a.Value
			case "width":
				ws = a.Value
			case "height":
				hs = a.Value
			}
		}
		if f := strings.Fields(strings.ReplaceAll(vb, ",", " ")); len(f) == 4 {
			w, _ = strconv.ParseFloat(f[2], 64)
			h, _ = strconv.ParseFloat(f[3], 64)
		}
		if w <= 0 || h <= 0 {
			w, h = number(ws), number(hs)
		}
		if w <= 0 || h <= 0 || math.IsInf(w, 0) || math.IsInf(h, 0) {
			return 0, 0, fmt.Errorf("the SVG gives no size: add a viewBox (viewBox=\"0 0 120 40\")")
		}
		return w, h, nil
	}
}

// number reads the leading number of a length ("120px" gives 120).
func number(s string) float64 {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	x, _ := strconv.ParseFloat(s[:i], 64)
	return x
}
