package textmeasure

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// denseLimit bounds the runes whose advances are kept in a table indexed
// by rune (Latin, Greek, Cyrillic, punctuation, arrows and shapes); others
// go to a map.
const denseLimit = 0x2800

// LineHeight is the height of one line of text as a multiple of the font
// size, the factor Graphviz uses to stack lines.
const LineHeight = 1.2

// face holds one parsed font and a cache of advances (in em) per rune.
// A rune the font lacks is measured in fallback, the font pkg/raster draws
// it with, then in the font of the fallback chain that draws it (see
// FallbackFont), and estimated only when none has it.
type face struct {
	ttf      []byte
	bold     bool
	fallback *face
	sparse   bool // no dense table: a fallback is only asked for single runes
	once     sync.Once
	font     *sfnt.Font
	upem     float64

	// dense holds the advances of runes below denseLimit in the bundled
	// fonts, each measured on first use and stored as its float64 bits
	// plus one (zero: not yet measured; -1: the bundled fonts lack it, ask
	// the fallback chain through cache). Filling the whole table up front
	// cost 20 ms of every process that measures text, for the few dozen
	// runes a map uses.
	dense []atomic.Uint64

	mu    sync.RWMutex
	cache map[rune]float64
}

var (
	regular = &face{ttf: liberationsansregular.TTF, fallback: &face{ttf: dejavusans.TTF, sparse: true}}
	bold    = &face{ttf: liberationsansbold.TTF, bold: true, fallback: &face{ttf: dejavusansbold.TTF, sparse: true}}
)

func (f *face) load() {
	f.once.Do(func() {
		f.cache = make(map[rune]float64)
		fnt, err := sfnt.Parse(f.ttf)
		if err != nil {
			// The font is embedded in the binary; a parse failure cannot
			// happen at run time. Fall back to estimates all the same.
			return
		}
		f.font = fnt
		f.upem = float64(fnt.UnitsPerEm())
		if !f.sparse {
			f.dense = make([]atomic.Uint64, denseLimit)
		}
	})
}

// reset forgets the advances measured in the fallback chain.
func (f *face) reset() {
	f.load()
	f.mu.Lock()
	f.cache = make(map[rune]float64)
	f.mu.Unlock()
}

// bundled returns the advance of r in em in the bundled fonts (the face,
// then its DejaVu fallback); zero-width runes are 0.
func (f *face) bundled(r rune) (float64, bool) {
	if zeroWidth(r) {
		return 0, true
	}
	if a, ok := f.glyphAdvance(r); ok {
		return a, true
	}
	if f.fallback != nil {
		f.fallback.load()
		if a, ok := f.fallback.glyphAdvance(r); ok {
			return a, true
		}
	}
	return 0, false
}

// lookup returns the advance of r in em: from the bundled fonts, else from
// the fallback chain, else estimated.
func (f *face) lookup(r rune) float64 {
	if a, ok := f.bundled(r); ok {
		return a
	}
	if x := FallbackFont(r, f.bold); x != nil {
		if a, ok := x.advance(r); ok {
			return a
		}
	}
	return estimate(r)
}

// advance returns the advance of r in em in the chain's font.
func (x *Font) advance(r rune) (float64, bool) {
	var buf sfnt.Buffer
	idx, err := x.sfnt.GlyphIndex(&buf, r)
	if err != nil || idx == 0 {
		return 0, false
	}
	adv, err := x.sfnt.GlyphAdvance(&buf, idx, fixed.Int26_6(x.upem*64), font.HintingNone)
	if err != nil {
		return 0, false
	}
	return float64(adv) / 64 / x.upem, true
}

