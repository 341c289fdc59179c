package markdown

import (
	"net/url"
	"strings"

	"github.com/cjm-dev/cjm/pkg/mdtext"
)

// Escape makes s safe as inline Markdown text, in a paragraph, a list item,
// a heading or a table cell: it shows as exactly s. Line breaks become
// <br> (the only markup it adds), tabs spaces. The rule lives in
// pkg/mdtext, shared with `diff --format md`.
func Escape(s string) string { return mdtext.Escape(s) }

// EscapeLine is Escape for a heading or a link text, where a line break
// becomes a space.
func EscapeLine(s string) string { return mdtext.EscapeLine(s) }

// special and entityStart are mdtext's, named here for this package's
// tests.
const special = mdtext.Special

func entityStart(c byte) bool { return mdtext.EntityStart(c) }

// Block returns Markdown text (the map's description) ready to be placed
// as blocks of the report: it stays Markdown, but a `<` outside code spans
// and fenced code blocks becomes `&lt;`, so raw HTML shows as text.
func Block(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(strings.TrimRight(s, "\n "), "\n")
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
			}
			continue
		}
		if f := fenceOpen(trimmed); f != "" && len(line)-len(trimmed) < 4 {
			fence = f
			continue
		}
		lines[i] = neutraliseHTML(line)
	}
	out := strings.Join(lines, "\n")
	if fence != "" {
		// An unclosed fence would swallow the rest of the report.
		out += "\n" + fence
	}
	return out
}

// fenceOpen returns the fence (``` or ~~~, as long as written) that line
// opens, or "".
func fenceOpen(line string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		if n >= 3 {
			if c == '`' && strings.IndexByte(line[n:], '`') >= 0 {
				return ""
			}
			return line[:n]
		}
	}
	return ""
}

// neutraliseHTML replaces `<` by `&lt;` outside the code spans of one line.
func neutraliseHTML(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		c := line[i]
		if c == '`' {
			n := 0
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			tick := line[i : i+n]
			if end := closingTicks(line[i+n:], n); end >= 0 {
				b.WriteString(line[i : i+n+end+n])
				i += n + end + n
				continue
			}
			b.WriteString(tick)
			i += n
			continue
		}
		if c == '<' {
			b.WriteString("&lt;")
		} else {
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// closingTicks returns the offset in s of a run of exactly n backticks, or
// -1.
func closingTicks(s string, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// Destination percent-encodes a relative file name for a link or image
// destination, keeping `/` so a path stays a path.
func Destination(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(url.PathEscape(p), "(", "%28")
		parts[i] = strings.ReplaceAll(parts[i], ")", "%29")
	}
	return strings.Join(parts, "/")
}
