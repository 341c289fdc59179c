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

// escapeText escapes a piece of a description's text as Escape does,
// untrimmed.
func escapeText(s string) string { return mdtext.EscapeText(s) }

// special and entityStart are mdtext's, named here for this package's
// tests.
const special = mdtext.Special

func entityStart(c byte) bool { return mdtext.EntityStart(c) }

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
