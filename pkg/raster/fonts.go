package raster

import (
	"strings"
	"unicode"

	"github.com/cjm-dev/cjm/pkg/textmeasure"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavusansboldoblique"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/liberation/liberationmonobold"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/tdewolff/canvas"
)

// fontSet holds the bundled families, parsed on first use (parsing a face
// takes about 15 ms). A set is used by one drawing at a time (text
// shaping keeps state), so sets are kept in a free list and reused.
type fontSet struct {
	sans, serif, mono *canvas.FontFamily
	// fallback holds the DejaVu Sans faces loaded so far, by style: they
	// draw the characters the Liberation family lacks.
	fallback map[canvas.FontStyle]*canvas.Font
	// extra holds the faces of the fallback chain (pinned --font files,
	// system fonts; see textmeasure.FallbackFont) loaded so far; font
	// numbers from firstExtra on index it. version is the chain's.
	extra   []extraFont
	version int
	// missing collects, during one drawing, the characters no font has.
	missing map[rune]bool
}

type extraFont struct {
	src  *textmeasure.Font
	font *canvas.Font
}

var freeFonts = make(chan *fontSet, 16)

func getFonts() *fontSet {
	v := textmeasure.FontsVersion()
	for {
		select {
		case s := <-freeFonts:
			if s.version != v {
				continue // made for another chain (SetFonts was called)
			}
			s.missing = nil
			return s
		default:
			return &fontSet{version: v}
		}
	}
}

func putFonts(s *fontSet) {
	select {
	case freeFonts <- s:
	default:
	}
}

type faceData map[canvas.FontStyle][]byte

var (
	sansFaces = faceData{
		canvas.FontRegular:                  liberationsansregular.TTF,
		canvas.FontBold:                     liberationsansbold.TTF,
		canvas.FontItalic:                   liberationsansitalic.TTF,
		canvas.FontBold | canvas.FontItalic: liberationsansbolditalic.TTF,
	}
	serifFaces = faceData{
		canvas.FontRegular:                  liberationserifregular.TTF,
		canvas.FontBold:                     liberationserifbold.TTF,
		canvas.FontItalic:                   liberationserifitalic.TTF,
		canvas.FontBold | canvas.FontItalic: liberationserifbolditalic.TTF,
	}
	monoFaces = faceData{
		canvas.FontRegular: liberationmonoregular.TTF,
		canvas.FontBold:    liberationmonobold.TTF,
	}
	// fallbackFaces draw what Liberation lacks (₽, ★, ↶, Arabic,
	// Armenian, Georgian, many symbols). The oblique faces have no Arabic;
	// the upright face of the same weight draws it then.
	fallbackFaces = faceData{
		canvas.FontRegular:                  dejavusans.TTF,
		canvas.FontBold:                     dejavusansbold.TTF,
		canvas.FontItalic:                   dejavusansoblique.TTF,
		canvas.FontBold | canvas.FontItalic: dejavusansboldoblique.TTF,
	}
)

func loadFamily(name string, faces faceData) *canvas.FontFamily {
	f := canvas.NewFontFamily(name)
	for _, st := range []canvas.FontStyle{canvas.FontRegular, canvas.FontBold, canvas.FontItalic, canvas.FontBold | canvas.FontItalic} {
		if b := faces[st]; b != nil {
			f.MustLoadFont(b, 0, st)
		}
	}
	return f
}

// family picks a bundled family for an SVG font-family list by its first
// generic hint: serif names (Times) get Liberation Serif, monospace names
// (Courier) Liberation Mono, everything else Liberation Sans. System fonts
// are never read.
func (s *fontSet) family(list string) *canvas.FontFamily {
	first, _, _ := strings.Cut(strings.ToLower(list), ",")
	first = strings.Trim(strings.TrimSpace(first), `'"`)
	switch {
	case strings.Contains(first, "courier") || strings.Contains(first, "mono"):
		if s.mono == nil {
			s.mono = loadFamily("Liberation Mono", monoFaces)
		}
		return s.mono
	case strings.Contains(first, "times") || strings.Contains(first, "serif") && !strings.Contains(first, "sans"):
		if s.serif == nil {
			s.serif = loadFamily("Liberation Serif", serifFaces)
		}
		return s.serif
	}
	if s.sans == nil {
		s.sans = loadFamily("Liberation Sans", sansFaces)
	}
	return s.sans
}

