package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	ghtml "github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

// descriptionElements are the elements a description may render to.
var descriptionElements = map[string]bool{
	"html": true, "head": true, "body": true, "p": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "ul": true, "ol": true, "li": true, "blockquote": true,
	"pre": true, "code": true, "em": true, "strong": true, "del": true, "a": true, "img": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "hr": true,
	"br": true, "input": true,
}

var (
	descriptionAttrs = map[string]bool{"href": true, "src": true, "alt": true, "title": true, "start": true,
		"class": true, "align": true, "style": true, "type": true, "checked": true, "disabled": true}
	alignStyle = regexp.MustCompile(`^text-align: ?(left|right|center);?$`)
)

// liveURL reports whether a browser would run or load code from href:
// a javascript:, vbscript: or data: URL, however spelt. (A check of its
// own, not SafeURL's rule.)
func liveURL(href string) bool {
	squeezed := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(href))
	for _, s := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(squeezed, s) {
			return true
		}
	}
	return false
}

// CheckNoLiveHTML parses page as a browser does and fails when anything
// in it is live: an element a description cannot produce (any raw HTML),
// an attribute other than the renderers' own (event handlers), a link or
// image to a javascript:, vbscript: or data: URL, or an HTML comment
// (raw HTML passed through).
func checkNoLiveHTML(t *testing.T, what, page string) {
	t.Helper()
	root, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch n.Type {
		case xhtml.CommentNode:
			t.Errorf("%s: an HTML comment passed through: <!--%s-->\n%s", what, n.Data, page)
		case xhtml.ElementNode:
			if !descriptionElements[n.Data] {
				t.Errorf("%s: element <%s>\n%s", what, n.Data, page)
			}
			for _, a := range n.Attr {
				switch {
				case !descriptionAttrs[a.Key] || strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: <%s %s=%q>\n%s", what, n.Data, a.Key, a.Val, page)
				case (a.Key == "href" || a.Key == "src") && liveURL(a.Val):
					t.Errorf("%s: <%s %s=%q>: a live URL\n%s", what, n.Data, a.Key, a.Val, page)
				case a.Key == "style" && !alignStyle.MatchString(a.Val):
					t.Errorf("%s: <%s style=%q>\n%s", what, n.Data, a.Val, page)
				case n.Data == "input" && a.Key == "type" && a.Val != "checkbox":
					t.Errorf("%s: <input type=%q>", what, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

// unsafeGFM renders Markdown as a permissive renderer does: GFM with raw
// HTML passed through and no URL filtering.
var unsafeGFM = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(ghtml.WithUnsafe()))

func renderUnsafe(t testing.TB, md string) string {
	t.Helper()
	var b bytes.Buffer
	if err := unsafeGFM.Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestDescriptionNoLiveHTML: no hostile description becomes live HTML,
// neither in the HTML report's rendering nor in the Markdown report's
// once a renderer that passes raw HTML through shows it.
func TestDescriptionNoLiveHTML(t *testing.T) {
	for _, d := range reporttest.HostileDescriptions {
		t.Run(d, func(t *testing.T) {
			md := Description(d)
			checkNoLiveHTML(t, "the Markdown, rendered with raw HTML on", renderUnsafe(t, md))
			checkNoLiveHTML(t, "the HTML", DescriptionHTML(d))
			if again := Description(md); again != md {
				t.Errorf("Description is not stable:\n%s\n---\n%s", md, again)
			}
		})
	}
}

// TestDescriptionSameAsHTML: the Markdown report's description, rendered,
// is the HTML report's description, for descriptions without raw HTML or
// images (shown differently on purpose).
func TestDescriptionSameAsHTML(t *testing.T) {
	for _, d := range []string{
		"How a mid-size company **buys** and adopts the platform.\n\n- Source: 12 interviews\n- CRM data, 2025",
		"# Head *em*\n\nPara with `code`, ``a`b``, [link](https://example.com \"T\") and www.example.com.\nSoft break\\\nhard break.",
		"1. one\n2. two\n   - nested\n   - list\n\n   para in item\n3) other list",
		"> quote\n> > nested\n\n***\n\n| a | b |\n|:-|-:|\n| 1 | `x\\|y` |\n| ~~s~~ | R&D &amp; \\* |",
		"```go\nfunc main() {}\n```\n\n    indented\n\n- [ ] open\n- [x] done",
		"```\n```\n\n~~~\n\n~~~",
		"3\\. not a list\n\\- nor this\n\\+ nor this\nstill para\n\\===",
		"a*b*c and *a*b and **x**y, _u_ and 5 * 3 = 15, $x$, #1, |, ~, <, >",
	} {
		t.Run(d, func(t *testing.T) {
			got := renderUnsafe(t, Description(d))
			want := DescriptionHTML(d)
			if got != want {
				t.Errorf("Description(%q) =\n%s\nrenders as\n%s\nwant\n%s", d, Description(d), got, want)
			}
		})
	}
}

func TestDescription(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"markdown kept", "**bold** and [link](https://example.com)", "**bold** and [link](https://example.com)"},
		{"html as text", "a <b>b</b>", `a \<b\>b\</b\>`},
		{"code span kept", "use `<br>` here", "use `<br>` here"},
		{"fence kept", "```\n<div>\n```\n<i> x", "```\n<div>\n```\n\n\\<i\\> x"},
		{"unclosed fence closed", "```\n<div>", "```\n<div>\n```"},
		{"fence closed by trailing spaces", "Intro\n\n```\ncode\n```  \n<script>alert(1)</script>\n",
			"Intro\n\n```\ncode\n```\n\n```\n<script>alert(1)</script>\n```"},
		{"fence longer than the code's backticks", "~~~\n```\n````\n~~~", "`````\n```\n````\n`````"},
		{"code span around backticks", "``a`b`` `` `x` ``", "``a`b`` `` `x` ``"},
		{"javascript link dropped", "[x](JaVa&#x09;Script:alert(1)) [y](vbscript:x) [z](data:text/html,x)", "x y z"},
		{"javascript autolink dropped", "<javascript:alert(1)>", "javascript:alert(1)"},
		{"reference link", "[x][r]\n\n[r]: https://example.com/a(b)", "[x](https://example.com/a%28b%29)"},
		{"entity-like target", "[x](http://h/?a=1&amp;b=2&c)", "[x](http://h/?a=1&b=2&c)"},
		{"entity target kept literal", "[x](javascript\\&#58;alert(1))", "x"},
		{"bang before a link", "\\![x](http://y)", "\\![x](http://y)"},
		{"ordered list", "3. a\n4. b", "3. a\n4. b"},
		{"block starters escaped", "3\\. x\n\\- y\n\\=\\=", "3\\. x\n\\- y\n\\=="},
		{"image", "![alt *x*](https://e.com/i.png \"t\\\"\")", "![alt *x*](https://e.com/i.png \"t\\\"\")"},
		{"table", "|a|b|\n|:-|-:|\n|`x\\|y`|<i>|", "| a | b |\n|:---|---:|\n| `x\\|y` | \\<i\\> |"},
		{"html block", "<div>\n*x*\n</div>", "```\n<div>\n*x*\n</div>\n```"},
		{"heading", "Title\n===\n\n## Sub \\#", "# Title\n\n## Sub \\#"},
		{"leading spaces", "&#32;&#32;&#32;&#32;x", "&#32;&#32;&#32;&#32;x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Description(tc.in); got != tc.want {
				t.Errorf("Description(%q) =\n%s\nwant\n%s", tc.in, got, tc.want)
			}
		})
	}
}

func TestSafeURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		safe bool
	}{
		{"https://example.com", true}, {"HTTP://x", true}, {"mailto:a@b.c", true}, {"tel:+1", true},
		{"rel/path.md", true}, {"#frag", true}, {"../up?q=a:b", true}, {"a b:c", true},
		{"javascript:alert(1)", false}, {"JavaScript:x", false}, {" \x01javascript:x", false},
		{"java\tscript:x", false}, {"java\nscript:x", false}, {"vbscript:x", false}, {"data:text/html,x", false},
		{"data:image/png;base64,AAAA", false}, {"file:///etc/passwd", false}, {"java script:x", false},
	} {
		if got := SafeURL(tc.url); got != tc.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tc.url, got, tc.safe)
		}
	}
}

