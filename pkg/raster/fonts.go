package raster

import (
	"strings"
	"sync"

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

// fontSet holds the bundled families, parsed. A set is used by one
// drawing at a time (text shaping keeps caches), so sets are pooled.
type fontSet struct {
	sans, serif, mono *canvas.FontFamily
}

var fontPool sync.Pool

func getFonts() *fontSet {
	if s, ok := fontPool.Get().(*fontSet); ok {
		return s
	}
	return newFontSet()
}

func putFonts(s *fontSet) { fontPool.Put(s) }

func newFontSet() *fontSet {
	load := func(name string, faces map[canvas.FontStyle][]byte) *canvas.FontFamily {
		f := canvas.NewFontFamily(name)
		for _, st := range []canvas.FontStyle{canvas.FontRegular, canvas.FontBold, canvas.FontItalic, canvas.FontBold | canvas.FontItalic} {
			if b := faces[st]; b != nil {
				f.MustLoadFont(b, 0, st)
			}
		}
		return f
	}
	return &fontSet{
		sans: load("Liberation Sans", map[canvas.FontStyle][]byte{
			canvas.FontRegular:                  liberationsansregular.TTF,
			canvas.FontBold:                     liberationsansbold.TTF,
			canvas.FontItalic:                   liberationsansitalic.TTF,
			canvas.FontBold | canvas.FontItalic: liberationsansbolditalic.TTF,
		}),
		serif: load("Liberation Serif", map[canvas.FontStyle][]byte{
			canvas.FontRegular:                  liberationserifregular.TTF,
			canvas.FontBold:                     liberationserifbold.TTF,
			canvas.FontItalic:                   liberationserifitalic.TTF,
			canvas.FontBold | canvas.FontItalic: liberationserifbolditalic.TTF,
		}),
		mono: load("Liberation Mono", map[canvas.FontStyle][]byte{
			canvas.FontRegular: liberationmonoregular.TTF,
			canvas.FontBold:    liberationmonobold.TTF,
		}),
	}
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
		return s.mono
	case strings.Contains(first, "times") || first == "serif" || strings.Contains(first, "serif") && !strings.Contains(first, "sans"):
		return s.serif
	}
	return s.sans
}
