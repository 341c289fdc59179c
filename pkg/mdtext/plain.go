package mdtext

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// plainParser reads descriptions as the reports do: CommonMark with
// GitHub's extensions.
var plainParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// FirstParagraph returns the text of the first paragraph of the Markdown
// s, without its syntax: emphasis, code spans, links (their text) and
// images (their alt text) become their plain text, escapes and entities
// are resolved, line breaks become spaces and runs of spaces one. When s
// has no paragraph (only headings, lists, code …) it is the text of its
// first block that has any. The diagrams show it under the map's title,
// where Markdown cannot be drawn; the reports render the whole
// description.
func FirstParagraph(s string) string {
	src := []byte(strings.ReplaceAll(s, "\r\n", "\n"))
	doc := plainParser.Parse(gtext.NewReader(src))
	var first, found string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.Kind() == ast.KindDocument {
			return ast.WalkContinue, nil
		}
		if !leaf(n) {
			return ast.WalkContinue, nil
		}
		t := blockText(n, src)
		if t == "" {
			return ast.WalkSkipChildren, nil
		}
		_, inList := n.Parent().(*ast.ListItem)
		if (n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock) && !inList {
			found = t
			return ast.WalkStop, nil
		}
		if first == "" {
			first = t
		}
		return ast.WalkSkipChildren, nil
	})
	if found != "" {
		return found
	}
	return first
}

// leaf reports whether a block holds text rather than other blocks: its
// children are inline (a paragraph, a heading, a table cell), or it has
// lines of its own (code, HTML).
func leaf(n ast.Node) bool {
	if c := n.FirstChild(); c != nil {
		return c.Type() == ast.TypeInline
	}
	return n.Lines().Len() > 0
}

// blockText is the plain text of a block: its inline content, or for a
// code or HTML block its lines.
func blockText(n ast.Node, src []byte) string {
	var b strings.Builder
	switch n.(type) {
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
			b.WriteByte(' ')
		}
	default:
		inlineText(&b, n, src)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func inlineText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if c.IsRaw() {
				b.Write(v)
			} else {
				b.Write(decode(v))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				b.Write(c.Value)
			} else {
				b.Write(decode(c.Value))
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					b.Write(t.Segment.Value(src))
				case *ast.String:
					b.Write(t.Value)
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.Write(seg.Value(src))
			}
		default:
			inlineText(b, c, src)
		}
	}
}

// decode resolves backslash escapes, then entities and character
// references, as a Markdown renderer shows them.
func decode(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveEntityNames(v)
	return bytes.Clone(util.ResolveNumericReferences(v))
}
