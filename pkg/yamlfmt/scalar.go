package yamlfmt

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// scalarText returns a scalar's text for the current line and, for a block
// scalar, its body lines (each indented by two, for blockScalarBody). It
// keeps the author's quoting style and never escapes printable characters
// (Cyrillic, CJK and emoji stay as written).
func (f *formatter) scalarText(n *yaml.Node, inFlow bool) (head, body string, err error) {
	tag := ""
	if n.Style&yaml.TaggedStyle != 0 && n.Tag != "" {
		tag = n.Tag + " "
	}
	v := n.Value
	switch {
	case n.Style&yaml.LiteralStyle != 0 && !inFlow:
		if h, b, ok := literal(v); ok && roundTrips(tag+h, b, n) {
			return tag + h, b, nil
		}
	case n.Style&yaml.FoldedStyle != 0 && !inFlow:
		if h, b, ok := f.foldedSource(n); ok && roundTrips(tag+h, b, n) {
			return tag + h, b, nil
		}
		if h, b, ok := literal(v); ok && roundTrips(tag+h, b, n) {
			return tag + h, b, nil
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		if !strings.ContainsAny(v, "\n\r") && printable(v, false) {
			return tag + "'" + strings.ReplaceAll(v, "'", "''") + "'", "", nil
		}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		return tag + doubleQuoted(v), "", nil
	default:
		if plainOK(n, inFlow) {
			return tag + v, "", nil
		}
		if n.ShortTag() != "!!str" {
			// A number, bool or null that cannot stay plain: let yaml.v3
			// choose (it keeps the tag).
			s, err := encode(&yaml.Node{Kind: yaml.ScalarNode, Tag: n.Tag, Value: v})
			if err != nil {
				return "", "", err
			}
			if strings.Contains(s, "\n") {
				return "", "", fmt.Errorf("line %d: cannot write this value on one line", n.Line)
			}
			return s, "", nil
		}
	}
	return tag + doubleQuoted(v), "", nil
}

// plainOK reports whether the value reads back as itself, with the same
// type, when written plain in its context.
func plainOK(n *yaml.Node, inFlow bool) bool {
	v := n.Value
	if v == "" || strings.ContainsAny(v, "\n\r") || strings.TrimSpace(v) != v || !printable(v, false) {
		return false
	}
	if !suspicious(v, inFlow) {
		// A one-line value that was plain in the source reads back as
		// itself: its type comes from the same text. Only values with
		// indicators need the slow check below.
		return true
	}
	text := "- " + v + "\n"
	if inFlow {
		text = "[" + v + "]\n"
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return false
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) != 1 {
		return false
	}
	got := doc.Content[0].Content[0]
	return got.Kind == yaml.ScalarNode && got.Value == v && got.ShortTag() == n.ShortTag() &&
		got.LineComment == ""
}

// printable reports whether s holds only characters YAML lets a scalar
// carry unescaped (tab always; line breaks when breaks is set).
func printable(s string, breaks bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t':
		case r == '\n':
			if !breaks {
				return false
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return false
		case r == 0xfeff || r == 0x2028 || r == 0x2029 || r == 0x85 || r == utf8.RuneError:
			return false
		}
	}
	return true
}

// doubleQuoted writes v as a double-quoted scalar, escaping only what YAML
// requires.
func doubleQuoted(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, w := 0, 0; i < len(v); i += w {
		r, size := utf8.DecodeRuneInString(v[i:])
		w = size
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, v[i])
			continue
		}
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case 0:
			b.WriteString(`\0`)
		default:
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfeff || r == 0x2028 || r == 0x2029 || r == utf8.RuneError {
				if r <= 0xff {
					fmt.Fprintf(&b, `\x%02x`, r)
				} else {
					fmt.Fprintf(&b, `\u%04x`, r)
				}
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// literal writes v as a literal block scalar: the header (`|`, with the
// chomping indicator and, when the text starts with a space, an
// indentation indicator) and the body lines indented by two.
func literal(v string) (head, body string, ok bool) {
	if v == "" || strings.Trim(v, "\n") == "" || !printable(v, true) {
		return "", "", false
	}
	head = "|"
	text := v
	switch {
	case !strings.HasSuffix(v, "\n"):
		head += "-"
	case strings.HasSuffix(v, "\n\n"):
		head += "+"
		text = strings.TrimSuffix(v, "\n")
	default:
		text = strings.TrimSuffix(v, "\n")
	}
	lines := strings.Split(text, "\n")
	for _, l := range lines {
		if strings.TrimLeft(l, " ") == "" && l != "" {
			// A line of spaces only: the indentation would be guessed from it.
			head = strings.Replace(head, "|", "|2", 1)
			break
		}
		if l != "" {
			if l[0] == ' ' {
				head = strings.Replace(head, "|", "|2", 1)
			}
			break
		}
	}
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString("  " + l)
		}
		b.WriteByte('\n')
	}
	return head, b.String(), true
}

var foldedHeader = regexp.MustCompile(`^>[-+]?$`)

// foldedSource copies a folded block scalar (`>`) from the source, so its
// line breaks stay where the author put them, re-indented by two.
func (f *formatter) foldedSource(n *yaml.Node) (head, body string, ok bool) {
	line := []rune(f.srcLine(n.Line))
	if n.Column < 1 || n.Column > len(line) {
		return "", "", false
	}
	h := string(line[n.Column-1:])
	if i := strings.Index(h, "#"); i >= 0 {
		h = h[:i]
	}
	h = strings.TrimSpace(h)
	if !foldedHeader.MatchString(h) {
		return "", "", false
	}
	headerIndent := indentOf(string(line))
	var lines []string
	m := -1
	for l := n.Line + 1; l <= len(f.src); l++ {
		s := strings.TrimRight(f.src[l-1], "\r")
		if strings.TrimSpace(s) == "" {
			lines = append(lines, "")
			continue
		}
		ind := indentOf(s)
		if m < 0 {
			if ind <= headerIndent {
				break
			}
			m = ind
		}
		if ind < m {
			break
		}
		lines = append(lines, s[m:])
	}
	if m < 0 {
		return "", "", false
	}
	if !strings.HasSuffix(h, "+") {
		for len(lines) > 0 && lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
	} else {
		// Trailing blank lines are part of a kept scalar, up to the last
		// line of the file's own final break.
		for len(lines) > 0 && lines[len(lines)-1] == "" && n.Line+len(lines) >= len(f.src) {
			lines = lines[:len(lines)-1]
		}
	}
	var b strings.Builder
	for _, l := range lines {
		if strings.TrimSpace(l) != "" || strings.HasPrefix(l, " ") {
			b.WriteString("  " + l)
		}
		b.WriteByte('\n')
	}
	return h, b.String(), true
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// roundTrips checks a block scalar's text by reading it back.
func roundTrips(head, body string, n *yaml.Node) bool {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("k: "+head+"\n"+body), &doc); err != nil {
		return false
	}
	if len(doc.Content) != 1 || len(doc.Content[0].Content) != 2 {
		return false
	}
	got := doc.Content[0].Content[1]
	return got.Kind == yaml.ScalarNode && got.Value == n.Value && got.ShortTag() == n.ShortTag()
}

// suspicious reports whether a plain value holds something that could read
// differently in its context: an indicator at the start, ": " or " #"
// inside, or flow punctuation in flow context.
func suspicious(v string, inFlow bool) bool {
	if strings.ContainsAny(v[:1], "-?:,[]{}#&*!|>'\"%@`") {
		return true
	}
	if strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
		return true
	}
	return inFlow && strings.ContainsAny(v, ",[]{}")
}