// glyphAdvance returns the advance of r in em if the font has a glyph for
// it.
func (f *face) glyphAdvance(r rune) (float64, bool) {
	if f.font == nil {
		return 0, false
	}
	var buf sfnt.Buffer
	idx, err := f.font.GlyphIndex(&buf, r)
	if err != nil || idx == 0 {
		return 0, false
	}
	adv, err := f.font.GlyphAdvance(&buf, idx, fixed.Int26_6(f.upem*64), font.HintingNone)
	if err != nil {
		return 0, false
	}
	return float64(adv) / 64 / f.upem, true
}

// advance returns the advance of r in em.
func (f *face) advance(r rune) float64 {
	f.load()
	if r >= 0 && int(r) < len(f.dense) {
		v := f.dense[r].Load()
		if v == 0 {
			a, ok := f.bundled(r)
			if !ok {
				a = -1
			}
			v = math.Float64bits(a) + 1
			f.dense[r].Store(v)
		}
		if a := math.Float64frombits(v - 1); a >= 0 {
			return a
		}
	}
	f.mu.RLock()
	a, ok := f.cache[r]
	f.mu.RUnlock()
	if ok {
		return a
	}
	a = f.lookup(r)
	f.mu.Lock()
	f.cache[r] = a
	f.mu.Unlock()
	return a
}

// zeroWidth reports whether r takes no room of its own: combining marks,
// joiners, variation selectors and other format characters.
func zeroWidth(r rune) bool {
	switch {
	case r == '\u200d' || r == '\u200c' || r == '\u200b' || r == '\ufeff':
		return true
	case r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef:
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff: // skin tone modifiers
		return true
	case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), unicode.Is(unicode.Cf, r):
		return true
	case unicode.IsControl(r):
		return true
	}
	return false
}

// estimate guesses the advance, in em, of a rune the font lacks.
func estimate(r rune) float64 {
	switch {
	case isEmoji(r):
		return 1.25
	case isWide(r):
		return 1.0
	}
	return 0.6
}

// isWide reports whether r is an East Asian wide or fullwidth character.
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115f, // Hangul Jamo
		r >= 0x2e80 && r <= 0x303e, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33ff, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4dbf, // CJK extension A
		r >= 0x4e00 && r <= 0x9fff, // CJK unified ideographs
		r >= 0xa000 && r <= 0xa4cf, // Yi
		r >= 0xac00 && r <= 0xd7a3, // Hangul syllables
		r >= 0xf900 && r <= 0xfaff, // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f, // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60, // fullwidth forms
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x20000 && r <= 0x3fffd: // CJK extensions B and later
		return true
	}
	return false
}

// isEmoji reports whether r is in one of the emoji blocks.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1f000 && r <= 0x1faff,
		r >= 0x2600 && r <= 0x27bf,
		r >= 0x2b00 && r <= 0x2bff:
		return true
	}
	return false
}

func faceOf(isBold bool) *face {
	if isBold {
		return bold
	}
	return regular
}

// Width returns the width, in points, of s set on one line in Liberation
// Sans (bold when bold is true) at sizePt points, each character the font
// lacks in DejaVu Sans (Bold), as pkg/raster draws it. Line breaks in s are
// measured as spaces; Wrap first to measure several lines.
func Width(s string, sizePt float64, isBold bool) float64 {
	f := faceOf(isBold)
	em := 0.0
	for _, r := range s {
		if r == '\n' || r == '\t' {
			r = ' '
		}
		em += f.advance(r)
	}
	return em * sizePt
}

// Height returns the height, in points, of n lines at sizePt points.
func Height(n int, sizePt float64) float64 {
	return float64(n) * sizePt * LineHeight
}

// Wrap breaks s into lines no wider than maxWidthPt at sizePt points. It
// breaks at spaces but no-break ones and never before a dash standing
// alone ("a — b"), and after each wide CJK character; keeps the line
// breaks in s, and breaks a word wider than a line between characters
// (never inside a character with its combining marks). Runs of spaces
// collapse to one; an empty s gives no lines.
func Wrap(s string, maxWidthPt, sizePt float64, isBold bool) []string {
	var lines []string
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapPara(para, maxWidthPt, sizePt, isBold)...)
	}
	// Drop trailing empty lines (a label ending in a newline).
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return nil
	}
	return lines
}

