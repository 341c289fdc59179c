package markdown

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
	"github.com/cjm-dev/cjm/pkg/validate"
)

func TestExamples(t *testing.T) {
	for _, ex := range reporttest.Examples(t) {
		t.Run(ex.Name, func(t *testing.T) {
			got, err := Render(ex.Map, Options{SVGLinks: map[string]string{"map": ex.Name + ".svg", "flow": ex.Name + ".flow.svg"}, Views: testViews(ex.Map.Lang)})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", ex.Name+".md"), got)
		})
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		full bool
	}{
		{"full", Options{}, true},
		{"full-svg", Options{SVGLinks: map[string]string{"flow": "my map (v2).flow.svg", "map": "my map (v2).svg"}, Views: testViews("en")}, true},
		{"hostile", Options{SVGLinks: map[string]string{"map": "a<b>|c.svg"}, Views: testViews("en")}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := reporttest.HostileMap()
			if tc.full {
				m = reporttest.FullMap()
			}
			if ds := validate.Map(m); ds.HasErrors() {
				t.Fatalf("fixture is not valid: %v", ds)
			}
			got, err := Render(m, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".md"), got)
		})
	}
}

func TestRussianHeadings(t *testing.T) {
	m := reporttest.FullMap()
	m.Lang = "ru"
	got, err := Render(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Персоны", "## Этапы", "## Реестр точек контакта", "## Омниканальная матрица", "## Возвраты назад"} {
		if !strings.Contains(string(got), "\n"+want+"\n") {
			t.Errorf("missing heading %q", want)
		}
	}
}

// TestHostile checks that no user string of the hostile map can format
// the page: every table row keeps its column count, and once our own
// markup (bold labels, <br>, list and heading marks, table pipes) and the
// backslash escapes are removed, no Markdown special character is left.
func TestHostile(t *testing.T) {
	got, err := Render(reporttest.HostileMap(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(got)
	inFence := false
	cols := 0
	ours := regexp.MustCompile(`<br>|\*\*|^#+ |^> |^ *- |\[!\[|\]\(|\)\]\(|^\*|\*$`)
	escaped := regexp.MustCompile(`\\.`)
	safeAmp := regexp.MustCompile(`&([^A-Za-z0-9#]|$)`) // starts no entity
	for i, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			if strings.ContainsAny(line, "<>&") {
				t.Errorf("line %d: raw HTML character in the mermaid block: %q", i+1, line)
			}
			continue
		}
		if strings.HasPrefix(line, "|") {
			n := countCells(line)
			if strings.HasPrefix(line, "|---") {
				cols = n
			} else if cols != 0 && n != cols {
				t.Errorf("line %d: %d cells, the table has %d: %q", i+1, n, cols, line)
			}
		} else {
			cols = 0
		}
		if i < 3 || strings.HasPrefix(line, "|---") {
			continue // the title heading and the description (Markdown by design)
		}
		rest := escaped.ReplaceAllString(line, "")
		rest = ours.ReplaceAllString(rest, "")
		rest = safeAmp.ReplaceAllString(rest, "$1")
		if strings.HasPrefix(line, "|") {
			rest = strings.ReplaceAll(rest, "|", "")
		}
		if k := strings.IndexAny(rest, "<>[]*_`~$&|\\#"); k >= 0 {
			t.Errorf("line %d: unescaped %q in %q", i+1, rest[k], line)
		}
	}
	if inFence {
		t.Error("a code fence is left open")
	}
}

// countCells counts the cells of a table row, as GFM splits them: on `|`
// not preceded by a backslash.
func countCells(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' {
			i++
			continue
		}
		if line[i] == '|' {
			n++
		}
	}
	return n - 1
}

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a|b", `a\|b`},
		{"<script>", `\<script\>`},
		{"*bold* _em_", `\*bold\* \_em\_`},
		{"[x](y)", `\[x\](y)`},
		{"a & b &amp; R&D &#60;", `a & b \&amp; R\&D \&\#60;`},
		{"C#", `C\#`},
		{"$5 and $6", `\$5 and \$6`},
		{"back\\slash", `back\\slash`},
		{"two\nlines", "two<br>lines"},
		{"crlf\r\nline", "crlf<br>line"},
		{"  trimmed  ", "trimmed"},
		{"Путь клиента 🚀", "Путь клиента 🚀"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := Escape(tc.in); got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestBlock(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"markdown kept", "**bold** and [link](https://example.com)", "**bold** and [link](https://example.com)"},
		{"html neutralised", "a <b>b</b>", "a &lt;b>b&lt;/b>"},
		{"code span kept", "use `<br>` here", "use `<br>` here"},
		{"fence kept", "```\n<div>\n```\n<i>", "```\n<div>\n```\n&lt;i>"},
		{"unclosed fence closed", "```\n<div>", "```\n<div>\n```"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Block(tc.in); got != tc.want {
				t.Errorf("Block(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDestination(t *testing.T) {
	if got, want := Destination("out/my map (v2).svg"), "out/my%20map%20%28v2%29.svg"; got != want {
		t.Errorf("Destination = %q, want %q", got, want)
	}
}

// FuzzEscape: whatever the label, the escaped text is one line and every
// Markdown special character in it is backslash-escaped.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{reporttest.Hostile, "a|b", "**x**", "line\nbreak", "\\", "Путь"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Escape(s)
		if strings.ContainsAny(got, "\r\n") {
			t.Fatalf("Escape(%q) = %q spans lines", s, got)
		}
		rest := got
		for i := 0; i < len(rest); i++ {
			if rest[i] == '\\' {
				i++
				continue
			}
			if strings.HasPrefix(rest[i:], "<br>") {
				i += len("<br>") - 1
				continue
			}
			if rest[i] == '&' && (i+1 == len(rest) || !entityStart(rest[i+1])) {
				continue
			}
			if strings.IndexByte(special, rest[i]) >= 0 {
				t.Fatalf("Escape(%q) = %q: unescaped %q", s, got, rest[i])
			}
		}
	})
}

// TestEmptySections: a section without rows says so in italics instead of
// a table.
func TestEmptySections(t *testing.T) {
	got, err := Render(reporttest.MinimalMaps()["one-stage"], Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "## Pain points and opportunities\n\n*No pain points or opportunities are recorded.*\n\n" +
		"## KPIs\n\n*No KPIs are set.*\n\n" +
		"## Steps back\n\n*The journey has no steps back.*\n"
	if !strings.Contains(string(got), want) {
		t.Errorf("no empty-section notes in\n%s", got)
	}
}
