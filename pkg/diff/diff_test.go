package diff

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/report/markdown"
)

func mustLoad(t *testing.T, name string, src string) *journey.Map {
	t.Helper()
	m, ds, _ := load.Bytes(name, []byte(src), load.Options{Root: "."})
	if ds.HasErrors() {
		t.Fatalf("%s: %v", name, ds)
	}
	return m
}

func text(t *testing.T, old, new *journey.Map) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteText(&b, &Result{Old: "old", New: "new", Changes: Compare(old, new)}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const base = `cjm: 1
title: T
personas: [{id: a, name: A}, {id: b, name: B}]
channels: [{id: web, name: Web}, {id: mail, name: Mail}]
owners: [{id: mk, name: Marketing}, {id: sa, name: Sales}]
stages:
  - id: s1
    name: One
    goal: Learn
    actions: [Read]
    metrics:
      - {id: m, name: M, value: 10, target: 20}
    touchpoints:
      - {id: t1, name: T1, channel: web, owner: mk, emotion: 1, pains: [Slow], next: [t2]}
      - {id: t2, name: T2, channel: web, evidence: assumed}
      - {id: t3, name: T3}
  - id: s2
    name: Two
    touchpoints:
      - {id: t4, name: T4, emotion: {a: 1, b: -1}, moment_of_truth: true}
  - id: s3
    name: Three
    touchpoints:
      - {id: t5, name: T5}
transitions:
  - {from: s2, to: s1, label: Back}
`

// TestCompare changes one thing at a time in base and checks the report.
func TestCompare(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replacements applied to base: old → new
		want     string
	}{
		{"nothing", "", "", ""},
		{"title", "title: T", "title: U", "~ map: title: \"T\" → \"U\"\n"},
		{"lang", "title: T", "title: T\nlang: ru", "~ map: lang: en → ru\n"},
		{"persona renamed", "{id: a, name: A}", "{id: a, name: Alpha}", "~ persona a: renamed \"A\" → \"Alpha\"\n"},
		{"persona added", "{id: b, name: B}]", "{id: b, name: B}, {id: c, name: C}]", "+ persona c \"C\": added\n"},
		{"persona role", "{id: a, name: A}", "{id: a, name: A, role: boss}", "~ persona a \"A\": role: set to \"boss\"\n"},
		{"channel removed", ", {id: mail, name: Mail}]", "]", "- channel mail \"Mail\": removed\n"},
		{"channel kind", "{id: mail, name: Mail}", "{id: mail, name: Mail, kind: human}", "~ channel mail \"Mail\": kind: digital → human\n"},
		{"owner renamed", "{id: sa, name: Sales}", "{id: sa, name: Sales team}", "~ owner sa: renamed \"Sales\" → \"Sales team\"\n"},
		{"stage renamed", "name: One", "name: First", "~ stage s1: renamed \"One\" → \"First\"\n"},
		{"stage goal", "goal: Learn", "goal: Understand", "~ stage s1 \"One\": goal: \"Learn\" → \"Understand\"\n"},
		{"stage actions", "actions: [Read]", "actions: [Read, Compare]", "~ stage s1 \"One\": actions: added \"Compare\"\n"},
		{"stage emotion", "    name: Two\n", "    name: Two\n    emotion: -1\n", "~ stage s2 \"Two\": emotion: set to -1\n"},
		{"stage added at end is no reorder", "transitions:", "  - {id: s4, name: Four, touchpoints: [{id: t6, name: T6}]}\ntransitions:",
			"+ stage s4 \"Four\": added\n+ touchpoint t6 \"T6\" (stage s4): added\n"},
		{"stage removed shifts nothing", "  - id: s2\n    name: Two\n    touchpoints:\n      - {id: t4, name: T4, emotion: {a: 1, b: -1}, moment_of_truth: true}\n", "",
			"- stage s2 \"Two\": removed\n- touchpoint t4 \"T4\" (stage s2): removed\n"},
		{"touchpoint added first is no reorder", "      - {id: t1,", "      - {id: t0, name: T0}\n      - {id: t1,",
			"+ touchpoint t0 \"T0\" (stage s1): added\n"},
		{"touchpoint removed", "      - {id: t3, name: T3}\n", "", "- touchpoint t3 \"T3\" (stage s1): removed\n"},
		{"touchpoint renamed", "{id: t3, name: T3}", "{id: t3, name: Third}", "~ touchpoint t3 (stage s1): renamed \"T3\" → \"Third\"\n"},
		{"touchpoint reordered", "      - {id: t3, name: T3}\n", "", ""},                         // replaced below
		{"touchpoint moved", "      - {id: t5, name: T5}\n", "      - {id: t3, name: T3}\n", ""}, // replaced below
		{"channel changed", "{id: t2, name: T2, channel: web,", "{id: t2, name: T2, channel: mail,", "~ touchpoint t2 \"T2\" (stage s1): channel: web → mail\n"},
		{"owner set", "{id: t2, name: T2, channel: web,", "{id: t2, name: T2, channel: web, owner: sa,", "~ touchpoint t2 \"T2\" (stage s1): owner: set to sa\n"},
		{"emotion", "owner: mk, emotion: 1,", "owner: mk, emotion: -0.5,", "~ touchpoint t1 \"T1\" (stage s1): emotion: 1 → -0.5 (-1.5)\n"},
		{"emotion per persona", "emotion: {a: 1, b: -1}", "emotion: {a: 1, b: 2}", "~ touchpoint t4 \"T4\" (stage s2): emotion of b: -1 → 2 (+3)\n"},
		{"emotion becomes per persona", "owner: mk, emotion: 1,", "owner: mk, emotion: {a: 1, b: 0},", "~ touchpoint t1 \"T1\" (stage s1): emotion of b: 1 → 0 (-1)\n"},
		{"pains", "pains: [Slow]", "pains: [Slow, Costly]", "~ touchpoint t1 \"T1\" (stage s1): pains: added \"Costly\"\n"},
		{"pains replaced", "pains: [Slow]", "pains: [Costly]", "~ touchpoint t1 \"T1\" (stage s1): pains: added \"Costly\"; removed \"Slow\"\n"},
		{"pains reordered is nothing", "pains: [Slow]", "pains: [Slow]", ""},
		{"delights", "{id: t3, name: T3}", "{id: t3, name: T3, delights: [Fast]}", "~ touchpoint t3 \"T3\" (stage s1): delights: added \"Fast\"\n"},
		{"personas of touchpoint", "{id: t3, name: T3}", "{id: t3, name: T3, personas: [a]}", "~ touchpoint t3 \"T3\" (stage s1): personas: added a\n"},
		{"moment of truth reason", "moment_of_truth: true}", "moment_of_truth: Decides}", "~ touchpoint t4 \"T4\" (stage s2): moment of truth reason: (no reason) → \"Decides\"\n"},
		{"moment of truth dropped", ", moment_of_truth: true}", "}", "~ touchpoint t4 \"T4\" (stage s2): no longer a moment of truth\n"},
		{"moment of truth new", "{id: t3, name: T3}", "{id: t3, name: T3, moment_of_truth: Here}", "~ touchpoint t3 \"T3\" (stage s1): now a moment of truth: \"Here\"\n"},
		{"evidence", "evidence: assumed", "evidence: observed", "~ touchpoint t2 \"T2\" (stage s1): evidence: assumed → observed\n"},
		{"source", "evidence: assumed", "evidence: assumed, source: Interviews", "~ touchpoint t2 \"T2\" (stage s1): source: set to \"Interviews\"\n"},
		{"next", "next: [t2]", "next: [t2, t3]", "~ touchpoint t1 \"T1\" (stage s1): next: added t3\n"},
		{"metric value toward target", "value: 10, target: 20", "value: 15, target: 20", "~ metric m \"M\" (stage s1): value: 10 → 15 (+5, better, toward target 20)\n"},
		{"metric value away", "value: 10, target: 20", "value: 5, target: 20", "~ metric m \"M\" (stage s1): value: 10 → 5 (-5, worse, away from target 20)\n"},
		{"metric lower is better", "value: 10, target: 20}", "value: 5, target: 2, better: lower}",
			"~ metric m \"M\" (stage s1): value: 10 → 5 (-5, better, toward target 2)\n~ metric m \"M\" (stage s1): target: 20 → 2 (-18)\n~ metric m \"M\" (stage s1): better: higher → lower\n"},
		{"metric meets target", "value: 10, target: 20", "value: 25, target: 20", "~ metric m \"M\" (stage s1): value: 10 → 25 (+15, better, meets target 20)\n"},
		{"metric added", "      - {id: m, name: M, value: 10, target: 20}\n", "      - {id: m, name: M, value: 10, target: 20}\n      - {id: n, name: N, value: 3}\n", "+ metric n \"N\" (stage s1): added (value 3)\n"},
		{"touchpoint metric", "{id: t3, name: T3}", "{id: t3, name: T3, metrics: [{id: csat, name: CSAT, value: 4}]}", "+ metric csat \"CSAT\" (touchpoint t3): added (value 4)\n"},
		{"transition label", "label: Back}", "label: Going back}", "~ transition s2 → s1 \"Going back\": label: \"Back\" → \"Going back\"\n"},
		{"transition added", "label: Back}\n", "label: Back}\n  - {from: s1, to: s3}\n", "+ transition s1 → s3: added\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newSrc := base
			if tt.old != "" {
				if !strings.Contains(base, tt.old) {
					t.Fatalf("base has no %q", tt.old)
				}
				newSrc = strings.Replace(base, tt.old, tt.new, 1)
			}
			old, new := mustLoad(t, "old.yaml", base), mustLoad(t, "new.yaml", newSrc)
			want := tt.want
			switch tt.name {
			case "touchpoint reordered":
				new = mustLoad(t, "new.yaml", strings.Replace(strings.Replace(base, "      - {id: t3, name: T3}\n", "", 1),
					"      - {id: t1,", "      - {id: t3, name: T3}\n      - {id: t1,", 1))
				want = "~ touchpoint t3 \"T3\" (stage s1): reordered (position 3 → 1)\n"
			case "touchpoint moved":
				new = mustLoad(t, "new.yaml", strings.Replace(strings.Replace(base, "      - {id: t3, name: T3}\n", "", 1),
					"      - {id: t5, name: T5}\n", "      - {id: t5, name: T5}\n      - {id: t3, name: T3}\n", 1))
				want = "~ touchpoint t3 \"T3\": moved from stage s1 to stage s3\n"
			}
			if got := text(t, old, new); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestStageReorder: moving one stage reports that stage only, not the
// ones it shifted.
func TestStageReorder(t *testing.T) {
	old := mustLoad(t, "old.yaml", base)
	moved := strings.Replace(base, "  - id: s3\n    name: Three\n    touchpoints:\n      - {id: t5, name: T5}\n", "", 1)
	moved = strings.Replace(moved, "stages:\n", "stages:\n  - id: s3\n    name: Three\n    touchpoints:\n      - {id: t5, name: T5}\n", 1)
	got := text(t, old, mustLoad(t, "new.yaml", moved))
	want := "~ stage s3 \"Three\": reordered (position 3 → 1)\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestFormattingOnly: key order, flow vs block, comments and quoting are
// not changes.
func TestFormattingOnly(t *testing.T) {
	reformatted := `# a comment
cjm: 1
personas:
  - name: "A"
    id: a
  - {name: 'B', id: b}
title: "T"
channels:
  - id: web
    name: Web
  - {id: mail, name: Mail}
owners: [{id: mk, name: Marketing}, {name: Sales, id: sa}]
stages:
  - name: One
    id: s1
    goal: 'Learn'
    actions:
      - Read
    metrics:
      - id: m
        name: M
        value: 10.0
        target: 2e1
    touchpoints:
      - id: t1
        name: T1
        channel: web
        owner: mk
        emotion: 1
        pains:
          - Slow  # comment
        next: [t2]
      - {id: t2, name: T2, channel: web, evidence: assumed}
      - {id: t3, name: T3}
  - id: s2
    name: Two
    touchpoints:
      - id: t4
        name: T4
        emotion:
          a: 1
          b: -1
        moment_of_truth: true
  - {id: s3, name: Three, touchpoints: [{id: t5, name: T5}]}
transitions:
  - label: Back
    from: s2
    to: s1
`
	if got := text(t, mustLoad(t, "old.yaml", base), mustLoad(t, "new.yaml", reformatted)); got != "" {
		t.Errorf("formatting-only change reported:\n%s", got)
	}
}

// TestGolden writes the changes between testdata/old.yaml and new.yaml in
// every format.
func TestGolden(t *testing.T) {
	old := mustLoad(t, "testdata/old.yaml", string(read(t, "testdata/old.yaml")))
	new := mustLoad(t, "testdata/new.yaml", string(read(t, "testdata/new.yaml")))
	r := &Result{Old: "HEAD:testdata/old.yaml", New: "testdata/new.yaml", Changes: Compare(old, new)}
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"changes.txt", func(b *bytes.Buffer) error { return WriteText(b, r, TextOptions{}) }},
		{"changes.color.txt", func(b *bytes.Buffer) error { return WriteText(b, r, TextOptions{Color: true}) }},
		{"changes.md", func(b *bytes.Buffer) error { return WriteMarkdown(b, r) }},
		{"changes.json", func(b *bytes.Buffer) error { return WriteJSON(b, r) }},
	} {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(&b); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/"+f.name, b.Bytes())
		})
	}
}

