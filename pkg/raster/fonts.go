package raster

import (
	"strings"

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
}

var freeFonts = make(chan *fontSet, 16)

func getFonts() *fontSet {
	select {
	case s := <-freeFonts:
		return s
	default:
		return &fontSet{}
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