// FuzzDescription: whatever the description, neither report's rendering
// of it holds live HTML, and re-emitting is stable.
func FuzzDescription(f *testing.F) {
	for _, s := range reporttest.HostileDescriptions {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		md := Description(s)
		checkNoLiveHTML(t, "md", renderUnsafe(t, md))
		checkNoLiveHTML(t, "html", DescriptionHTML(s))
	})
}

// TestReportNoLiveHTML: the whole Markdown report of a map with a hostile
// description (and of the hostile map), rendered by goldmark with raw HTML
// passed through, has no live element, attribute or URL (issue 9 #1).
func TestReportNoLiveHTML(t *testing.T) {
	maps := map[string]*journey.Map{"hostile map": reporttest.HostileMap()}
	for i, d := range reporttest.HostileDescriptions {
		m := reporttest.MinimalMaps()["one-stage"]
		m.Description = d
		maps[fmt.Sprintf("description %02d", i)] = m
	}
	for name, m := range maps {
		t.Run(name, func(t *testing.T) {
			md, err := Render(m, Options{SVGLinks: map[string]string{"map": "a<b>|c (1).svg"}})
			if err != nil {
				t.Fatal(err)
			}
			checkNoLiveHTML(t, "the report, rendered with raw HTML on", renderUnsafe(t, string(md)))
		})
	}
}
