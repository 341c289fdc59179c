package yamlfmt

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/diff"
	"github.com/cjm-dev/cjm/pkg/load"
)

// TestFormatGolden formats each testdata/format/*.in.yaml and compares the
// result with *.out.yaml.
func TestFormatGolden(t *testing.T) {
	ins, _ := filepath.Glob("testdata/format/*.in.yaml")
	if len(ins) == 0 {
		t.Fatal("no inputs")
	}
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), ".in.yaml")
		t.Run(name, func(t *testing.T) {
			src := read(t, in)
			got, err := Format(src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(in, ".in.yaml")+".out.yaml", got)
		})
	}
}

func TestFormatCases(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"key order", "title: T\ncjm: 1\n", "cjm: 1\ntitle: T\n"},
		{"not a journey file: order kept", "title: T\nname: x\n", "title: T\nname: x\n"},
		{"four-space indent", "cjm: 1\nstages:\n    -   id: a\n        name: A\n", "cjm: 1\nstages:\n  - id: a\n    name: A\n"},
		{"unindented sequence", "cjm: 1\npersonas:\n- id: a\n  name: A\n", "cjm: 1\npersonas:\n  - id: a\n    name: A\n"},
		{"flow kept, spacing normalised", "cjm: 1\nchannels:\n  - { name: Web ,  id: web }\n", "cjm: 1\nchannels:\n  - {id: web, name: Web}\n"},
		{"flow sequence kept", "x: [ a,b ,c ]\n", "x: [a, b, c]\n"},
		{"emoji and Cyrillic unescaped", "title: 'Путь 🚀'\nname: Путь 🚀\n", "title: 'Путь 🚀'\nname: Путь 🚀\n"},
		{"quoting kept", "a: \"x\"\nb: 'y'\nc: z\nd: \"1\"\n", "a: \"x\"\nb: 'y'\nc: z\nd: \"1\"\n"},
		{"yes stays a plain string", "a: yes\n", "a: yes\n"},
		{"empty value", "a:\nb: ~\n", "a:\nb: ~\n"},
		{"trailing spaces and CRLF", "cjm: 1   \r\ntitle: T\r\n", "cjm: 1\ntitle: T\n"},
		{"blank lines collapsed", "cjm: 1\n\n\n\ntitle: T\n", "cjm: 1\n\ntitle: T\n"},
		{"metric keys", "cjm: 1\nstages:\n  - metrics:\n      - {better: lower, target: 3, value: 4, name: N, id: m}\n",
			"cjm: 1\nstages:\n  - metrics:\n      - {id: m, name: N, value: 4, target: 3, better: lower}\n"},
		{"emotion mapping keeps the author's order", "cjm: 1\nstages:\n  - touchpoints:\n      - emotion:\n          b: 1\n          a: -1\n        id: t\n",
			"cjm: 1\nstages:\n  - touchpoints:\n      - id: t\n        emotion:\n          b: 1\n          a: -1\n"},
		{"nested sequences", "x:\n- - a\n  - b\n- c\n", "x:\n  - - a\n    - b\n  - c\n"},
		{"literal with leading spaces", "a: |2\n    indented\n  not\n", "a: |2\n    indented\n  not\n"},
		{"only comments", "# just a comment\n", "# just a comment\n"},
		{"empty file", "", ""},
		{"empty key", "?\n", "null:\n"},
		{"anchors kept", "a: &x {k: v}\nb: *x\n", "a: &x {k: v}\nb: *x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Format([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Format:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestFormatErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
	}{
		{"syntax", "cjm: 1\ntitle: [unclosed\n", 1},
		{"bad indentation", "a:\n  b: 1\n c: 2\n", 2},
		{"two documents", "cjm: 1\n---\ncjm: 1\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Format([]byte(tt.in))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *SyntaxError", err)
			}
			if se.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", se.Line, tt.line, se)
			}
		})
	}
}

// corpus returns every journey file the formatter is checked against: the
// fixtures here and the project's examples.
func corpus(t *testing.T) []string {
	var files []string
	for _, dir := range []string{"testdata", "../../examples"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatal("empty corpus")
	}
	return files
}

// TestIdempotentAndFaithful checks over the corpus that formatting twice
// changes nothing more, that the data is the same before and after, and
// that every comment line survives.
func TestIdempotentAndFaithful(t *testing.T) {
	for _, path := range corpus(t) {
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			src := read(t, path)
			once, err := Format(src)
			if err != nil {
				t.Fatal(err)
			}
			twice, err := Format(once)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(once, twice) {
				t.Errorf("not idempotent:\n%s\nthen:\n%s", once, twice)
			}
			var before, after any
			if err := yaml.Unmarshal(src, &before); err != nil {
				t.Fatal(err)
			}
			if err := yaml.Unmarshal(once, &after); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(before, after) {
				t.Errorf("data changed:\n%v\n%v", before, after)
			}
			for _, l := range strings.Split(string(src), "\n") {
				if c := strings.TrimSpace(l); strings.HasPrefix(c, "#") && !bytes.Contains(once, []byte(c)) {
					t.Errorf("comment lost: %q", c)
				}
			}
		})
	}
}

func TestUnknownKeysKept(t *testing.T) {
	got, err := Format(read(t, "testdata/format/messy.in.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"x-internal: keep me", "extra_top: [1, 2]"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("lost %q", want)
		}
	}
	// Unknown keys go after the known ones.
	if bytes.Index(got, []byte("extra_top")) < bytes.Index(got, []byte("transitions:")) {
		t.Error("unknown top-level key before transitions")
	}
}

// FuzzFormat: Format never panics, and whatever it formats parses again,
// formats to itself and holds the same data.
func FuzzFormat(f *testing.F) {
	for _, path := range []string{"testdata/format/messy.in.yaml", "testdata/format/comments.in.yaml",
		"testdata/format/scalars.in.yaml", "testdata/format/markers.in.yaml"} {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("a: |\n  x\n# c\nb: [1, {c: d}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := Format(src)
		if err != nil {
			return
		}
		again, err := Format(out)
		if err != nil {
			t.Fatalf("output does not format: %v\n%s", err, out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n%s\nthen:\n%s", out, again)
		}
	})
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMeaningPreserved loads every journey file of the corpus before and
// after formatting: the models are equal (ignoring positions, which the
// model's JSON form leaves out) and the semantic diff reports nothing.
func TestMeaningPreserved(t *testing.T) {
	for _, path := range corpus(t) {
		src := read(t, path)
		if !load.IsJourney(src) {
			continue
		}
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			out, err := Format(src)
			if err != nil {
				t.Fatal(err)
			}
			opts := load.Options{Root: "../.."}
			// Files with findings still load a model; the findings
			// must be the same ones (positions aside).
			before, ds1, _ := load.Bytes(path, src, opts)
			after, ds2, _ := load.Bytes(path, out, opts)
			if before == nil || after == nil {
				t.Skipf("does not load: %v", ds1)
			}
			if messages(ds1) != messages(ds2) {
				t.Errorf("findings differ:\n%s\n%s", messages(ds1), messages(ds2))
			}
			if changes := diff.Compare(before, after); len(changes) > 0 {
				t.Errorf("diff reports changes: %+v", changes)
			}
			a, _ := json.Marshal(before)
			b, _ := json.Marshal(after)
			if !bytes.Equal(a, b) {
				t.Errorf("models differ:\n%s\n%s", a, b)
			}
		})
	}
}

func messages(ds diag.Diagnostics) string {
	var ms []string
	for _, d := range ds {
		ms = append(ms, d.Rule+": "+d.Message)
	}
	sort.Strings(ms)
	return strings.Join(ms, "\n")
}
