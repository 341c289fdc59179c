package html

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

// fixtureSVGs returns the two fixture diagrams of testdata.
func fixtureSVGs(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, v := range []string{"map", "flow"} {
		b, err := os.ReadFile(filepath.Join("testdata", v+".svg"))
		if err != nil {
			t.Fatal(err)
		}
		out[v] = b
	}
	return out
}

func TestExamples(t *testing.T) {
	for _, ex := range reporttest.Examples(t) {
		t.Run(ex.Name, func(t *testing.T) {
			got, err := Render(ex.Map, Options{SVG: fixtureSVGs(t), Views: testViews(ex.Map.Lang)})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", ex.Name+".html"), got)
			checkDocument(t, got)
		})
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		full bool
		svg  bool
	}{{"full", true, true}, {"full-nosvg", true, false}, {"hostile", false, true}} {
		t.Run(tc.name, func(t *testing.T) {
			m := reporttest.HostileMap()
			if tc.full {
				m = reporttest.FullMap()
			}
			var opts Options
			if tc.svg {
				opts.SVG = fixtureSVGs(t)
				opts.Views = testViews(m.Lang)
			}
			got, err := Render(m, opts)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".html"), got)
			checkDocument(t, got)
		})
	}
}

// allowed are the elements the report itself writes; anything else
// outside an inlined SVG came from a label.
var allowed = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
	"header": true, "h1": true, "h2": true, "h3": true, "h4": true, "p": true, "ul": true,
	"ol": true, "li": true, "nav": true, "a": true, "main": true, "section": true,
	"figure": true, "figcaption": true, "div": true, "article": true, "blockquote": true,
	"span": true, "dl": true, "dt": true, "dd": true, "strong": true, "table": true,
	"thead": true, "tbody": true, "tr": true, "th": true, "td": true, "br": true,
	"em": true, "code": true,
}

// descriptionOnly are the further elements the description (Markdown,
// rendered by goldmark) may hold.
var descriptionOnly = map[string]bool{
	"h5": true, "h6": true, "pre": true, "del": true, "hr": true, "input": true,
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// liveURL reports whether a browser would run code from href: a
// javascript:, vbscript: or data: URL, however spelt.
func liveURL(href string) bool {
	squeezed := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(href))
	return strings.HasPrefix(squeezed, "javascript:") || strings.HasPrefix(squeezed, "vbscript:") ||
		strings.HasPrefix(squeezed, "data:")
}

