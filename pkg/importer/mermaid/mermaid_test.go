package mermaid

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/export/mermaid"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
	"github.com/cjm-dev/cjm/pkg/yamlfmt"

	"github.com/cjm-dev/cjm/internal/testtool"
)

// TestErrors: what Mermaid rejects (and the scores it cannot draw) is an
// error at the line and column of the fault.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"score word", "journey\nsection S\n  Make tea: x: Me\n", `in.mmd:3:13: error: the score "x" of task "Make tea" is not an integer from 1 to 5`},
		{"score six", "journey\nsection S\n  Make tea:6\n", `in.mmd:3:12: error: the score "6"`},
		{"score zero", "journey\nsection S\n  Make tea: 0\n", `in.mmd:3:13: error: the score "0"`},
		{"score fraction", "journey\nsection S\n  A: 2.5: Me\n", `in.mmd:3:6: error: the score "2.5"`},
		{"score empty", "journey\nsection S\n  A: \n", `in.mmd:3:6: error: the score ""`},
		{"missing colon", "journey\nsection S\n  Make tea: 5\n  Go upstairs 3 Me\n", `in.mmd:4:19: error: a task needs a score after a colon: ` + "`Go upstairs 3 Me: 3: Actor`"},
		{"bare colon", "journey\nsection S\n  Make tea:\n", `in.mmd:3:11: error: a task needs a score after a colon`},
		{"colon first", "journey\nsection S\n  : 5: Me\n", `in.mmd:3:3: error: a colon without a task name`},
		{"section colon", "journey\nsection S: x\n", `in.mmd:2:10: error: a colon without a task name`},
		{"semicolon", "journey\ntitle T; more\n", `in.mmd:2:8: error: unexpected ";"`},
		{"not a journey", "flowchart LR\n  a --> b\n", `in.mmd:1:1: error: not a Mermaid journey`},
		{"keyword case", "Journey\nsection S\n", `in.mmd:1:1: error: not a Mermaid journey`},
		{"second journey", "journey\nsection S\n  A: 3\njourney\n", `in.mmd:4:1: error: ` + "`journey` may only start"},
		{"open block", "journey\naccDescr {\n  never closed\n", `in.mmd:2:1: error: the ` + "`accDescr {` block is not closed"},
		{"open front matter", "---\ntitle: x\njourney\n", `in.mmd:1:1: error: the YAML front matter is not closed`},
		{"bad front matter", "---\ntitle: [x\n---\njourney\nsection S\n  A: 3\n", `in.mmd:1:1: error: the YAML front matter does not parse`},
		{"empty", "journey\ntitle T\n", `in.mmd:3:1: error: the journey has no ` + "`section`"},
		{"control", "journey\nsection S\n  A\x07: 3\n", `in.mmd:3:4: error: control character U+0007`},
		{"not utf-8", "journey\nsection \xff\n", `in.mmd:2:9: error: the file is not UTF-8`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := Parse("in.mmd", []byte(tc.src))
			if !ds.HasErrors() || m != nil {
				t.Fatalf("no error; diags %v", ds)
			}
			if got := ds[0].Error(); !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %s\nwant %s…", got, tc.want)
			}
		})
	}
}

