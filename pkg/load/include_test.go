package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree writes files (path → content) under dir.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const catalogue = "cjm: 1\npersonas:\n  - {id: cio, name: CIO}\nchannels:\n  - {id: web, name: Web}\nowners:\n  - {id: sales, name: Sales}\n"

func mapWith(include string) string {
	return "cjm: 1\ntitle: T\ninclude: [" + include + "]\npersonas:\n  - {id: own, name: Own}\nstages:\n  - {id: a, name: A}\n"
}

// work makes a git work tree (a directory with .git) and a directory
// outside it, and changes into the work tree so that file names in
// findings are short.
func work(t *testing.T) (root, outside string) {
	base := t.TempDir()
	root = filepath.Join(base, "repo")
	outside = filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(root, ".git"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	return root, outside
}

func TestIncludeMerges(t *testing.T) {
	root, _ := work(t)
	tree(t, root, map[string]string{
		"maps/m.yaml":         mapWith("../catalogue/c.yaml"),
		"catalogue/c.yaml":    catalogue,
		"catalogue/deep.yaml": "cjm: 1\npersonas: [{id: cto, name: CTO}]\n",
	})
	m, ds, srcs := File("maps/m.yaml", Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if len(m.Personas) != 2 || m.Personas[0].ID != "cio" || m.Personas[1].ID != "own" {
		t.Fatalf("personas: %v", m.Personas)
	}
	if from := m.Personas[0].From; from != filepath.FromSlash("catalogue/c.yaml") {
		t.Errorf("Origin.From = %q", from)
	}
	if m.Personas[1].Included() {
		t.Error("the map's own persona is not included")
	}
	if len(m.Channels) != 1 || len(m.Owners) != 1 || m.Channels[0].Kind != "digital" {
		t.Errorf("channels %v owners %v", m.Channels, m.Owners)
	}
	if got := m.Personas[0].Src.Range.Filename; got != filepath.FromSlash("catalogue/c.yaml") {
		t.Errorf("an included persona points at %q", got)
	}
	if _, ok := srcs[filepath.FromSlash("catalogue/c.yaml")]; !ok {
		t.Errorf("Sources lacks the included file: %v", keys(srcs))
	}
	if len(m.Include) != 1 || m.Include[0] != "../catalogue/c.yaml" {
		t.Errorf("Include = %v", m.Include)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestIncludeNestedAndDiamond(t *testing.T) {
	root, _ := work(t)
	tree(t, root, map[string]string{
		"m.yaml":         mapWith("c1.yaml, c2.yaml"),
		"c1.yaml":        "cjm: 1\ninclude: [shared/c3.yaml]\npersonas: [{id: p1, name: P1}]\n",
		"c2.yaml":        "cjm: 1\ninclude: [shared/c3.yaml]\npersonas: [{id: p2, name: P2}]\n",
		"shared/c3.yaml": "cjm: 1\npersonas: [{id: p3, name: P3}]\n",
	})
	m, ds, _ := File("m.yaml", Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	var ids, from []string
	for _, p := range m.Personas {
		ids = append(ids, p.ID)
		from = append(from, filepath.ToSlash(p.From))
	}
	if strings.Join(ids, " ") != "p3 p1 p2 own" {
		t.Errorf("personas %v: the catalogue included twice must merge once, in include order", ids)
	}
	if strings.Join(from, " ") != "shared/c3.yaml c1.yaml c2.yaml " {
		t.Errorf("Origin.From %q", from)
	}
}

// TestIncludeErrors checks each include rule with its position and the
// words that tell the user what happened.
func TestIncludeErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		file  string
		opts  func(root string) Options
		want  []string // "file:line:col rule"
		msg   string
	}{
		{
			name:  "missing file",
			files: map[string]string{"m.yaml": mapWith("nope.yaml")},
			file:  "m.yaml",
			want:  []string{"m.yaml:3:11 include-missing"},
			msg:   `included file "nope.yaml" does not exist`,
		},
		{
			name:  "empty path",
			files: map[string]string{"m.yaml": mapWith(`""`)},
			file:  "m.yaml",
			want:  []string{"m.yaml:3:11 include-missing"},
			msg:   "empty path",
		},
		{
			name:  "directory",
			files: map[string]string{"m.yaml": mapWith("dir"), "dir/x.yaml": catalogue},
			file:  "m.yaml",
			want:  []string{"m.yaml:3:11 include-missing"},
			msg:   "is a directory",
		},
		{
			name:  "escape with ..",
			files: map[string]string{"m.yaml": mapWith("../outside/c.yaml")},
			file:  "m.yaml",
			want:  []string{"m.yaml:3:11 include-outside-root"},
			msg:   "leaves the root directory",
		},
		{
			name:  "absolute path outside",
			files: map[string]string{"m.yaml": mapWith("/etc/passwd")},
			file:  "m.yaml",
			want:  []string{"m.yaml:3:11 include-outside-root"},
		},
		{
			name:  "escape with .. in a nested include",
			files: map[string]string{"m.yaml": mapWith("sub/c.yaml"), "sub/c.yaml": "cjm: 1\ninclude: [../../outside/c.yaml]\n"},
			file:  "m.yaml",
			want:  []string{"sub/c.yaml:2:11 include-outside-root"},
		},
		{
			name:  "narrower --root",
			files: map[string]string{"maps/m.yaml": mapWith("../cat/c.yaml"), "cat/c.yaml": catalogue},
			file:  "maps/m.yaml",
			opts:  func(root string) Options { return Options{Root: filepath.Join(root, "maps")} },
			want:  []string{"maps/m.yaml:3:11 include-outside-root"},
			msg:   "set --root",
		},
		{
			name:  "cycle",
			files: map[string]string{"a.yaml": mapWith("b.yaml"), "b.yaml": "cjm: 1\ninclude: [a.yaml]\n"},
			file:  "a.yaml",
			want:  []string{"b.yaml:2:11 include-cycle"},
			msg:   "include cycle: a.yaml -> b.yaml -> a.yaml",
		},
		{
			name: "longer cycle",
			files: map[string]string{"a.yaml": mapWith("b.yaml"), "b.yaml": "cjm: 1\ninclude: [c.yaml]\n",
				"c.yaml": "cjm: 1\ninclude: [b.yaml]\n"},
			file: "a.yaml",
			want: []string{"c.yaml:2:11 include-cycle"},
			msg:  "include cycle: b.yaml -> c.yaml -> b.yaml",
		},
		{
			name:  "includes itself",
			files: map[string]string{"a.yaml": mapWith("a.yaml")},
			file:  "a.yaml",
			want:  []string{"a.yaml:3:11 include-cycle"},
			msg:   "a.yaml -> a.yaml",
		},
		{
			name:  "stages in an included file",
			files: map[string]string{"m.yaml": mapWith("other.yaml"), "other.yaml": "cjm: 1\ntitle: O\nstages: [{id: x, name: X}]\n"},
			file:  "m.yaml",
			want:  []string{"m.yaml:3:11 include-not-catalogue"},
			msg:   "may only hold personas, channels and owners",
		},
		{
			name:  "errors inside the included file",
			files: map[string]string{"m.yaml": mapWith("c.yaml"), "c.yaml": "cjm: 1\npersonas:\n  - {id: x, nmae: X}\n"},
			file:  "m.yaml",
			want:  []string{"c.yaml:3:13 unknown-key"}, // not also a missing `name`
		},
		{
			name:  "included file is bad YAML",
			files: map[string]string{"m.yaml": mapWith("c.yaml"), "c.yaml": "cjm: 1\npersonas: [\n"},
			file:  "m.yaml",
			want:  []string{"c.yaml:2:1 yaml-syntax"},
		},
		{
			name:  "included file too large",
			files: map[string]string{"m.yaml": mapWith("c.yaml"), "c.yaml": catalogue + strings.Repeat("# padding\n", 100)},
			file:  "m.yaml",
			opts:  func(string) Options { return Options{MaxBytes: 300} },
			want:  []string{"m.yaml:3:11 file-too-large"},
			msg:   "--max-size",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, _ := work(t)
			tree(t, root, tt.files)
			tree(t, filepath.Join(root, "..", "outside"), map[string]string{"c.yaml": catalogue})
			opts := Options{}
			if tt.opts != nil {
				opts = tt.opts(root)
			}
			_, ds, _ := File(filepath.FromSlash(tt.file), opts)
			var g []string
			for _, d := range ds.Normalize() {
				g = append(g, filepath.ToSlash(d.Range.String())+" "+d.Rule)
			}
			if strings.Join(g, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("findings:\n%s\nwant:\n%s\n%v", strings.Join(g, "\n"), strings.Join(tt.want, "\n"), ds)
			}
			if tt.msg != "" && !strings.Contains(filepath.ToSlash(ds[0].Message), tt.msg) {
				t.Errorf("message %q does not say %q", ds[0].Message, tt.msg)
			}
		})
	}
}

func TestIncludeSymlink(t *testing.T) {
	root, outside := work(t)
	tree(t, root, map[string]string{
		"m.yaml":       mapWith("link.yaml"),
		"inside.yaml":  mapWith("good.yaml"),
		"dirlink.yaml": mapWith("out/c.yaml"),
		"cat/c.yaml":   catalogue,
	})
	tree(t, outside, map[string]string{"c.yaml": catalogue})
	for _, l := range []struct{ target, link string }{
		{filepath.Join(outside, "c.yaml"), "link.yaml"},
		{filepath.Join(root, "cat", "c.yaml"), "good.yaml"},
		{outside, "out"},
	} {
		if err := os.Symlink(l.target, filepath.Join(root, l.link)); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	for _, c := range []struct{ file, want string }{
		{"m.yaml", "m.yaml:3:11 include-outside-root"},
		{"dirlink.yaml", "dirlink.yaml:3:11 include-outside-root"},
		{"inside.yaml", ""},
	} {
		_, ds, _ := File(c.file, Options{})
		g := ""
		for _, d := range ds {
			g += d.Range.String() + " " + d.Rule
		}
		if g != c.want {
			t.Errorf("%s: %q, want %q", c.file, g, c.want)
		}
		if c.want != "" && !strings.Contains(ds[0].Message, "symbolic link") {
			t.Errorf("%s: message %q does not mention the symbolic link", c.file, ds[0].Message)
		}
	}
}

// TestIncludeRootWithoutGit falls back to the working directory.
func TestIncludeRootWithoutGit(t *testing.T) {
	base := t.TempDir()
	tree(t, base, map[string]string{"w/m.yaml": mapWith("../c.yaml"), "c.yaml": catalogue, "w/n.yaml": mapWith("sub/c.yaml"), "w/sub/c.yaml": catalogue})
	t.Chdir(filepath.Join(base, "w"))
	if _, ds, _ := File("m.yaml", Options{}); len(ds) != 1 || ds[0].Rule != RuleIncludeOutside {
		t.Errorf("m.yaml: %v", ds)
	}
	if _, ds, _ := File("n.yaml", Options{}); len(ds) != 0 {
		t.Errorf("n.yaml: %v", ds)
	}
	if _, ds, _ := File("m.yaml", Options{Root: base}); len(ds) != 0 {
		t.Errorf("m.yaml with --root: %v", ds)
	}
}

// TestIncludeReadFile: with Options.ReadFile the includes come from the
// reader, never from the file system (diff REV:PATH reads them from the
// revision, issue 9 #15), still confined to the root, missing ones
// reported as missing, oversized ones refused.
func TestIncludeReadFile(t *testing.T) {
	root, _ := work(t)
	// On disk the catalogue names the persona "CIO"; the reader has
	// another version, and a nested include that exists only there.
	tree(t, root, map[string]string{"catalogue/c.yaml": catalogue})
	files := map[string]string{
		filepath.FromSlash("catalogue/c.yaml"):    "cjm: 1\ninclude: [deep.yaml]\npersonas:\n  - {id: cio, name: Chief information officer}\n",
		filepath.FromSlash("catalogue/deep.yaml"): "cjm: 1\nchannels: [{id: web, name: Web}]\n",
		filepath.FromSlash("catalogue/big.yaml"):  "cjm: 1\npersonas: [{id: x, name: " + strings.Repeat("x", 200) + "}]\n",
	}
	var asked []string
	read := func(name string) ([]byte, error) {
		asked = append(asked, filepath.ToSlash(name))
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, &os.PathError{Op: "read", Path: name, Err: os.ErrNotExist}
	}
	m, ds, srcs := Bytes(filepath.FromSlash("maps/m.yaml"), []byte(mapWith("../catalogue/c.yaml")), Options{ReadFile: read})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if m.Personas[0].Name != "Chief information officer" || len(m.Channels) != 1 {
		t.Errorf("personas %v, channels %v: not the reader's version", m.Personas, m.Channels)
	}
	if want := "catalogue/c.yaml,catalogue/deep.yaml"; strings.Join(asked, ",") != want {
		t.Errorf("asked for %v, want %s", asked, want)
	}
	if _, ok := srcs[filepath.FromSlash("catalogue/deep.yaml")]; !ok {
		t.Errorf("sources lack the nested include: %v", srcs)
	}

	for _, tt := range []struct{ include, rule, msg string }{
		{"../catalogue/none.yaml", RuleIncludeMissing, `included file "../catalogue/none.yaml" does not exist`},
		{"../../outside.yaml", RuleIncludeOutside, "leaves the root directory"},
		{"../catalogue/big.yaml", RuleFileTooLarge, "over the 150 bytes limit"},
	} {
		asked = nil
		_, ds, _ := Bytes(filepath.FromSlash("maps/m.yaml"), []byte(mapWith(tt.include)), Options{ReadFile: read, MaxBytes: 150})
		if len(ds) != 1 || ds[0].Rule != tt.rule || !strings.Contains(ds[0].Message, tt.msg) || ds[0].Range.Start.Line != 3 {
			t.Errorf("include %s: %v, want one %s finding on line 3 saying %q", tt.include, ds, tt.rule, tt.msg)
		}
		if tt.rule == RuleIncludeOutside && len(asked) > 0 {
			t.Errorf("include %s: the reader was asked for %v", tt.include, asked)
		}
	}
}
