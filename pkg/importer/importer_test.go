package importer

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/diff"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
	"github.com/cjm-dev/cjm/pkg/yamlfmt"

	"github.com/cjm-dev/cjm/pkg/validate"
)

func TestIDs(t *testing.T) {
	g := NewIDs("stage")
	long := strings.Repeat("word ", 30)
	for _, tc := range []struct{ name, want string }{
		{"Go to work", "go-to-work"},
		{"Go to work", "go-to-work-2"},
		{"go-to-work-2", "go-to-work-2-2"},
		{"Осознание потребности", "osoznanie-potrebnosti"},
		{"Оценка", "otsenka"},
		{"影師", "ying-shi"},
		{"Ελλάδα", "ellada"},
		{"Café & Crème", "cafe-and-creme"},
		{"🚀🚀", "stage-6708b29c"},
		{"🚀🚀", "stage-6708b29c-2"},
		{"", "stage-e3b0c442"},
		{"-- _x_ --", "x"},
		{long, strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
		{long, strings.TrimSuffix(strings.Repeat("word-", 12), "-") + "-2"},
	} {
		got := g.New(tc.name)
		if got != tc.want {
			t.Errorf("New(%q) = %q, want %q", tc.name, got, tc.want)
		}
		if !validate.ValidID(got) {
			t.Errorf("New(%q) = %q is not a valid id", tc.name, got)
		}
	}
	if g.Reserve("x") {
		t.Error("Reserve of a taken id succeeded")
	}
}

func TestIDsFull(t *testing.T) {
	// An id at the length limit still gets a unique, valid suffix.
	g := NewIDs("t")
	name := strings.Repeat("a", 80)
	a, b := g.New(name), g.New(name)
	if a == b || !validate.ValidID(a) || !validate.ValidID(b) || len(b) > 64 {
		t.Errorf("%q, %q", a, b)
	}
	// Many equal names: unique ids, one try each (quadratic when every
	// name tried every suffix before its own).
	seen := map[string]bool{}
	for i := 0; i < 100000; i++ {
		id := g.New("Same")
		if seen[id] {
			t.Fatalf("%q twice", id)
		}
		seen[id] = true
	}
}

// TestWrite writes every example and the test maps back as journey
// files: canonical layout, and the same map (`cjm diff` finds nothing).
func TestWrite(t *testing.T) {
	maps := map[string]*journey.Map{"full": reporttest.FullMap()}
	for i, label := range reporttest.HostileLabels {
		m := reporttest.LabelMap(label)
		m.Scope = "full" // the loader's default
		maps["label-"+strconv.Itoa(i)] = m
	}
	for _, ex := range reporttest.Examples(t) {
		maps[ex.Name] = ex.Map
		// Without its includes, the entries of the included catalogues
		// are written into the file.
		m := *ex.Map
		m.Include = nil
		maps[ex.Name+"-merged"] = &m
	}
	examples := filepath.Join(reporttest.RepoRoot(t), "examples")
	for name, m := range maps {
		t.Run(name, func(t *testing.T) {
			out, err := Write(m, name+".yaml")
			if err != nil {
				t.Fatal(err)
			}
			if again, err := yamlfmt.Format(out); err != nil || !bytes.Equal(again, out) {
				t.Errorf("not canonical (%v)", err)
			}
			if !strings.HasPrefix(string(out), "# Imported from "+name+".yaml by cjm import.\ncjm: 1\n") {
				t.Errorf("head:\n%.80s", out)
			}
			// Loaded as if it were in examples/, where its includes are.
			res := check.Bytes(filepath.Join(examples, name+".yaml"), out, check.Options{Root: examples})
			if res.Diags.HasErrors() {
				t.Fatalf("%v\n%s", res.Diags, out)
			}
			if changes := diff.Compare(m, res.Map); len(changes) > 0 {
				var b strings.Builder
				_ = diff.WriteText(&b, &diff.Result{Old: "model", New: "written", Changes: changes}, diff.TextOptions{})
				t.Errorf("written map differs:\n%s", b.String())
			}
		})
	}
}

func TestGuessLang(t *testing.T) {
	m := &journey.Map{Title: "Путь клиента B2B", Stages: []*journey.Stage{{Name: "Осознание"}, {Name: "Awareness"}}}
	if got := GuessLang(m); got != "ru" {
		t.Errorf("GuessLang = %q", got)
	}
	m.Title = "Customer path"
	if got := GuessLang(m); got != "en" {
		t.Errorf("GuessLang = %q", got)
	}
}

func TestForFile(t *testing.T) {
	srcs := []Source{Unavailable{Name: "xlsx", Exts: []string{".xlsx"}}}
	if ForFile(srcs, "A.XLSX") == nil || ForFile(srcs, "a.csv") != nil || ByFormat(srcs, "xlsx") == nil {
		t.Error("lookup")
	}
	res := Convert(srcs[0], "a.xlsx", nil, Options{})
	if !res.Diags.HasErrors() || res.Diags[0].Rule != RuleUnavailable || res.YAML != nil {
		t.Errorf("%v", res.Diags)
	}
}

func TestCellName(t *testing.T) {
	for _, tc := range []struct {
		col, row int
		want     string
	}{{0, 0, "A1"}, {4, 4, "E5"}, {25, 9, "Z10"}, {26, 0, "AA1"}, {27, 1, "AB2"}, {701, 2, "ZZ3"}, {702, 3, "AAA4"}} {
		if got := CellName(tc.col, tc.row); got != tc.want {
			t.Errorf("CellName(%d, %d) = %q, want %q", tc.col, tc.row, got, tc.want)
		}
	}
}

// TestWriteLongIDList: a list of ids longer than a line is written one id
// a line (yamlfmt's flow layout is slow on very long lines, and so is
// reading one).
func TestWriteLongIDList(t *testing.T) {
	m := &journey.Map{Title: "T", Stages: []*journey.Stage{{ID: "s", Name: "S", Touchpoints: []*journey.Touchpoint{
		{ID: "a", Name: "A", Personas: []string{"p1", "p2"}},
		{ID: "b", Name: "B", Personas: strings.Fields(strings.Repeat("a-long-persona-id ", 6))},
	}}}}
	out, err := Write(m, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "personas: [p1, p2]\n") || !strings.Contains(string(out), "personas:\n          - a-long-persona-id\n") {
		t.Errorf("layout:\n%s", out)
	}
}
