package mermaid

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"

	"github.com/cjm-dev/cjm/internal/testtool"
)

type named struct {
	name string
	m    *journey.Map
}

// maps returns every map the tests render: the examples, the full map and
// the hostile one.
func maps(t *testing.T) []named {
	var out []named
	for _, ex := range reporttest.Examples(t) {
		out = append(out, named{ex.Name, ex.Map})
	}
	return append(out, named{"full", reporttest.FullMap()}, named{"hostile", reporttest.HostileMap()},
		named{"emotions", emotionsMap()})
}

func emo(v float64) *journey.Emotion { return &journey.Emotion{Value: v} }

func perPersona(kv ...any) *journey.Emotion {
	e := &journey.Emotion{PerPersona: []journey.PersonaEmotion{}}
	for i := 0; i < len(kv); i += 2 {
		e.PerPersona = append(e.PerPersona, journey.PersonaEmotion{Persona: kv[i].(string), Value: float64(kv[i+1].(int))})
	}
	return e
}

// emotionsMap has every case of the score rule (issue 9 #21): touchpoints
// with and without an emotion of their own, in stages with and without
// one, single and per persona, and a stage without touchpoints.
func emotionsMap() *journey.Map {
	return &journey.Map{Version: 1, Title: "Emotions", Lang: "en",
		Personas: []*journey.Persona{{ID: "cfo", Name: "CFO"}, {ID: "ops", Name: "Ops"}},
		Stages: []*journey.Stage{
			{ID: "a", Name: "No stage emotion", Touchpoints: []*journey.Touchpoint{
				{ID: "zero", Name: "Zero", Emotion: emo(0)},
				{ID: "none", Name: "None"},
				{ID: "half", Name: "Half", Personas: []string{"cfo", "ops"}, Emotion: perPersona("cfo", 1)},
			}},
			{ID: "b", Name: "Stage plus one", Emotion: emo(1), Touchpoints: []*journey.Touchpoint{
				{ID: "own", Name: "Own", Emotion: emo(-2)},
				{ID: "inherits", Name: "Inherits"},
			}},
			{ID: "c", Name: "Stage per persona", Emotion: perPersona("ops", -2), Touchpoints: []*journey.Touchpoint{
				{ID: "mixed", Name: "Mixed", Emotion: perPersona("cfo", 2)},
				{ID: "bare", Name: "Bare"},
			}},
			{ID: "d", Name: "Empty stage", Emotion: emo(-1)},
			{ID: "e", Name: "Empty stage without emotion"},
		}}
}

