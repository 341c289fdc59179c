package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// reportElements are the elements a report may render to; anything else
// came from a label.
var reportElements = map[string]bool{
	"html": true, "head": true, "body": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"p": true, "ul": true, "li": true, "strong": true, "em": true, "blockquote": true,
	"pre": true, "code": true, "table": true, "thead": true, "tbody": true, "tr": true,
	"th": true, "td": true, "br": true, "a": true, "img": true,
}

// TestGFM renders the reports with a real GFM renderer (marked, pinned in
// testdata/mermaid; `make mermaid-deps` installs it) and checks the HTML a
// reader gets: only the report's own elements, links only to the SVGs,
// every table row as wide as its header, and hostile labels shown as
// exactly their text; and no hostile description live (issue 9 #1).
func TestGFM(t *testing.T) {
	node := testtool.Need(t, "install Node.js (apt-get install -y nodejs npm) for the GFM rendering check", "node")
	harness := filepath.Join(reporttest.RepoRoot(t), "testdata", "mermaid")
	if _, err := os.Stat(filepath.Join(harness, "node_modules", "marked", "package.json")); err != nil {
		testtool.Missing(t, "testdata/mermaid/node_modules is absent: run `make mermaid-deps` to enable the GFM rendering check")
	}
	type input struct {
		name  string
		m     *journey.Map
		links map[string]string
		// desc: the map's description is hostile; its own links and
		// elements are allowed, as long as none is live.
		desc bool
		// label: the map is reporttest.LabelMap(label).
		label string
	}
	inputs := []input{
		{"hostile", reporttest.HostileMap(), map[string]string{"map": "a<b>|c (1).svg", "flow": "x](y).svg"}, false, ""},
		{"full", reporttest.FullMap(), nil, false, ""},
	}
	for i, l := range reporttest.HostileLabels {
		inputs = append(inputs, input{fmt.Sprintf("label-%02d", i), reporttest.LabelMap(l), nil, false, l})
	}
	for i, d := range reporttest.HostileDescriptions {
		m := reporttest.MinimalMaps()["one-stage"]
		m.Description = d
		inputs = append(inputs, input{fmt.Sprintf("description-%02d", i), m, nil, true, ""})
	}
	for _, ex := range reporttest.Examples(t) {
		inputs = append(inputs, input{ex.Name, ex.Map, map[string]string{"map": ex.Name + ".svg"}, false, ""})
	}
	dir := t.TempDir()
	var files []string
	for _, in := range inputs {
		md, err := Render(in.m, Options{SVGLinks: in.links, Views: testViews(in.m.Lang)})
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, in.name+".md")
		if err := os.WriteFile(f, md, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	cmd := exec.Command(node, append([]string{filepath.Join(harness, "markdown.mjs")}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("markdown.mjs: %v\n%s", err, stderr.String())
	}
	var pages map[string]string
	if err := json.Unmarshal(out, &pages); err != nil {
		t.Fatal(err)
	}
	for i, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			root, err := xhtml.Parse(strings.NewReader(pages[files[i]]))
			if err != nil {
				t.Fatal(err)
			}
			allowedRefs := map[string]bool{}
			for _, f := range in.links {
				allowedRefs[Destination(f)] = true
			}
			if in.desc {
				checkNoLiveHTML(t, "marked", pages[files[i]])
				return
			}
			checkGFM(t, root, allowedRefs)
			if in.name == "hostile" {
				checkHostileText(t, root, in.m)
			}
			if in.label != "" {
				checkLabelText(t, root, in.label)
			}
		})
	}
}

func checkGFM(t *testing.T, root *xhtml.Node, refs map[string]bool) {
	t.Helper()
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			if !reportElements[n.Data] {
				t.Errorf("element <%s> in the rendered report", n.Data)
			}
			for _, a := range n.Attr {
				switch {
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("<%s %s>: event handler", n.Data, a.Key)
				case n.Data == "a" && a.Key == "href" && autolink(n, a.Val):
					// GFM links a bare http(s) URL in text (a source given
					// as a URL): useful, and never a javascript: link.
				case a.Key == "href" || a.Key == "src":
					if !refs[a.Val] {
						t.Errorf("<%s %s=%q>: not one of the SVG links", n.Data, a.Key, a.Val)
					}
				}
			}
			if n.Data == "table" {
				checkTable(t, n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

// autolink reports whether the link is GFM's autolink of a bare URL: an
// http(s) target whose text is the target itself.
func autolink(a *xhtml.Node, href string) bool {
	return (strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://")) &&
		strings.TrimPrefix(strings.TrimPrefix(text(a), "http://"), "https://") == strings.TrimPrefix(strings.TrimPrefix(href, "http://"), "https://")
}

func checkTable(t *testing.T, table *xhtml.Node) {
	t.Helper()
	want := -1
	var rows func(n *xhtml.Node)
	rows = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "tr" {
			cells := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == xhtml.ElementNode && (c.Data == "td" || c.Data == "th") {
					cells++
				}
			}
			if want < 0 {
				want = cells
			} else if cells != want {
				t.Errorf("a table row has %d cells, its header %d: %q", cells, want, text(n))
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rows(c)
		}
	}
	rows(table)
}

func text(n *xhtml.Node) string {
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

// checkHostileText: the title heading, the persona headings and the
// inventory's touchpoint cells read exactly as the labels.
func checkHostileText(t *testing.T, root *xhtml.Node, m *journey.Map) {
	t.Helper()
	var h1, h3 []string
	var cells []string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "h1":
				h1 = append(h1, text(n))
			case "h3":
				h3 = append(h3, text(n))
			case "td":
				cells = append(cells, text(n))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if len(h1) != 1 || h1[0] != m.Title {
		t.Errorf("h1 = %q, want %q", h1, m.Title)
	}
	if len(h3) < 2 || h3[0] != m.Personas[0].Name || h3[1] != m.Personas[1].Name {
		t.Errorf("persona headings = %q", h3)
	}
	found := false
	for _, c := range cells {
		if c == m.Stages[0].Touchpoints[0].Name {
			found = true
		}
	}
	if !found {
		t.Errorf("no table cell reads exactly %q", m.Stages[0].Touchpoints[0].Name)
	}
}
