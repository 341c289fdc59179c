package mdtext

import "strings"

// Special are the ASCII characters that can start Markdown (CommonMark,
// GFM, GitHub's and GitLab's extensions) formatting inside a line: emphasis,
// code, links, raw HTML, entities, tables, strikethrough, headings' closing
// sequences and math. Escape puts a backslash before each (before `&` only
// where an entity could start: `&amp;`, not "R&D").
const Special = "\\`*_[]<>|~#$&"

// Escape makes s safe as inline Markdown text, in a paragraph, a list item,
// a heading or a table cell: it shows as exactly s. Line breaks become
// <br> (the only markup it adds), tabs spaces.
func Escape(s string) string {
	return escape(s, "<br>")
}

// EscapeLine is Escape for a heading, a link text or a table cell that
// must stay on one line, where a line break becomes a space.
func EscapeLine(s string) string {
	return escape(s, " ")
}

// EscapeText escapes a piece of running text as EscapeLine does, without
// trimming its spaces (a text node between two inline elements).
func EscapeText(s string) string {
	return escapeChars(s, " ")
}

func escape(s, br string) string {
	return escapeChars(strings.TrimSpace(s), br)
}

func escapeChars(s, br string) string {
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
		case c == '&' && !(i+1 < len(s) && EntityStart(s[i+1])):
			b.WriteByte(c) // "R&D", "a & b": no entity can start here
		case strings.IndexByte(Special, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// EntityStart reports whether c, after a `&`, could begin an HTML entity
// or character reference (`&amp;`, `&#60;`): only then is the `&`
// escaped.
func EntityStart(c byte) bool {
	return c == '#' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