// TestAccepted: edge cases of Mermaid's grammar that import.
func TestAccepted(t *testing.T) {
	m, ds := Parse("in.mmd", []byte("\ufeff  journey\r\n%% note\r\nTITLE  Quirks # comment\r\naccTitle:Short\r\nSection A<br>B\r\n  Tea : +5 :  Me ,Cat,,\r\n  Two: 0x2: Me: Dog\r\nsection C #x\r\n  Hex: 1e0\r\n"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if m.Title != "Quirks" || m.Description != "Short" {
		t.Errorf("title %q, description %q", m.Title, m.Description)
	}
	if len(m.Stages) != 2 || m.Stages[0].Name != "A\nB" || m.Stages[1].Name != "C" {
		t.Fatalf("stages %+v", m.Stages)
	}
	tp := m.Stages[0].Touchpoints
	if len(tp) != 2 || tp[0].Name != "Tea" || tp[0].Emotion.Value != 2 || strings.Join(tp[0].Personas, ",") != "me,cat" {
		t.Errorf("first task %+v", tp[0])
	}
	if tp[1].Emotion.Value != -1 || strings.Join(tp[1].Personas, ",") != "me" {
		t.Errorf("second task %+v", tp[1])
	}
	if m.Stages[1].Touchpoints[0].Emotion.Value != -2 {
		t.Errorf("1e0 gives %v", m.Stages[1].Touchpoints[0].Emotion.Value)
	}
	if len(ds) != 1 || ds[0].Range.Start != (diag.Pos{Line: 7, Column: 15}) || ds[0].Rule != importer.RuleLost {
		t.Errorf("want one warning at 7:15 about ': Dog', got %v", ds)
	}
}

func TestNoTitleNoSection(t *testing.T) {
	m, ds := Parse("dir/day.mmd", []byte("journey\n  Wake up: 2: Me\n"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if m.Title != "day" || m.Stages[0].Name != "Tasks" {
		t.Errorf("title %q, stage %q", m.Title, m.Stages[0].Name)
	}
	if len(ds) != 2 {
		t.Errorf("want two warnings, got %v", ds)
	}
}

// convert imports one file and checks the journey file: canonical layout,
// loads without errors.
func convert(t *testing.T, name string, src []byte) (importer.Result, check.Result) {
	t.Helper()
	res := importer.Convert(Source{}, name, src, importer.Options{Origin: filepath.Base(name)})
	if res.Diags.HasErrors() {
		t.Fatalf("import: %v", res.Diags)
	}
	again, err := yamlfmt.Format(res.YAML)
	if err != nil || !bytes.Equal(again, res.YAML) {
		t.Errorf("not in the canonical layout (%v):\n%s", err, res.YAML)
	}
	chk := check.Bytes("out.yaml", res.YAML, check.Options{})
	if chk.Diags.HasErrors() {
		t.Errorf("the journey file has errors: %v\n%s", chk.Diags, res.YAML)
	}
	return res, chk
}

// TestDocs imports the journeys of Mermaid's documentation and grammar
// tests (testdata/docs) into golden journey files that load without
// errors, and renders them back to Mermaid.
func TestDocs(t *testing.T) {
	files, _ := filepath.Glob("testdata/docs/*.mmd")
	if len(files) < 4 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, chk := convert(t, f, src)
			golden.Check(t, strings.TrimSuffix(f, ".mmd")+".yaml", res.YAML)
			if _, err := mermaid.Render(chk.Map); err != nil {
				t.Errorf("render: %v", err)
			}
		})
	}
}

// TestRoundTrip renders every example and the hostile labels as Mermaid
// (pkg/export/mermaid) and imports that back: the same stages, touchpoint
// names and emotions.
func TestRoundTrip(t *testing.T) {
	var maps []*journey.Map
	for _, ex := range reporttest.Examples(t) {
		maps = append(maps, ex.Map)
	}
	for _, label := range reporttest.HostileLabels {
		maps = append(maps, reporttest.LabelMap(label))
	}
	for i, m := range maps {
		out, err := mermaid.Render(m)
		if err != nil {
			t.Fatal(err)
		}
		back, ds := Parse("x.mmd", out)
		if ds.HasErrors() {
			t.Errorf("map %d: %v\n%s", i, ds, out)
			continue
		}
		if len(back.Stages) != len(m.Stages) {
			t.Errorf("map %d: %d stages, want %d", i, len(back.Stages), len(m.Stages))
			continue
		}
		for si, s := range m.Stages {
			bs := back.Stages[si]
			if len(bs.Touchpoints) != len(s.Touchpoints) {
				t.Errorf("map %d stage %q: %d touchpoints, want %d\n%s", i, s.Name, len(bs.Touchpoints), len(s.Touchpoints), out)
				continue
			}
			for ti, tp := range s.Touchpoints {
				if got := bs.Touchpoints[ti].Name; norm(got) != norm(tp.Name) {
					t.Errorf("map %d: touchpoint %q, want %q", i, got, tp.Name)
				}
			}
		}
	}
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// parsed is what testdata/mermaid/parse.mjs prints for one file.
type parsed struct {
	Error    string   `json:"error"`
	Title    string   `json:"title"`
	Sections []string `json:"sections"`
	Tasks    []struct {
		Section string   `json:"section"`
		Task    string   `json:"task"`
		Score   *float64 `json:"score"`
		People  []string `json:"people"`
	} `json:"tasks"`
}

// TestAgainstMermaid has Mermaid itself (Node and the pinned package in
// testdata/mermaid; `make mermaid-deps`) parse every test input: what it
// rejects, the import rejects; what it accepts imports with the same
// sections, tasks, scores and actors, except the scores it cannot draw
// (not an integer 1–5), which the import rejects on purpose.
func TestAgainstMermaid(t *testing.T) {
	node := testtool.Need(t, "install Node.js (apt-get install -y nodejs npm) for the Mermaid parser check", "node")
	harness := filepath.Join(reporttest.RepoRoot(t), "testdata", "mermaid")
	if _, err := os.Stat(filepath.Join(harness, "node_modules", "mermaid", "package.json")); err != nil {
		testtool.Missing(t, "testdata/mermaid/node_modules is absent: run `make mermaid-deps` to enable the Mermaid parser check")
	}
	files, _ := filepath.Glob("testdata/*/*.mmd")
	dir := t.TempDir()
	for i, src := range grammarCases {
		f := filepath.Join(dir, fmt.Sprintf("case-%02d.mmd", i))
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// In batches: Node cuts a long stdout short when parse.mjs exits.
	results := map[string]parsed{}
	for i := 0; i < len(files); i += 25 {
		cmd := exec.Command(node, append([]string{filepath.Join(harness, "parse.mjs")}, files[i:min(i+25, len(files))]...)...)
		out, _ := cmd.Output()
		var batch map[string]parsed
		if err := json.Unmarshal(out, &batch); err != nil {
			t.Fatalf("parse.mjs: %v\n%s", err, out)
		}
		for k, v := range batch {
			results[k] = v
		}
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, _ := os.ReadFile(f)
			m, ds := Parse(f, src)
			p := results[f]
			if p.Error != "" {
				if !ds.HasErrors() {
					t.Fatalf("Mermaid rejects it (%s), the import accepts it", p.Error)
				}
				return
			}
			drawable := true
			for _, tk := range p.Tasks {
				if tk.Score == nil || *tk.Score != float64(int(*tk.Score)) || *tk.Score < 1 || *tk.Score > 5 {
					drawable = false
				}
			}
			if !drawable {
				if !ds.HasErrors() || ds[0].Rule != importer.RuleValue {
					t.Fatalf("a score Mermaid cannot draw imports: %v", ds)
				}
				return
			}
			if ds.HasErrors() {
				if len(p.Sections)+len(p.Tasks) == 0 && ds[0].Rule == importer.RuleSyntax && strings.Contains(ds[0].Message, "no `section`") {
					return // nothing to import: Mermaid draws an empty diagram
				}
				t.Fatalf("Mermaid accepts it, the import rejects it: %v", ds)
			}
			if p.Title != "" && m.Title != p.Title {
				t.Errorf("title %q, Mermaid %q", m.Title, p.Title)
			}
			// Tasks before any section go to a stage "Tasks"; a section
			// without a name is "Stage N".
			sections := p.Sections
			if len(p.Tasks) > 0 && p.Tasks[0].Section == "" {
				sections = append([]string{"Tasks"}, sections...)
			}
			if len(m.Stages) != len(sections) {
				t.Fatalf("%d stages, Mermaid %d sections", len(m.Stages), len(sections))
			}
			for i, s := range sections {
				want := label(s)
				if want == "" {
					want = fmt.Sprintf("Stage %d", i+1)
				}
				if m.Stages[i].Name != want {
					t.Errorf("stage %q, Mermaid %q", m.Stages[i].Name, want)
				}
			}
			var tps []*journey.Touchpoint
			for _, s := range m.Stages {
				tps = append(tps, s.Touchpoints...)
			}
			tps = split(tps)
			if len(tps) != len(p.Tasks) {
				t.Fatalf("%d touchpoints, Mermaid %d tasks", len(tps), len(p.Tasks))
			}
			ix := journey.NewIndex(m)
			for i, tk := range p.Tasks {
				tp := tps[i]
				if want := label(tk.Task); tp.Name != want {
					t.Errorf("touchpoint %q, Mermaid %q", tp.Name, want)
				}
				if v, _ := tp.Emotion.Mean(); v != *tk.Score-3 {
					t.Errorf("%q: emotion %v, Mermaid score %v", tp.Name, tp.Emotion.Value, *tk.Score)
				}
				var want, got []string
				for _, a := range tk.People {
					if a != "" && !contains(want, a) {
						want = append(want, a)
					}
				}
				for _, id := range tp.Personas {
					got = append(got, ix.Persona(id).Name)
				}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%q: personas %q, Mermaid %q", tp.Name, got, want)
				}
			}
		})
	}
}