// fallbackFont returns the DejaVu Sans face of a style, parsed on first
// use, so drawings whose text Liberation covers never parse (or embed) it.
func (s *fontSet) fallbackFont(style canvas.FontStyle) *canvas.Font {
	if f := s.fallback[style]; f != nil {
		return f
	}
	b := fallbackFaces[style]
	if b == nil {
		b = fallbackFaces[canvas.FontRegular]
	}
	f, err := canvas.LoadFont(b, 0, style)
	if err != nil {
		// Embedded data: cannot happen; draw() turns the panic into an error.
		panic(err)
	}
	if s.fallback == nil {
		s.fallback = map[canvas.FontStyle]*canvas.Font{}
	}
	s.fallback[style] = f
	return f
}

func hasGlyph(f *canvas.Font, r rune) bool { return f.SFNT.GlyphIndex(r) != 0 }

// Which font draws a character: the family's own, then DejaVu Sans in the
// same style, then (for italics) upright DejaVu Sans of the same weight,
// then a font of the fallback chain (firstExtra + its index in extra).
const (
	ownFont = iota
	fallbackStyled
	fallbackUpright
	firstExtra
)

// font returns the font numbered i (see ownFont).
func (s *fontSet) font(own *canvas.Font, style canvas.FontStyle, i int) *canvas.Font {
	switch i {
	case ownFont:
		return own
	case fallbackStyled:
		return s.fallbackFont(style)
	case fallbackUpright:
		return s.fallbackFont(style &^ canvas.FontItalic)
	}
	return s.extra[i-firstExtra].font
}

// extraFor returns the number of the chain's font that draws r, loading
// it on first use, or -1 when no font of the chain has r.
func (s *fontSet) extraFor(r rune, style canvas.FontStyle) int {
	x := textmeasure.FallbackFont(r, style&canvas.FontBold != 0)
	if x == nil {
		return -1
	}
	for i, e := range s.extra {
		if e.src == x {
			return firstExtra + i
		}
	}
	f, err := canvas.LoadFont(x.Data, x.Index, canvas.FontRegular)
	if err != nil {
		return -1 // textmeasure parsed it; canvas cannot: leave r a box
	}
	s.extra = append(s.extra, extraFont{src: x, font: f})
	return firstExtra + len(s.extra) - 1
}

// fontFor picks the font that draws r: the family's own, DejaVu in
// style, DejaVu upright, then the fallback chain; prev is the choice for
// the character before (-1 at the start). A combining mark, joiner or
// variation selector stays with the character before when that font has
// it or no font does, so that it is shaped with its base. A character no
// font has is left to the family's own font, which draws its
// missing-glyph box, and noted in s.missing.
func (s *fontSet) fontFor(own *canvas.Font, style canvas.FontStyle, r rune, prev int) int {
	attached := prev >= 0 && isAttached(r)
	if attached && hasGlyph(s.font(own, style, prev), r) {
		return prev
	}
	last := fallbackStyled
	if style.Italic() {
		last = fallbackUpright
	}
	for i := ownFont; i <= last; i++ {
		if hasGlyph(s.font(own, style, i), r) {
			return i
		}
	}
	if attached {
		return prev
	}
	if i := s.extraFor(r, style); i >= 0 {
		return i
	}
	if !unicode.IsSpace(r) && !unicode.IsControl(r) && !isAttached(r) {
		if s.missing == nil {
			s.missing = map[rune]bool{}
		}
		s.missing[r] = true
	}
	return ownFont
}

// isAttached reports whether r belongs to the character before it:
// combining marks, variation selectors, joiners and other format
// characters.
func isAttached(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || r >= 0xe0100 && r <= 0xe01ef
}
