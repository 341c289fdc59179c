package site

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// TestHostileLabels: labels with markup reach the site's pages as text.
// Every page parses to the site's own elements only: one script (the
// sorting one), no event-handler attribute, no element a label could make
// (<b>, <I>, <svg> from a label), and the title reads as written.
func TestHostileLabels(t *testing.T) {
	m := viewtest.Hostile()
	files, err := Build(context.Background(), []Map{{Path: "hostile.yaml", Name: `a <b>&"x"/hostile.yaml`, Map: m}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "channels.html", "owners.html", "moments.html", "kpis.html", "stats.html"} {
		doc, err := html.Parse(bytes.NewReader(files[p]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		scripts, texts := 0, ""
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script":
					scripts++
				case "b", "i", "svg", "font", "table":
					if n.Data != "table" {
						t.Errorf("%s: a label made a <%s> element", p, n.Data)
					}
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: event handler attribute %s=%q", p, a.Key, a.Val)
					}
				}
			}
			if n.Type == html.TextNode {
				texts += n.Data
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if scripts != 1 {
			t.Errorf("%s: %d script elements, want the one sorting script", p, scripts)
		}
		if !strings.Contains(texts, m.Title) {
			t.Errorf("%s: the title does not read as written", p)
		}
	}
	if !strings.Contains(string(files["owners.html"]), "&lt;b&gt;bold&lt;/b&gt; &amp;amp;") {
		t.Error("owners.html: the owner's name is not escaped as text")
	}
	if !strings.Contains(string(files["moments.html"]), "&#34;&gt;&lt;svg onload=alert(1)&gt;") {
		t.Error("moments.html: the moment's reason is not escaped as text")
	}
}
