package lsp

import (
	"bytes"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/diag"
	"go.lsp.dev/protocol"
)

// lineStart returns the byte offset where line (0-based) of text starts,
// and false when text has fewer lines.
func lineStart(text []byte, line int) (int, bool) {
	st := starts(text)
	if line < 0 || line >= len(st) {
		return len(text), false
	}
	return st[line], true
}

// lineCache keeps the line starts of the texts positions were last
// converted in (the buffers and the files they include never change in
// place: an edit makes a new slice), so that converting many positions of
// one file scans it once.
var lineCache struct {
	sync.Mutex
	entries []lineEntry
}

type lineEntry struct {
	data   *byte
	n      int
	starts []int
}

const lineCacheSize = 8

func starts(text []byte) []int {
	if len(text) == 0 {
		return []int{0}
	}
	key := &text[0]
	lineCache.Lock()
	defer lineCache.Unlock()
	for i, e := range lineCache.entries {
		if e.data == key && e.n == len(text) {
			if i > 0 { // most recent first
				copy(lineCache.entries[1:i+1], lineCache.entries[:i])
				lineCache.entries[0] = e
			}
			return e.starts
		}
	}
	st := []int{0}
	for off := 0; ; {
		j := bytes.IndexByte(text[off:], '\n')
		if j < 0 {
			break
		}
		off += j + 1
		st = append(st, off)
	}
	e := lineEntry{data: key, n: len(text), starts: st}
	if len(lineCache.entries) < lineCacheSize {
		lineCache.entries = append(lineCache.entries, lineEntry{})
	}
	copy(lineCache.entries[1:], lineCache.entries[:len(lineCache.entries)-1])
	lineCache.entries[0] = e
	return st
}

// lineAt returns line (0-based) of text without its line ending.
func lineAt(text []byte, line int) []byte {
	off, ok := lineStart(text, line)
	if !ok {
		return nil
	}
	rest := text[off:]
	if j := bytes.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	return bytes.TrimSuffix(rest, []byte("\r"))
}

// offset converts an LSP position (0-based line, UTF-16 code units) to a
// byte offset of text, clamped to the line and the text.
func offset(text []byte, p protocol.Position) int {
	off, ok := lineStart(text, int(p.Line))
	if !ok {
		return len(text)
	}
	units := int(p.Character)
	for off < len(text) && units > 0 {
		r, size := utf8.DecodeRune(text[off:])
		if r == '\n' {
			break
		}
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if n > units {
			break
		}
		units -= n
		off += size
	}
	return off
}

// units16 returns how many UTF-16 code units the first n runes of line
// take (all of line when it has fewer).
func units16(line []byte, n int) int {
	u := 0
	for i := 0; i < n && len(line) > 0; i++ {
		r, size := utf8.DecodeRune(line)
		line = line[size:]
		u += utf16.RuneLen(r)
		if utf16.RuneLen(r) < 0 {
			u++ // invalid rune: one unit, as editors show U+FFFD
		}
	}
	return u
}

// position converts a cjm position (1-based line, rune column) in text to
// an LSP one. The zero position (unknown) is the start of the file.
func position(text []byte, p diag.Pos) protocol.Position {
	if p.Line < 1 {
		return protocol.Position{}
	}
	col := max(p.Column-1, 0)
	return protocol.Position{Line: uint32(p.Line - 1), Character: uint32(units16(lineAt(text, p.Line-1), col))}
}

// tokenEnd returns the rune column just past the YAML token that starts at
// the 1-based rune column col of line: a quoted scalar to its closing
// quote, a plain one to a separator (`: `, `,`, `]`, `}`, ` #`) or the end
// of the line. A token of nothing yields col+1, so a range is never empty.
func tokenEnd(line []byte, col int) int {
	rs := []rune(string(line))
	i := col - 1
	if i < 0 || i >= len(rs) {
		return col + 1
	}
	j := i
	switch q := rs[i]; q {
	case '"', '\'':
		for j = i + 1; j < len(rs); j++ {
			if rs[j] == '\\' && q == '"' {
				j++
				continue
			}
			if rs[j] == q {
				j++
				break
			}
		}
	default:
		for ; j < len(rs); j++ {
			c := rs[j]
			if c == ',' || c == ']' || c == '}' {
				break
			}
			if c == ':' && (j+1 == len(rs) || rs[j+1] == ' ') {
				break
			}
			if c == '#' && j > i && rs[j-1] == ' ' {
				break
			}
		}
		for j > i && rs[j-1] == ' ' {
			j--
		}
	}
	if j > len(rs) {
		j = len(rs)
	}
	if j <= i {
		return col + 1
	}
	return j + 1
}

// span converts a cjm range in text to an LSP range: its end, or the end
// of the token at its start when the range has none.
func span(text []byte, r diag.Range) protocol.Range {
	start := position(text, r.Start)
	if !r.End.IsZero() {
		return protocol.Range{Start: start, End: position(text, r.End)}
	}
	if r.Start.IsZero() {
		return protocol.Range{Start: start, End: start}
	}
	end := tokenEnd(lineAt(text, r.Start.Line-1), r.Start.Column)
	return protocol.Range{Start: start, End: position(text, diag.Pos{Line: r.Start.Line, Column: end})}
}

// idSpan is the range of an id written at r: the id itself, inside its
// quotes when it is quoted.
func idSpan(text []byte, r diag.Range, id string) protocol.Range {
	line := []rune(string(lineAt(text, r.Start.Line-1)))
	col := r.Start.Column
	if i := col - 1; i >= 0 && i < len(line) && (line[i] == '"' || line[i] == '\'') {
		col++
	}
	n := utf8.RuneCountInString(id)
	return protocol.Range{
		Start: position(text, diag.Pos{Line: r.Start.Line, Column: col}),
		End:   position(text, diag.Pos{Line: r.Start.Line, Column: col + n}),
	}
}

// applyChange applies one content change to text: the whole text when
// rng is nil, else the replacement of rng.
func applyChange(text []byte, rng *protocol.Range, newText string) []byte {
	if rng == nil {
		return []byte(newText)
	}
	a, b := offset(text, rng.Start), offset(text, rng.End)
	if b < a {
		a, b = b, a
	}
	out := make([]byte, 0, len(text)-(b-a)+len(newText))
	out = append(out, text[:a]...)
	out = append(out, newText...)
	return append(out, text[b:]...)
}

// before reports whether p comes before q.
func before(p, q protocol.Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}

// inside reports whether p is within r, its end included (a cursor just
// after a word is on it).
func inside(p protocol.Position, r protocol.Range) bool {
	return !before(p, r.Start) && !before(r.End, p)
}
