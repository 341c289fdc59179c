package yamlfmt

import (
	"strings"
	"unicode/utf8"
)

// trail is an end-of-line comment in the output: where it starts (the
// space before it, as a byte offset) and the column (in runes, 0-based)
// its `#` stood at in the source, -1 when unknown.
type trail struct {
	off, srcCol int
}

// endLine ends the current line with the end-of-line comments cs (none,
// one, or those of a key and its value joined), recording where the
// comment goes for align. line is the source line the comment was
// written on, or the line after which to look for it.
func (f *formatter) endLine(line int, cs ...string) {
	c := lineComment(cs...)
	if c != "" {
		f.trails = append(f.trails, trail{off: f.b.Len(), srcCol: f.trailCol(strings.TrimSpace(c), line)})
	}
	f.b.WriteString(c)
	f.b.WriteByte('\n')
}

// trailCol returns the source column of the end-of-line comment whose text
// starts with c (its first part, when several were joined), looked for
// from line on; -1 when it is not found.
func (f *formatter) trailCol(c string, line int) int {
	first := c
	if i := strings.Index(c[1:], " #"); i >= 0 {
		first = c[:i+1]
	}
	for l := max(line, 1); l <= len(f.src) && l < line+64; l++ {
		text := f.src[l-1]
		i := strings.LastIndex(text, first)
		if i <= 0 || strings.TrimSpace(text[:i]) == "" {
			continue
		}
		if b := text[i-1]; b != ' ' && b != '\t' {
			continue
		}
		return utf8.RuneCountInString(text[:i])
	}
	return -1
}

// align lines up end-of-line comments as gofmt does: a run of two or more
// consecutive lines whose comments stood in one column in the source keeps
// them in that column (moved right where the code got longer). Any other
// end-of-line comment follows its code after one space. The result is a
// fixed point: the aligned output aligns to itself.
func (f *formatter) align(out string) string {
	if len(f.trails) < 2 {
		return out
	}
	// The line (0-based) each comment is on.
	lineOf := make([]int, len(f.trails))
	line, pos := 0, 0
	for i, t := range f.trails {
		line += strings.Count(out[pos:t.off], "\n")
		pos = t.off
		lineOf[i] = line
	}
	lines := strings.SplitAfter(out, "\n")
	starts := make([]int, len(lines)) // byte offset of each line
	for i := 1; i < len(lines); i++ {
		starts[i] = starts[i-1] + len(lines[i-1])
	}
	changed := false
	for i := 0; i < len(f.trails); {
		j := i + 1
		for j < len(f.trails) && lineOf[j] == lineOf[j-1]+1 && f.trails[j].srcCol == f.trails[i].srcCol {
			j++
		}
		if j-i < 2 || f.trails[i].srcCol < 0 {
			i = j
			continue
		}
		col := f.trails[i].srcCol
		for k := i; k < j; k++ {
			code := lines[lineOf[k]][:f.trails[k].off-starts[lineOf[k]]]
			col = max(col, utf8.RuneCountInString(code)+1)
		}
		for k := i; k < j; k++ {
			l := lines[lineOf[k]]
			cut := f.trails[k].off - starts[lineOf[k]]
			code := l[:cut]
			pad := col - utf8.RuneCountInString(code)
			lines[lineOf[k]] = code + strings.Repeat(" ", pad) + strings.TrimLeft(l[cut:], " ")
			changed = true
		}
		i = j
	}
	if !changed {
		return out
	}
	return strings.Join(lines, "")
}