// TestEmotionRule: a task's score is the touchpoint's emotion for its
// personas, else the stage's own, else neutral with a comment line that
// says so (issue 9 #21: no emotion was drawn as 3, like 0, and a stage's
// own emotion was lost).
func TestEmotionRule(t *testing.T) {
	got, err := Render(emotionsMap())
	if err != nil {
		t.Fatal(err)
	}
	want := `journey
  title Emotions
  section No stage emotion
    Zero: 3: CFO, Ops
    ` + NoEmotionComment + `
    None: 3: CFO, Ops
    Half: 4: CFO
    ` + NoEmotionComment + `
    Half: 3: Ops
  section Stage plus one
    Own: 1: CFO, Ops
    Inherits: 4: CFO, Ops
  section Stage per persona
    Mixed: 5: CFO
    Mixed: 1: Ops
    Bare: 1: Ops
    ` + NoEmotionComment + `
    Bare: 3: CFO
  section Empty stage
    Empty stage: 2: CFO, Ops
  section Empty stage without emotion
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGolden(t *testing.T) {
	for _, n := range maps(t) {
		t.Run(n.name, func(t *testing.T) {
			got, err := Render(n.m)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", n.name+".mmd"), got)
		})
	}
}

func TestScore(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want int
	}{{-2, 1}, {-1.5, 1}, {-1, 2}, {-0.5, 2}, {-0.4, 3}, {0, 3}, {0.5, 4}, {1, 4}, {1.49, 4}, {2, 5}, {7, 5}, {-7, 1}} {
		if got := Score(tc.in); got != tc.want {
			t.Errorf("Score(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a: b", "a#58; b"},
		{"C# ; x", "C#35; #59; x"},
		{"100%", "100#37;"},
		{"<b>&", "#60;b#62;#38;"},
		{"two\nlines\t tab", "two lines tab"},
		{"Путь 🚀", "Путь 🚀"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := Label(tc.in); got != tc.want {
				t.Errorf("Label(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	if got := taskName("Title page"); got != "#84;itle page" {
		t.Errorf("taskName(Title page) = %q", got)
	}
	if got := actor("Doe, Jane"); got != "Doe#44; Jane" {
		t.Errorf("actor = %q", got)
	}
}

// TestHostileLines checks the shape of every line without Mermaid: each
// task line has exactly the two separators the grammar reads, and no line
// carries a character the grammar or Mermaid's preprocessing would act on.
func TestHostileLines(t *testing.T) {
	checkLines(t, reporttest.HostileMap())
	for _, label := range reporttest.HostileLabels {
		t.Run(label, func(t *testing.T) { checkLines(t, reporttest.LabelMap(label)) })
	}
}

func checkLines(t *testing.T, m *journey.Map) {
	t.Helper()
	got, _ := Render(m)
	for i, line := range strings.Split(strings.TrimSuffix(string(got), "\n"), "\n") {
		if strings.TrimSpace(line) == NoEmotionComment {
			continue
		}
		body := strings.TrimSpace(line)
		for _, e := range []string{"#58;", "#35;", "#59;", "#37;", "#60;", "#62;", "#38;", "#34;", "#96;", "#44;", "#123;", "#125;", "#84;", "#116;", "#106;", "#115;"} {
			body = strings.ReplaceAll(body, e, "")
		}
		if strings.ContainsAny(body, "#;%<>&\"`{}") {
			t.Errorf("line %d: unescaped character: %q", i+1, line)
		}
		if strings.HasPrefix(line, "    ") && strings.Count(body, ":") != 2 && strings.Count(body, ":") != 1 {
			t.Errorf("line %d: %d separators: %q", i+1, strings.Count(body, ":"), line)
		}
	}
}

// parsed is what testdata/mermaid/parse.mjs prints for one file.
type parsed struct {
	Error    string   `json:"error"`
	Type     string   `json:"type"`
	Title    string   `json:"title"`
	Sections []string `json:"sections"`
	Tasks    []struct {
		Section string   `json:"section"`
		Task    string   `json:"task"`
		Score   float64  `json:"score"`
		People  []string `json:"people"`
	} `json:"tasks"`
}

