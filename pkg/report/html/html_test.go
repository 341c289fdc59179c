package html

import (
	"bytes"
	"os"
	"path/filepath"
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

// checkDocument parses the report as a browser would and checks it: no
// script anywhere, no element a label could have injected, no attribute
// that fetches or runs anything, links only to the page itself.
func checkDocument(t *testing.T, doc []byte) {
	t.Helper()
	root, err := xhtml.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *xhtml.Node, inSVG bool)
	walk = func(n *xhtml.Node, inSVG bool) {
		if n.Type == xhtml.ElementNode {
			if n.Data == "svg" {
				inSVG = true
			}
			if n.Data == "script" || n.Data == "iframe" || n.Data == "object" || n.Data == "link" || n.Data == "img" {
				t.Errorf("<%s> in the report", n.Data)
			}
			if !inSVG && !allowed[n.Data] {
				t.Errorf("unexpected element <%s>", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s %s=…>: event handler attribute", n.Data, a.Key)
				}
				if a.Key == "src" || (a.Key == "href" && !strings.HasPrefix(a.Val, "#")) {
					t.Errorf("<%s %s=%q>: reference outside the page", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSVG)
		}
	}
	walk(root, false)
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
	for _, want := range []string{`<html lang="ru">`, ">Персоны</h2>", ">Реестр точек контакта</h2>", ">Возвраты назад</h2>"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestInline(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"**bold** and *em* and _em_", "<strong>bold</strong> and <em>em</em> and <em>em</em>"},
		{"`<b>` <b>x</b>", "<code>&lt;b&gt;</code> &lt;b&gt;x&lt;/b&gt;"},
		{"`**not bold**`", "<code>**not bold**</code>"},
		{"a * b * c", "a * b * c"},
		{"snake_case_name", "snake_case_name"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"[x](javascript:alert(1))", "[x](javascript:alert(1))"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := string(Inline(tc.in)); got != tc.want {
				t.Errorf("Inline(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
