package raster

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Missing collects the characters that no font could draw (they come out
// as the missing-glyph box in the PNG and the PDF), over any number of
// drawings. It is safe for concurrent use; the zero value is ready.
type Missing struct {
	mu    sync.Mutex
	runes map[rune]bool
}

func (m *Missing) add(set map[rune]bool) {
	if m == nil || len(set) == 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.runes == nil {
		m.runes = map[rune]bool{}
	}
	for r := range set {
		m.runes[r] = true
	}
}

// Runes returns the characters collected, in code point order.
func (m *Missing) Runes() []rune {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]rune, 0, len(m.runes))
	for r := range m.runes {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// maxListed bounds the characters a warning names.
const maxListed = 12

// Warning returns one message naming the characters collected and how to
// draw them, or "" when there are none.
func (m *Missing) Warning() string {
	rs := m.Runes()
	if len(rs) == 0 {
		return ""
	}
	var list []string
	for _, r := range rs[:min(len(rs), maxListed)] {
		list = append(list, fmt.Sprintf("%c (U+%04X)", r, r))
	}
	more := ""
	if len(rs) > maxListed {
		more = fmt.Sprintf(" and %d more", len(rs)-maxListed)
	}
	return fmt.Sprintf("no font has %d character%s used in the labels: %s%s; the PNG and PDF draw %s. "+
		"Install a TrueType font that has %s into /usr/share/fonts, /usr/local/share/fonts or ~/.fonts "+
		"(Debian, Ubuntu: apt-get install fonts-droid-fallback for Chinese and Japanese, fonts-nanum for Korean, fonts-symbola for emoji, fonts-noto-core for other scripts) "+
		"or name one with --font FILE",
		len(rs), plural(len(rs)), strings.Join(list, ", "), more, boxes(len(rs)), them(len(rs)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func boxes(n int) string {
	if n == 1 {
		return "it as a box"
	}
	return "them as boxes"
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