func wrapPara(para string, maxW, size float64, isBold bool) []string {
	words := splitWords(para)
	if len(words) == 0 {
		return []string{""}
	}
	space := Width(" ", size, isBold)
	var lines []string
	var cur strings.Builder
	curW := 0.0
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
	}
	for _, w := range words {
		ww := Width(w.text, size, isBold)
		sep := 0.0
		if cur.Len() > 0 && w.spaceBefore {
			sep = space
		}
		if cur.Len() > 0 && curW+sep+ww <= maxW {
			if w.spaceBefore {
				cur.WriteByte(' ')
			}
			cur.WriteString(w.text)
			curW += sep + ww
			continue
		}
		if cur.Len() > 0 {
			flush()
		}
		if ww <= maxW {
			cur.WriteString(w.text)
			curW = ww
			continue
		}
		// Hard-break an over-long word between clusters.
		for _, c := range clusters(w.text) {
			cw := Width(c, size, isBold)
			if cur.Len() > 0 && curW+cw > maxW {
				flush()
			}
			cur.WriteString(c)
			curW += cw
		}
	}
	if cur.Len() > 0 {
		flush()
	}
	return lines
}

type word struct {
	text        string
	spaceBefore bool
}

// splitWords splits a paragraph at white space and after every wide
// character, which may break a line without a space. Words are substrings
// of p; a zero-width rune stays with the character before it.
func splitWords(p string) []word {
	var out []word
	start := -1
	space := false
	joinNext := false
	emit := func(end int) {
		if start >= 0 && end > start {
			out = append(out, word{text: p[start:end], spaceBefore: space})
			space = false
		}
		start = -1
	}
	for i, r := range p {
		attached := joinNext || (zeroWidth(r) && r != '\u200b' && !unicode.IsSpace(r))
		joinNext = r == '\u200d'
		if attached && start >= 0 {
			continue
		}
		switch {
		case (unicode.IsSpace(r) && !noBreak(r)) || r == '\u200b':
			emit(i)
			space = space || r != '\u200b'
		case isWide(r):
			emit(i)
			start = i
		default:
			if start >= 0 && start < len(p) && isWideAt(p, start) {
				emit(i)
			}
			if start < 0 {
				start = i
			}
		}
	}
	emit(len(p))
	if len(out) > 0 {
		out[0].spaceBefore = false
	}
	return joinDashes(out)
}

// joinDashes joins a dash standing alone between spaces ("a — b") to the
// word before it, so that a line never starts with it (a line breaks after
// the dash, as Russian and English typesetting want).
func joinDashes(words []word) []word {
	out := words[:0]
	for _, w := range words {
		if (w.text == "—" || w.text == "–") && w.spaceBefore && len(out) > 0 {
			prev := &out[len(out)-1]
			prev.text += " " + w.text
			continue
		}
		out = append(out, w)
	}
	return out
}

// noBreak reports whether r is a space that must not break a line: the
// no-break spaces that group digits and join a number to its unit
// ("12 000", "2,1 %" in Russian, i18n.Number).
func noBreak(r rune) bool { return r == '\u00a0' || r == '\u202f' || r == '\u2007' }

func isWideAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWide(r)
}

// clusters splits s into user-perceived characters, approximately: a rune
// with the zero-width runes that follow it, and runes joined by a zero
// width joiner.
func clusters(s string) []string {
	var out []string
	start := -1
	joinNext := false
	for i, r := range s {
		if start < 0 {
			start = i
			continue
		}
		if joinNext || zeroWidth(r) && r != '\u200b' && !unicode.IsSpace(r) {
			joinNext = r == '\u200d'
			continue
		}
		out = append(out, s[start:i])
		start = i
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}
