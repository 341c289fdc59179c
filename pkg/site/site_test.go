package site

import (
	"bytes"
	"context"
	"errors"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/load"
)

func examples(t testing.TB) []Map {
	t.Helper()
	files, err := filepath.Glob("../../examples/[^.]*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var maps []Map
	for _, f := range files {
		m, ds, _ := load.File(f, load.Options{Root: "../.."})
		if ds.HasErrors() {
			t.Fatalf("%s: %v", f, ds)
		}
		maps = append(maps, Map{Path: f, Name: "team/" + filepath.Base(f), Map: m})
	}
	return maps
}

// TestDeterministic: the same maps, in any order, give the same bytes.
func TestDeterministic(t *testing.T) {
	maps := examples(t)
	a, err := Build(context.Background(), maps, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	rev := append([]Map(nil), maps...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	b, err := Build(context.Background(), rev, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(a.Paths(), " ") != strings.Join(b.Paths(), " ") {
		t.Fatalf("files differ: %v vs %v", a.Paths(), b.Paths())
	}
	for _, p := range a.Paths() {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
	want := []string{".cjm-site", "channels.html", "favicon.svg", "index.html", "kpis.html",
		"maps/team--abm-committee.html", "maps/team--abm-committee.svg", "maps/team--b2b-funnel-ru.html", "maps/team--b2b-funnel-ru.svg",
		"maps/team--saas-onboarding.html", "maps/team--saas-onboarding.svg", "moments.html", "owners.html", "stats.html"}
	if got := strings.Join(a.Paths(), " "); got != strings.Join(want, " ") {
		t.Errorf("files:\n got %s\nwant %s", got, strings.Join(want, " "))
	}
}

var cspMeta = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)

var attrURL = regexp.MustCompile(`(?i)\s(?:href|src|action|srcset|poster|data)\s*=\s*"([^"]*)"`)

// TestSelfContained: every page of the site's own has the strict CSP, the
// hashed style and script, and only relative links to files that exist;
// the index shows every map with its figures.
func TestSelfContained(t *testing.T) {
	files, err := Build(context.Background(), examples(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		page := string(files[p])
		own := !strings.HasPrefix(p, "maps/")
		meta := cspMeta.FindStringSubmatch(page)
		if own && (meta == nil || html.UnescapeString(meta[1]) != CSP) {
			t.Errorf("%s: no CSP meta with %s", p, CSP)
		}
		if own && (strings.Contains(CSP, "unsafe") || !strings.Contains(CSP, hash(js)) || !strings.Contains(CSP, hash(css))) {
			t.Errorf("CSP not strict: %s", CSP)
		}
		for _, m := range attrURL.FindAllStringSubmatch(page, -1) {
			u := m[1]
			switch {
			case strings.HasPrefix(u, "#"), strings.HasPrefix(u, "data:"):
				continue
			case strings.Contains(u, ":"), strings.HasPrefix(u, "/"):
				// Only a map's description may link out (a link, never a
				// fetch); the examples' descriptions do not.
				t.Errorf("%s: %q is not a relative link", p, u)
				continue
			}
			target := filepath.ToSlash(filepath.Join(filepath.Dir(p), strings.SplitN(u, "#", 2)[0]))
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q to %s, which the site does not have", p, u, target)
			}
		}
	}
	index := string(files["index.html"])
	for _, want := range []string{"SaaS onboarding — Teamboard project workspace", `href="maps/team--saas-onboarding.html"`,
		`src="maps/team--saas-onboarding.svg"`, "Workspace admin, Team member", `<td class="folder">team</td>`, "customer",
		`data-num="11">11</td>`, "observed 54.55%"} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if !strings.Contains(string(files["maps/team--saas-onboarding.html"]), `<a href="../index.html">`) {
		t.Error("a map page has no link back to the index")
	}
}

func TestSlug(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range []struct{ in, want string }{
		{"a.yaml", "a"},
		{"team/b.yml", "team--b"},
		{"A.yaml", "A-2"}, // case-insensitive file systems
		{"a.yml", "a-3"},
		{"Путь <x>.yaml", "------x-"},
		{"../.hidden.yaml", "--.hidden"},
		{".yaml", "map"},
	} {
		if got := uniqueSlug(seen, tc.in); got != tc.want {
			t.Errorf("uniqueSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCommonDir(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"examples/a.yaml", "examples/b.yaml"}, "examples"},
		{[]string{"maps/a.yaml", "maps/team/b.yaml"}, "maps"},
		{[]string{"maps/x/a.yaml", "maps/y/b.yaml"}, "maps"},
		{[]string{"a.yaml", "maps/b.yaml"}, "."},
	} {
		if got := CommonDir(tc.in); got != filepath.FromSlash(tc.want) {
			t.Errorf("CommonDir(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestWrite: a site replaces the previous one as a whole; a directory
// that is not a site is refused; a failed write leaves the previous site
// and no temporary directory behind.
func TestWrite(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	first := Files{Marker: []byte("m"), "index.html": []byte("one"), "old.html": []byte("old")}
	if err := Write(dir, first); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Files{Marker: []byte("m"), "index.html": []byte("two")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q after the second write", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the previous site survived: %v", err)
	}

	// A write that fails half-way ("x" is a file and a folder).
	if err := Write(dir, Files{Marker: []byte("m"), "index.html": []byte("three"), "x": []byte("f"), "x/y": []byte("g")}); err == nil {
		t.Fatal("a write that cannot be done succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q after a failed write, want the previous site's", b)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left behind: %v", names)
	}

	// Not a site: refused, untouched.
	other := filepath.Join(parent, "docs")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "keep.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(other, first); err == nil || !strings.Contains(err.Error(), "is not a site cjm wrote") {
		t.Errorf("writing over a folder that is not a site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "keep.md")); err != nil {
		t.Errorf("the folder was touched: %v", err)
	}
}
