package markdown

import (
	"net/url"
	"strings"
)

// special are the ASCII characters that can start Markdown (CommonMark,
// GFM, GitHub's and GitLab's extensions) formatting inside a line: emphasis,
// code, links, raw HTML, entities, tables, strikethrough, headings' closing
// sequences and math. Escape puts a backslash before each (before `&` only
// where an entity could start: `&amp;`, not "R&D").
const special = "\\`*_[]<>|~#$&"

// Escape makes s safe as inline Markdown text, in a paragraph, a list item,
// a heading or a table cell: it shows as exactly s. Line breaks become
// <br> (the only markup it adds), tabs spaces.
func Escape(s string) string {
	return escape(s, "<br>")
}

// EscapeLine is Escape for a heading or a link text, where a line break
// becomes a space.
func EscapeLine(s string) string {
	return escape(s, " ")
}

func escape(s, br string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(br)
		case c == '\n':
			b.WriteString(br)
		case c == '\t':
			b.WriteByte(' ')
		case c == '&' && !(i+1 < len(s) && entityStart(s[i+1])):
			b.WriteByte(c) // "R&D", "a & b": no entity can start here
		case strings.IndexByte(special, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// entityStart reports whether c, after a `&`, could begin an HTML entity
// or character reference (`&amp;`, `&#60;`).
func entityStart(c byte) bool {
	return c == '#' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

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
