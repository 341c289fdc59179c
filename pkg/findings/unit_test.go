package findings

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/diag"
)

func TestMarker(t *testing.T) {
	tests := []struct {
		name, line   string
		r            diag.Range
		indent, mark string
	}{
		{"start of line", "cjm: 2", at("f", 1, 1, 0, 0), "", "^"},
		{"range", "  - id: Bad Id", at("f", 1, 9, 1, 15), "        ", "^~~~~~"},
		{"tabs kept", "\t\tx: 1", at("f", 1, 3, 0, 0), "\t\t", "^"},
		{"cyrillic counts runes", "name: Путь", at("f", 1, 7, 1, 11), "      ", "^~~~"},
		{"wide runes pad twice", "旅程: x", at("f", 1, 5, 0, 0), "      ", "^"},
		{"past the end", "ab", at("f", 1, 5, 0, 0), "  ", "^"},
		{"range to another line", "key: |", at("f", 1, 6, 3, 1), "     ", "^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			indent, mark := marker(tt.line, tt.r)
			if indent != tt.indent || mark != tt.mark {
				t.Errorf("marker(%q) = %q, %q; want %q, %q", tt.line, indent, mark, tt.indent, tt.mark)
			}
		})
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain Путь\tx", "plain Путь\tx"},
		{"esc \x1b[31mred", "esc \uFFFD[31mred"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"bell\a", "bell\uFFFD"},
		{"rlo \u202eabc\u202c", "rlo \uFFFDabc\uFFFD"},
		{"isolate \u2067x\u2069", "isolate \uFFFDx\uFFFD"},
		{"mark \u200f ok", "mark \u200f ok"},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSummary(t *testing.T) {
	w := diag.Warningf(at("a", 1, 1, 0, 0), "r", "w")
	e := diag.Errorf(at("a", 1, 1, 0, 0), "r", "e")
	tests := []struct {
		ds    diag.Diagnostics
		files int
		want  string
	}{
		{nil, 0, "0 errors, 0 warnings in 0 files"},
		{diag.Diagnostics{e}, 1, "1 error, 0 warnings in 1 file"},
		{diag.Diagnostics{e, e, w}, 3, "2 errors, 1 warning in 3 files"},
	}
	for _, tt := range tests {
		if got := Summary(tt.ds, tt.files); got != tt.want {
			t.Errorf("Summary = %q, want %q", got, tt.want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := escapeData("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("C:\\a,b%\n"), "C%3A\\a%2Cb%25%0A"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
}

func TestRepoPath(t *testing.T) {
	root := t.TempDir()
	tests := []struct {
		name, root, file, want string
		ok                     bool
	}{
		{"no root, relative", "", "./maps/../maps/b.yaml", "maps/b.yaml", true},
		{"no root, absolute", "", filepath.Join(root, "b.yaml"), filepath.ToSlash(filepath.Join(root, "b.yaml")), false},
		{"inside root", root, filepath.Join(root, "maps", "b.yaml"), "maps/b.yaml", true},
		{"outside root", filepath.Join(root, "sub"), filepath.Join(root, "b.yaml"), filepath.ToSlash(filepath.Join(root, "b.yaml")), false},
		{"sibling with common prefix", filepath.Join(root, "a"), filepath.Join(root, "ab", "x.yaml"), filepath.ToSlash(filepath.Join(root, "ab", "x.yaml")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := RepoPath(tt.root, tt.file)
			if got != tt.want || ok != tt.ok {
				t.Errorf("RepoPath(%q, %q) = %q, %v; want %q, %v", tt.root, tt.file, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestGitLabFingerprint(t *testing.T) {
	fingerprints := func(ds diag.Diagnostics) []string {
		var b bytes.Buffer
		if err := WriteGitLab(&b, ds, GitLabOptions{}); err != nil {
			t.Fatal(err)
		}
		var issues []struct{ Fingerprint string }
		if err := json.Unmarshal(b.Bytes(), &issues); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, i := range issues {
			out = append(out, i.Fingerprint)
		}
		return out
	}
	before := fingerprints(diag.Diagnostics{diag.Errorf(at("m.yaml", 4, 7, 0, 0), "unknown-key", "unknown key")})
	after := fingerprints(diag.Diagnostics{diag.Errorf(at("m.yaml", 9, 7, 0, 0), "unknown-key", "unknown key")})
	if before[0] != after[0] {
		t.Errorf("fingerprint changed when the finding moved down: %s -> %s", before[0], after[0])
	}
	twins := fingerprints(diag.Diagnostics{
		diag.Errorf(at("m.yaml", 4, 7, 0, 0), "unknown-key", "unknown key"),
		diag.Errorf(at("m.yaml", 8, 7, 0, 0), "unknown-key", "unknown key"),
	})
	if twins[0] != before[0] || twins[1] == twins[0] {
		t.Errorf("identical findings must get distinct fingerprints, the first unchanged: %v", twins)
	}
}

func TestSARIFRelativeToRoot(t *testing.T) {
	root := t.TempDir()
	ds := diag.Diagnostics{
		diag.Errorf(at(filepath.Join(root, "maps", "путь.yaml"), 1, 1, 0, 0), "yaml-syntax", "x"),
		diag.Errorf(at(filepath.Join(os.TempDir(), "elsewhere.yaml"), 1, 1, 0, 0), "yaml-syntax", "x"),
	}
	var b bytes.Buffer
	if err := WriteSARIF(&b, ds, SARIFOptions{Root: root}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, `"uri": "maps/%D0%BF%D1%83%D1%82%D1%8C.yaml"`) {
		t.Errorf("in-root file not relative and percent-encoded:\n%s", out)
	}
	if !strings.Contains(out, `"uri": "file:///`) {
		t.Errorf("out-of-root file not an absolute file URI:\n%s", out)
	}
	var v map[string]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
}

func TestGitHubSummaryBudget(t *testing.T) {
	long := strings.Repeat("x", 1000)
	var ds diag.Diagnostics
	for i := range 2000 {
		ds = append(ds, diag.Errorf(at("m.yaml", i+1, 1, 0, 0), "r", "%s", long))
	}
	var b bytes.Buffer
	if err := WriteGitHubSummary(&b, ds, 1, GitHubOptions{}); err != nil {
		t.Fatal(err)
	}
	if b.Len() > SummaryBudget {
		t.Errorf("summary is %d bytes, over the %d budget", b.Len(), SummaryBudget)
	}
	if !strings.Contains(b.String(), " more not listed here; the job log has them all.") {
		t.Errorf("summary does not say findings were left out")
	}
}