// label is a name as Mermaid read it, as the import keeps it: entities
// decoded, line breaks for <br>, trimmed, control characters replaced.
func label(s string) string {
	return decode(strings.Map(func(r rune) rune {
		if r != '\n' && (diag.IsControl(r) || diag.IsBidiControl(r)) {
			return utf8.RuneError
		}
		return r
	}, html.UnescapeString(s)), true)
}

// split undoes merge: one touchpoint per distinct emotion, as Mermaid
// has one task per score.
func split(tps []*journey.Touchpoint) []*journey.Touchpoint {
	var out []*journey.Touchpoint
	for _, tp := range tps {
		if !tp.Emotion.IsPerPersona() {
			out = append(out, tp)
			continue
		}
		var cur *journey.Touchpoint
		for _, pe := range tp.Emotion.PerPersona {
			if cur == nil || cur.Emotion.Value != pe.Value {
				cur = &journey.Touchpoint{Name: tp.Name, Emotion: &journey.Emotion{Value: pe.Value}}
				out = append(out, cur)
			}
			cur.Personas = append(cur.Personas, pe.Persona)
		}
	}
	return out
}

// grammarCases are edge cases of journey.jison's lexer and grammar that
// TestAgainstMermaid has Mermaid decide.
var grammarCases = []string{
	"journey\ntitle\nfoo: 3",
	"journey title x",
	"journey\n%%{init: {}}%%\nsection a\n t: 3",
	"journey\naccTitle x\nsection s\n a: 3",
	"journey\naccDescr: \nsection s\n a: 3",
	"journey\nsection\ta\n b: 2",
	"journey\n  section s\n  t:\t3\t:\tMe",
	"journey\n}%% x\nsection s\n a: 3",
	"journey\nsection s\nx%%y: 3",
	"journey\nsection s\na%%b",
	"journey\nsection s\n a: 3 # c\n",
	"journey\nsection s # c\n a: 3",
	"journey\nsection s\n a: 3;",
	"journey\nsection s\n a#1;b: 3",
	"journey\nsection s\n a #x: 3",
	"journey\nsection s\n journeyman: 3",
	"journey\nsection s\n titles: 3",
	"journey\nsection s\n title: 3",
	"journey\nsection s\n section: 3",
	"journey\nsectionx\n a: 3",
	"journey\naccDescr {\n}\nsection s\n a: 3",
	"journey\naccDescr{x}section s\n a: 3",
	"journey\naccDescr {x\nsection s\n a: 3",
	"journey\naccTitle: a;b\nsection s\n a: 3",
	"journey\naccDescr: a # b\nsection s\n a: 3",
	"\n\n  journey\nsection s\n a: 3",
	"%% x\njourney\nsection s\n a: 3",
	"---\ntitle: x\n---\njourney\nsection s\n a: 3",
	"---\ntitle: x\n---\n\njourney\nsection s\n a: 3",
	"  ---\n  title: x\n  ---\njourney\nsection s\n a: 3",
	"journey\nsection s\n a: 3:",
	"journey\nsection s\n a: 3: ,",
	"journey\nsection s\n a:3:b:c",
	"journey\nsection s\n a:: 3",
	"journey\nsection s\n a: 3\n: 4",
	"journey\nsection s\n a: 3\njourney",
	"journey\nsection s\n a: 3\n}",
	"journey\nsection s\n a: 3\n{",
	"journey\nsection s\n a: 3\n%",
	"journey\nsection s\n a: 3\n%%",
	"journey\nSection s\n A: 3",
	"journey\nTITLE t\nsection s\n a: 3",
	"journey\nACCTITLE: t\nsection s\n a: 3",
	"journey\nsection s:\n a: 3",
	"journey\nsection  \n a: 3",
	"journey\nsection s\n a: 3 : Me, You ",
	"journey\nsection s\na\n: 3",
	"journey\nsection s\n a :\n3",
	"journey\nsection s\n <b>x</b>: 3",
	"journey\nsection s\n a: 0x3",
	"journey\nsection s\n a: 3e0",
	"journey\nsection s\n a: .3e1",
	"journey\nsection s\n a: 3.",
	"journey\nsection s\n a: -3",
	"journey\nsection s\n a: Infinity",
	"journey\nsection s\n a: 0b11",
	"journey\ttitle x\nsection s\n a: 3",
	"journey%%x\nsection s\n a: 3",
	"journey\nsection s\n a: 3\n%%{x}%%\n b: 4",
	"journey\n%%{init: {\n}}%%\nsection s\n a: 3",
	"journey\nsection s\n a: 3\n% x",
	"journey\nsection s\n %{x}: 3",
	"journey\nsection s\n a%b: 3",
	"journey\n%section s\n a: 3",
	"journey\nsection s\n a: 3\n%{",
	"journey\nsection s\n a: %3",
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// TestMarkdown: the first ```mermaid journey block of a README imports,
// positions are those of the Markdown file, other blocks are skipped.
func TestMarkdown(t *testing.T) {
	src := "---\nlayout: page\n---\n# Our journey\n\nSome text: 5: with colons.\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n" +
		"  ~~~~ mermaid\n  ---\n  title: From the front matter\n  ---\n  journey\n    section Visit\n      Browse: 4: Me\n  ~~~~\n\n```mermaid\njourney\n  section Other\n    X: 3\n```\n"
	m, ds := Parse("README.md", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if m.Title != "From the front matter" || len(m.Stages) != 1 || m.Stages[0].Name != "Visit" {
		t.Fatalf("title %q, stages %+v", m.Title, m.Stages)
	}
	if got := m.Stages[0].Src.Range.String(); got != "README.md:18:13" {
		t.Errorf("stage at %s", got)
	}
	if len(ds) != 1 || ds[0].Range.Start.Line != 22 {
		t.Errorf("want a warning about the block at line 22: %v", ds)
	}
	// Errors point into the Markdown file.
	_, ds = Parse("README.md", []byte("Intro\n\n```mermaid\njourney\n  section S\n    Tea: nine\n```\n"))
	if !ds.HasErrors() || ds[0].Range.String() != "README.md:6:10" {
		t.Errorf("%v", ds)
	}
	// A .mmd file is a diagram even if a fence is in it; stdin is
	// Markdown when it holds a fence.
	if _, ds := Parse("x.mmd", []byte("journey\nsection S\n  ```mermaid: 3\n")); ds.HasErrors() {
		t.Errorf("a .mmd with a fence-like task: %v", ds)
	}
	if m, ds := Parse("<standard input>", []byte("Hi\n```mermaid\njourney\nsection S\n  A: 3\n```\n")); ds.HasErrors() || m.Stages[0].Name != "S" {
		t.Errorf("Markdown on stdin: %v", ds)
	}
	_, ds = Parse("README.md", []byte("```mermaid\nflowchart LR\n```\n"))
	if !ds.HasErrors() || !strings.Contains(ds[0].Message, "no ```mermaid block that starts with `journey`") {
		t.Errorf("%v", ds)
	}
}

// TestPrivateUse: characters of the private use area are text, not the
// markers of entity codes.
func TestPrivateUse(t *testing.T) {
	m, ds := Parse("in.mmd", []byte("journey\nsection S\n  a\uE000amp\uE001b #amp; c: 3\n"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if got := m.Stages[0].Touchpoints[0].Name; got != "a\uE000amp\uE001b & c" {
		t.Errorf("name %q", got)
	}
}