// checkDocument parses the report as a browser would and checks it: no
// script anywhere, no element a label could have injected, no attribute
// that fetches or runs anything, links only to the page itself.
func checkDocument(t *testing.T, doc []byte) {
	t.Helper()
	root, err := xhtml.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *xhtml.Node, inSVG, inDesc bool)
	walk = func(n *xhtml.Node, inSVG, inDesc bool) {
		if n.Type == xhtml.CommentNode {
			t.Errorf("an HTML comment in the report: <!--%s-->", n.Data)
		}
		if n.Type == xhtml.ElementNode {
			if n.Data == "svg" {
				inSVG = true
			}
			if n.Data == "div" && attr(n, "class") == "description" {
				inDesc = true
			}
			if n.Data == "script" || n.Data == "iframe" || n.Data == "object" || n.Data == "link" || n.Data == "img" {
				t.Errorf("<%s> in the report", n.Data)
			}
			if !inSVG && !allowed[n.Data] && !(inDesc && descriptionOnly[n.Data]) {
				t.Errorf("unexpected element <%s>", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s %s=…>: event handler attribute", n.Data, a.Key)
				}
				switch {
				case a.Key == "href" && inDesc && n.Data == "a":
					// The description's own links: never to code.
					if liveURL(a.Val) {
						t.Errorf("<a href=%q>: a live URL", a.Val)
					}
				case a.Key == "src" || (a.Key == "href" && !strings.HasPrefix(a.Val, "#")):
					t.Errorf("<%s %s=%q>: reference outside the page", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSVG, inDesc)
		}
	}
	walk(root, false, false)
	if !bytes.Contains(doc, []byte(`http-equiv="Content-Security-Policy" content="default-src 'none'`)) {
		t.Error("no Content-Security-Policy")
	}
}

func TestHostileText(t *testing.T) {
	m := reporttest.HostileMap()
	got, err := Render(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	root, err := xhtml.Parse(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	// The title reaches the page as text, character for character.
	var h1 string
	var find func(n *xhtml.Node)
	find = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "h1" && n.FirstChild != nil {
			h1 = n.FirstChild.Data
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	if h1 != m.Title {
		t.Errorf("h1 = %q, want the title as text %q", h1, m.Title)
	}
}

func TestInlineSVG(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		err            bool
	}{
		{"prolog dropped", "<?xml version=\"1.0\"?>\n<!-- c -->\n<svg a=\"1\"></svg>\n", `<svg a="1"></svg>`, false},
		{"bare", "<svg></svg>", "<svg></svg>", false},
		{"not svg", "<html></html>", "", true},
		{"truncated", "<svg><g>", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := inlineSVG([]byte(tc.in))
			if (err != nil) != tc.err {
				t.Fatalf("err = %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRussianLabels(t *testing.T) {
	m := reporttest.FullMap()
	m.Lang = "ru"
	got, err := Render(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="ru">`, ">Персоны</h2>", ">Реестр точек контакта</h2>", ">Шаги назад</h2>"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("missing %q", want)
		}
	}
}

// TestHostileDescriptions: no description from reporttest's hostile
// list becomes live HTML in the report (issue 9 #1): the whole
// page passes checkDocument, the description's own links included.
func TestHostileDescriptions(t *testing.T) {
	for _, d := range reporttest.HostileDescriptions {
		t.Run(d, func(t *testing.T) {
			m := reporttest.MinimalMaps()["one-stage"]
			m.Description = d
			got, err := Render(m, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, got)
			if bytes.Contains(got, []byte("<script")) || bytes.Contains(got, []byte("<!--")) {
				t.Errorf("raw HTML in\n%s", got)
			}
		})
	}
}

// TestDescription: the description is CommonMark/GFM, rendered by
// goldmark: Markdown formats, raw HTML shows as text.
func TestDescription(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "<p>plain</p>\n"},
		{"**bold** and *em* and _em_", "<p><strong>bold</strong> and <em>em</em> and <em>em</em></p>\n"},
		{"`<b>` <b>x</b>", "<p><code>&lt;b&gt;</code> &lt;b&gt;x&lt;/b&gt;</p>\n"},
		{"<script>alert(1)</script>", "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"},
		{"[x](javascript:alert(1)) [y](https://example.com)", "<p>x <a href=\"https://example.com\">y</a></p>\n"},
		{"![logo](https://example.com/l.png)", "<p><a href=\"https://example.com/l.png\">logo</a></p>\n"},
		{"- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			m := reporttest.MinimalMaps()["one-stage"]
			m.Description = tc.in
			got, err := Render(m, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := "<div class=\"description\">\n" + tc.want + "</div>"
			if !bytes.Contains(got, []byte(want)) {
				t.Errorf("no %q in\n%s", want, got)
			}
		})
	}
}

// TestHostileLabels: for every hostile label the report parses with no
// element, attribute or link a label could have made, and the title, the
// persona's and the stage's headings, the inventory's touchpoint cell and
// the steps-back reason read as the label byte for byte (issue 9 #6).
func TestHostileLabels(t *testing.T) {
	for _, label := range reporttest.HostileLabels {
		t.Run(label, func(t *testing.T) {
			got, err := Render(reporttest.LabelMap(label), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, got)
			root, err := xhtml.Parse(bytes.NewReader(got))
			if err != nil {
				t.Fatal(err)
			}
			texts := map[string][]string{}
			var walk func(n *xhtml.Node)
			walk = func(n *xhtml.Node) {
				if n.Type == xhtml.ElementNode {
					texts[n.Data] = append(texts[n.Data], textOf(n))
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(root)
			for _, el := range []string{"title", "h1", "h3", "td"} {
				if !slices.Contains(texts[el], label) {
					t.Errorf("no <%s> reads %q: %q", el, label, texts[el])
				}
			}
			// The stage heading: number, name, then the emotion.
			if !slices.ContainsFunc(texts["h3"], func(h string) bool { return strings.HasPrefix(h, "1. "+label+" −1") }) {
				t.Errorf("no stage heading reads %q: %q", "1. "+label, texts["h3"])
			}
		})
	}
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