func TestNoChangesOutputs(t *testing.T) {
	m := mustLoad(t, "a.yaml", base)
	r := &Result{Old: "a.yaml", New: "a.yaml", Changes: Compare(m, m)}
	var txt, md, js bytes.Buffer
	WriteText(&txt, r, TextOptions{})
	WriteMarkdown(&md, r)
	WriteJSON(&js, r)
	if txt.Len() != 0 {
		t.Errorf("text: %q", txt.String())
	}
	if !strings.Contains(md.String(), "no changes") {
		t.Errorf("md: %q", md.String())
	}
	if !strings.Contains(js.String(), `"changes": []`) || !strings.Contains(js.String(), `"same": true`) {
		t.Errorf("json: %s", js.String())
	}
}

// TestMarkdownEscapes: the md diff escapes user text by the report's rule
// (issue 8: `$5 #42` was escaped in the report and not in the diff), on
// one line, with control characters made inert.
func TestMarkdownEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"a|b":                  `a\|b`,
		"<script>x</script>":   `\<script\>x\</script\>`,
		"**bold** _it_ `code`": "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`",
		"line\nbreak":          "line break",
		"[link](http://x)":     `\[link\](http://x)`,
		"Путь 🚀 & co":          "Путь 🚀 & co",
		"Price $5 #42 ~x~":     `Price \$5 \#42 \~x\~`,
		"R&D &amp;":            `R\&D \&amp;`,
		"bell\x07 esc\x1b[31m": "bell\uFFFD esc\uFFFD\\[31m",
	} {
		if got := mdEscape(in); got != want {
			t.Errorf("mdEscape(%q) = %q, want %q", in, got, want)
		}
		if got, report := mdEscape(in), markdown.EscapeLine(in); !strings.ContainsRune(in, 0x1b) && !strings.ContainsRune(in, 7) && got != report {
			t.Errorf("mdEscape(%q) = %q, the report writes %q", in, got, report)
		}
	}
	old := mustLoad(t, "old.yaml", "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: Price}\n")
	new := mustLoad(t, "new.yaml", "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: \"Price $5 #42\"}\n")
	var b bytes.Buffer
	if err := WriteMarkdown(&b, &Result{Old: "a", New: "b", Changes: Compare(old, new)}); err != nil {
		t.Fatal(err)
	}
	if want := "| renamed | stage `s` | renamed “Price” → “Price \\$5 \\#42” |\n"; !strings.Contains(b.String(), want) {
		t.Errorf("got:\n%s\nwant a row %q", b.String(), want)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMarkdownLimit(t *testing.T) {
	var changes []Change
	for i := 0; i < 2000; i++ {
		changes = append(changes, Change{Kind: Added, Element: TouchpointElement, ID: "t", Name: strings.Repeat("x", 50), Stage: "s"})
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, &Result{Old: "a", New: "b", Changes: changes}); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 65536 {
		t.Errorf("markdown is %d bytes", b.Len())
	}
	if !strings.Contains(b.String(), "more changes, left out") {
		t.Error("no note about the changes left out")
	}
}

// TestOutOfOrder: the ids whose relative order changed, and only those
// (an insertion or a deletion shifts positions and reorders nothing), on
// short lists and on a long one with one id moved.
func TestOutOfOrder(t *testing.T) {
	long := make([]string, 500)
	for i := range long {
		long[i] = fmt.Sprintf("s%d", i)
	}
	moved := append([]string{"s250"}, slices.Delete(slices.Clone(long), 250, 251)...)
	for _, tt := range []struct {
		name     string
		old, new []string
		want     []string
	}{
		{"same", []string{"a", "b", "c"}, []string{"a", "b", "c"}, nil},
		{"insert and delete", []string{"a", "b", "c"}, []string{"x", "a", "c", "y"}, nil},
		{"one moved to the front", []string{"a", "b", "c", "d"}, []string{"d", "a", "b", "c"}, []string{"d"}},
		{"one moved to the end", []string{"a", "b", "c", "d"}, []string{"b", "c", "d", "a"}, []string{"a"}},
		{"reversed", []string{"a", "b", "c"}, []string{"c", "b", "a"}, []string{"b", "c"}},
		{"long list, one moved", long, moved, []string{"s250"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := outOfOrder(tt.old, tt.new)
			var ids []string
			for id := range got {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			if !slices.Equal(ids, tt.want) {
				t.Errorf("got %v, want %v", ids, tt.want)
			}
			for range 3 {
				if again := outOfOrder(tt.old, tt.new); !maps.Equal(again, got) {
					t.Fatalf("not deterministic: %v then %v", got, again)
				}
			}
		})
	}
}

// TestMeasurementFiles: a measurement file added to a map is reported, and
// so is the metric value its latest row moved.
func TestMeasurementFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/kpi.csv", []byte("metric,date,value\nm,2026-10,12\nm,2026-11,15\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	load1 := func(src string) *journey.Map {
		m, ds, _ := load.Bytes(dir+"/map.yaml", []byte(src), load.Options{Root: dir})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		return m
	}
	old := load1(base)
	new := load1(strings.Replace(base, "title: T\n", "title: T\nmeasurements: [kpi.csv]\n", 1))
	got := text(t, old, new)
	want := "~ map: measurements: added kpi.csv\n~ metric m \"M\" (stage s1): value: 10 → 15 (+5, better, toward target 20)\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := text(t, new, old); !strings.HasPrefix(got, "~ map: measurements: removed kpi.csv\n") {
		t.Errorf("removed: %s", got)
	}
}
