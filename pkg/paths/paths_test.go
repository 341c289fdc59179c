package paths

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tree writes files (name -> content) under a new temporary directory and
// changes into it for the duration of the test.
func tree(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

const journey = "cjm: 1\ntitle: t\n"

func TestExpand(t *testing.T) {
	files := map[string]string{
		"maps/b.yaml":                journey,
		"maps/a.yml":                 journey,
		"maps/sub/c.YAML":            journey,
		"maps/flow.json":             journey,
		"maps/other.yaml":            "name: ci\non: push\n",
		"maps/.hidden/h.yaml":        journey,
		"maps/node_modules/n.yaml":   journey,
		"maps/inline.yaml":           "{cjm: 1, title: x}\n",
		"maps/catalogue/people.yaml": "# shared\ncjm: 1\npersonas: []\n",
		"notes.txt":                  "hello",
		".github/workflow.yaml":      "cjm: 1\n",
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"directory walk", []string{"maps"}, []string{
			"maps/a.yml", "maps/b.yaml", "maps/catalogue/people.yaml", "maps/inline.yaml", "maps/sub/c.YAML"}},
		{"explicit files are always taken", []string{"notes.txt", "maps/other.yaml"}, []string{"maps/other.yaml", "notes.txt"}},
		{"deduplicated and sorted", []string{"maps/sub", "./maps/b.yaml", "maps/sub/c.YAML", "maps/b.yaml"}, []string{
			"maps/b.yaml", "maps/sub/c.YAML"}},
		{"hidden directory named explicitly is walked", []string{"maps/.hidden"}, []string{"maps/.hidden/h.yaml"}},
		{"dot walks but skips hidden dirs", []string{"."}, []string{
			"maps/a.yml", "maps/b.yaml", "maps/catalogue/people.yaml", "maps/inline.yaml", "maps/sub/c.YAML"}},
		{"no arguments", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree(t, files)
			got, err := Expand(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, filepath.FromSlash(w))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Expand(%q) = %q, want %q", tt.args, got, want)
			}
		})
	}
}

func TestExpandMissing(t *testing.T) {
	tree(t, map[string]string{"a.yaml": journey})
	_, err := Expand([]string{"a.yaml", "nope.yaml"})
	if err == nil || err.Error() != "nope.yaml: no such file or directory" {
		t.Fatalf("err = %v, want nope.yaml: no such file or directory", err)
	}
}

func TestExpandLargeFileIsSniffed(t *testing.T) {
	big := journey + strings.Repeat("# padding\n", 1<<20+1)
	tree(t, map[string]string{"maps/big.yaml": big, "maps/bigother.yaml": "x: 1\n" + strings.Repeat("# padding\n", 1<<20+1)})
	got, err := Expand([]string{"maps"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join("maps", "big.yaml")}; !reflect.DeepEqual(got, want) {
		t.Errorf("Expand = %q, want %q", got, want)
	}
}

func TestExpandSymlinks(t *testing.T) {
	tree(t, map[string]string{"real/a.yaml": journey})
	if err := os.MkdirAll("maps", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "real", "a.yaml"), filepath.Join("maps", "l.yaml")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	_ = os.Symlink(filepath.Join("..", "real"), filepath.Join("maps", "dir"))
	_ = os.Symlink("missing.yaml", filepath.Join("maps", "dangling.yaml"))
	got, err := Expand([]string{"maps"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join("maps", "l.yaml")}; !reflect.DeepEqual(got, want) {
		t.Errorf("Expand = %q, want %q", got, want)
	}
}

// TestJourneys: paths that hold no journey file are an error that names
// them (issue 9 #22); Expand itself still returns an empty list (serve
// rescans a directory that may be empty for a moment).
func TestJourneys(t *testing.T) {
	tree(t, map[string]string{"ci/w.yaml": "on: push\n", "maps/m.yaml": journey})
	files, err := Journeys([]string{"ci"})
	var nj *NoJourneysError
	if !errors.As(err, &nj) || len(files) != 0 || !strings.Contains(err.Error(), "no journey files (YAML with a top-level cjm key) in ci;") {
		t.Errorf("Journeys(ci) = %v, %v", files, err)
	}
	if files, err := Expand([]string{"ci"}); err != nil || len(files) != 0 {
		t.Errorf("Expand(ci) = %v, %v", files, err)
	}
	if files, err := Journeys([]string{"ci", "maps"}); err != nil || len(files) != 1 {
		t.Errorf("Journeys(ci, maps) = %v, %v", files, err)
	}
}

// TestUnreadableInWalk: a YAML file a walk cannot read is taken, so that
// the loader reports it as it reports a file named explicitly (issue 9
// #24), instead of stopping the walk.
func TestUnreadableInWalk(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode (the testscript hardening_readers_exit covers this with /proc/self/mem)")
	}
	tree(t, map[string]string{"maps/a.yaml": journey, "maps/b.yaml": journey})
	if err := os.Chmod("maps/b.yaml", 0); err != nil {
		t.Fatal(err)
	}
	files, err := Expand([]string{"maps"})
	if err != nil || strings.Join(files, " ") != filepath.FromSlash("maps/a.yaml maps/b.yaml") {
		t.Errorf("Expand = %v, %v", files, err)
	}
}
