package load

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/diag"
	"gopkg.in/yaml.v3"
)

// maxCharFindings caps the control-character and the bidi findings of one
// file each: a hostile file with a million escaped NULs gets a bounded
// answer (the map has errors either way).
const maxCharFindings = 50

// oddChars reports control characters and bidi controls in the scalars
// (values and keys) of one file. Escapes in double-quoted YAML ("\0",
// "\x1b", "\u202e") are how control characters get past the YAML reader,
// which refuses raw ones (firstControl reports those).
type oddChars struct {
	l    *loader
	name string
	// lines holds the byte offset of each line of the file, made on the
	// first finding, to point at the character itself.
	lines       []int
	ctrl, bidis int
}

// check reports the first control character and the first bidi control of
// the scalar n, each at the character (the escape that writes it) when it
// can be found in the source, else at the start of the scalar.
func (o *oddChars) check(n *yaml.Node) {
	s := n.Value
	// Fast path: every rune checked is either a byte below 0x20, DEL, or
	// starts with 0xC2 (C1) or 0xE2 (bidi).
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' || c == 0x7f || c == 0xc2 || c == 0xe2 {
			break
		}
	}
	if i == len(s) {
		return
	}
	var ctrl, bidi rune
	hasCtrl, hasBidi := false, false
	for _, c := range s[i:] {
		switch {
		case !hasCtrl && diag.IsControl(c):
			ctrl, hasCtrl = c, true
		case !hasBidi && diag.IsBidiControl(c):
			bidi, hasBidi = c, true
		}
	}
	if hasCtrl && o.ctrl < maxCharFindings {
		o.ctrl++
		o.l.add(diag.Errorf(o.at(n, diag.IsControl), RuleControlChar,
			"this text holds the control character %s, which can drive the terminal of whoever reads a report of it; remove it (tab and newline are allowed)", runeName(ctrl)))
	}
	if hasBidi && o.bidis < maxCharFindings {
		o.bidis++
		o.l.add(diag.Warningf(o.at(n, diag.IsBidiControl), RuleBidiChar,
			"this text holds the bidirectional control %s, which makes it display in another order than it is written; remove it unless the label needs it", runeName(bidi)))
	}
}

// at returns the position of the first character of n's text that is, or
// whose escape writes, a rune for which want is true; the start of n when
// it is not found.
func (o *oddChars) at(n *yaml.Node, want func(rune) bool) diag.Range {
	r := diag.Range{Filename: o.name, Start: diag.Pos{Line: n.Line, Column: n.Column}}
	src := o.l.sources[o.name]
	if o.lines == nil {
		o.lines = []int{0}
		for i, c := range src {
			if c == '\n' {
				o.lines = append(o.lines, i+1)
			}
		}
	}
	if n.Line < 1 || n.Line > len(o.lines) {
		return r
	}
	// The scalar's first byte: Column counts runes.
	off := o.lines[n.Line-1]
	for col := 1; col < n.Column && off < len(src) && src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	quoted := n.Style&yaml.DoubleQuotedStyle != 0 && off < len(src) && src[off] == '"'
	line, col := n.Line, n.Column
	if quoted {
		off, col = off+1, col+1
	}
	for off < len(src) {
		c, size := utf8.DecodeRune(src[off:])
		width := 1 // runes of source the character takes
		switch {
		case quoted && c == '"':
			return r // the end of the scalar
		case quoted && c == '\\':
			c, size = unescape(src[off:])
			width = utf8.RuneCount(src[off : off+size])
		case c == '\n':
			line, col, off = line+1, 1, off+1
			continue
		}
		if want(c) {
			r.Start = diag.Pos{Line: line, Column: col}
			return r
		}
		off, col = off+size, col+width
	}
	return r
}

// unescape decodes the escape at the start of b (a backslash and what
// follows, as YAML's double-quoted style writes it) and returns the rune
// it writes (-1 for none, such as an escaped line break) and its length.
func unescape(b []byte) (rune, int) {
	if len(b) < 2 {
		return -1, len(b)
	}
	if r, ok := simpleEscapes[b[1]]; ok {
		return r, 2
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[1]]
	if digits == 0 || len(b) < 2+digits {
		_, size := utf8.DecodeRune(b[1:])
		return -1, 1 + size
	}
	v, err := strconv.ParseUint(string(b[2:2+digits]), 16, 32)
	if err != nil {
		return -1, 2
	}
	return rune(v), 2 + digits
}

var simpleEscapes = map[byte]rune{
	'0': 0, 'a': 7, 'b': 8, 't': '\t', '\t': '\t', 'n': '\n', 'v': 0x0b, 'f': 0x0c, 'r': '\r',
	'e': 0x1b, ' ': ' ', '"': '"', '/': '/', '\\': '\\', 'N': 0x85, '_': 0xa0, 'L': 0x2028, 'P': 0x2029,
}

// controlNames names the characters users meet most.
var controlNames = map[rune]string{
	0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0d: "carriage return", 0x1b: "escape", 0x7f: "DEL",
	0x85: "next line", 0x202a: "left-to-right embedding", 0x202b: "right-to-left embedding",
	0x202c: "pop directional formatting", 0x202d: "left-to-right override", 0x202e: "right-to-left override",
	0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
	0x2069: "pop directional isolate",
}

func runeName(r rune) string {
	if n, ok := controlNames[r]; ok {
		return fmt.Sprintf("%U (%s)", r, n)
	}
	return fmt.Sprintf("%U", r)
}