// TestMermaidParser renders every map, has Mermaid itself parse the
// result (Node and the pinned `mermaid` package in testdata/mermaid; `make
// mermaid-deps` installs it) and checks that Mermaid read back exactly the
// stages, touchpoints, scores and personas of the map, hostile labels
// included.
func TestMermaidParser(t *testing.T) {
	node := testtool.Need(t, "install Node.js (apt-get install -y nodejs npm) for the Mermaid parser check", "node")
	harness := filepath.Join(reporttest.RepoRoot(t), "testdata", "mermaid")
	if _, err := os.Stat(filepath.Join(harness, "node_modules", "mermaid", "package.json")); err != nil {
		testtool.Missing(t, "testdata/mermaid/node_modules is absent: run `make mermaid-deps` to enable the Mermaid parser check")
	}
	dir := t.TempDir()
	all := maps(t)
	// Each hostile label as title, section, task and actor (issue 9 #6).
	for i, label := range reporttest.HostileLabels {
		all = append(all, named{fmt.Sprintf("label-%02d", i), reporttest.LabelMap(label)})
	}
	var files []string
	for _, n := range all {
		out, err := Render(n.m)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, n.name+".mmd")
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	cmd := exec.Command(node, append([]string{filepath.Join(harness, "parse.mjs")}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var results map[string]parsed
	if jerr := json.Unmarshal(out, &results); jerr != nil {
		t.Fatalf("parse.mjs: %v, %v\n%s", err, jerr, stderr.String())
	}
	for i, n := range all {
		t.Run(n.name, func(t *testing.T) {
			p := results[files[i]]
			if p.Error != "" {
				t.Fatalf("Mermaid rejects the diagram: %s", p.Error)
			}
			checkParsed(t, n.m, p)
		})
	}
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func checkParsed(t *testing.T, m *journey.Map, p parsed) {
	t.Helper()
	if p.Type != "journey" {
		t.Errorf("type = %q", p.Type)
	}
	if p.Title != norm(m.Title) {
		t.Errorf("title = %q, want %q", p.Title, norm(m.Title))
	}
	if len(p.Sections) != len(m.Stages) {
		t.Fatalf("%d sections, want %d", len(p.Sections), len(m.Stages))
	}
	k := 0
	for i, s := range m.Stages {
		if p.Sections[i] != norm(s.Name) {
			t.Errorf("section %d = %q, want %q", i, p.Sections[i], norm(s.Name))
		}
		if len(s.Touchpoints) == 0 {
			// The stage's own emotion, as a task named after the stage.
			if _, ok := s.Emotion.Mean(); ok {
				if k < len(p.Tasks) && p.Tasks[k].Task == norm(s.Name) {
					k++
				} else {
					t.Errorf("stage %q has an emotion and no task of its own", s.ID)
				}
			}
			continue
		}
		for _, tp := range s.Touchpoints {
			// The personas Mermaid should list, each with its score: the
			// touchpoint's emotion for them, else the stage's, else 3.
			want := map[string]int{}
			var order []string
			for _, per := range m.Personas {
				if !tp.Meets(per.ID) {
					continue
				}
				score := NeutralScore
				if v, ok := tp.Emotion.For(per.ID); ok {
					score = Score(v)
				} else if v, ok := s.Emotion.For(per.ID); ok {
					score = Score(v)
				}
				want[norm(per.Name)] = score
				order = append(order, norm(per.Name))
			}
			got := map[string]int{}
			for k < len(p.Tasks) && p.Tasks[k].Task == norm(tp.Name) && p.Tasks[k].Section == norm(s.Name) {
				for _, who := range p.Tasks[k].People {
					got[who] = int(p.Tasks[k].Score)
				}
				if len(p.Tasks[k].People) == 0 {
					got[""] = int(p.Tasks[k].Score)
				}
				k++
			}
			if len(order) == 0 {
				score := NeutralScore
				if v, ok := tp.Emotion.Mean(); ok {
					score = Score(v)
				} else if v, ok := s.Emotion.Mean(); ok {
					score = Score(v)
				}
				want[""] = score
			}
			if len(got) == 0 {
				t.Errorf("touchpoint %q: no task named %q in section %q", tp.ID, norm(tp.Name), norm(s.Name))
				continue
			}
			for who, s := range want {
				if got[who] != s {
					t.Errorf("touchpoint %q, persona %q: score %d, want %d (Mermaid read %v)", tp.ID, who, got[who], s, got)
				}
			}
			if len(got) != len(want) {
				t.Errorf("touchpoint %q: actors %v, want %v", tp.ID, got, want)
			}
		}
	}
	if k != len(p.Tasks) {
		t.Errorf("%d tasks, matched %d", len(p.Tasks), k)
	}
}

// FuzzLabel: whatever the label, the escaped text is one line and holds
// none of the characters the journey grammar reads, outside entity codes.
func FuzzLabel(f *testing.F) {
	for _, s := range []string{reporttest.Hostile, "a: b", "#59;", "100%", "Title x", "Путь"} {
		f.Add(s)
	}
	entity := regexp.MustCompile(`#[0-9]+;`)
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{Label(s), taskName(s), actor(s)} {
			if strings.ContainsAny(got, "\r\n") {
				t.Fatalf("%q spans lines: %q", s, got)
			}
			if rest := entity.ReplaceAllString(got, ""); strings.ContainsAny(rest, ":#;%<>&{}") {
				t.Fatalf("%q escaped to %q", s, got)
			}
		}
	})
}
