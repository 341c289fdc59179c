package viewtest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"testing"
)

// SVG is what a reader sees of an SVG: its text and its hover texts.
type SVG struct {
	// Text is the character data of the <text> elements, one space
	// between elements (so a wrapped label reads as one line again).
	Text string
	// Titles are the hover texts in document order: the content of every
	// <title> element and the value of every xlink:title attribute.
	Titles []string
	// Elements counts the elements by local name.
	Elements map[string]int
}

// ParseSVG reads svg strictly as XML, failing the test when it is not
// well-formed.
func ParseSVG(t testing.TB, svg []byte) SVG {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	out := SVG{Elements: map[string]int{}}
	var text bytes.Buffer
	var stack []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			out.Elements[tok.Name.Local]++
			if tok.Name.Local == "title" {
				out.Titles = append(out.Titles, "")
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "title" {
					out.Titles = append(out.Titles, a.Value)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "text":
				if text.Len() > 0 {
					text.WriteByte(' ')
				}
				text.Write(tok)
			case "title":
				out.Titles[len(out.Titles)-1] += string(tok)
			}
		}
	}
	out.Text = text.String()
	return out
}

var graphvizName = regexp.MustCompile(`^n[0-9]+$|n[0-9]+->n[0-9]+`)

// NameTitles returns the hover texts that are Graphviz's names of nodes
// and edges (n28, n58->n59) rather than text for a reader.
func (s SVG) NameTitles() []string {
	var out []string
	for _, t := range s.Titles {
		if graphvizName.MatchString(t) {
			out = append(out, t)
		}
	}
	return out
}
