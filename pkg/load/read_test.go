package load

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestFormatSize(t *testing.T) {
	tests := []struct {
		n    int64
		up   bool
		want string
	}{
		{0, false, "0 bytes"},
		{1, false, "1 byte"},
		{100, false, "100 bytes"},
		{1536, false, "1.5 KiB"},
		{10 << 20, false, "10 MiB"},
		{10 << 20, true, "10 MiB"},
		{10779520, true, "10.3 MiB"}, // 10.28… MiB: issue 9 #3
		{10779520, false, "10.2 MiB"},
		{10<<20 + 1, true, "10.1 MiB"},
		{3 << 30, false, "3 GiB"},
	}
	for _, tt := range tests {
		if got := FormatSize(tt.n, tt.up); got != tt.want {
			t.Errorf("FormatSize(%d, %v) = %q, want %q", tt.n, tt.up, got, tt.want)
		}
	}
	// A size just over the limit never reads as the limit itself.
	d := CheckSize("m.yaml", 10<<20+1, 10<<20)
	if d == nil || d.Message != "m.yaml is 10.1 MiB, over the 10 MiB limit; split the map or raise the limit with --max-size" {
		t.Errorf("CheckSize: %v", d)
	}
	if d := CheckSize("m.yaml", 10<<20, 10<<20); d != nil {
		t.Errorf("at the limit: %v", d)
	}
	if d := CheckSize("m.yaml", 1<<40, -1); d != nil {
		t.Errorf("no limit: %v", d)
	}
}

// TestReadFileBounded: a file over the limit is refused from its size,
// without being read into memory.
func TestReadFileBounded(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.yaml")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil { // sparse: 300 MiB of zeros
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	src, d := ReadFile(p, DefaultMaxBytes)
	runtime.ReadMemStats(&after)
	if src != nil || d == nil || d.Rule != RuleFileTooLarge || !strings.Contains(d.Message, "is 300 MiB, over the 10 MiB limit") {
		t.Fatalf("ReadFile = %d bytes, %v", len(src), d)
	}
	if d.Range.Start.Line != 1 || d.Range.Start.Column != 1 {
		t.Errorf("position %v", d.Range)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("allocated %d bytes to refuse it", alloc)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %v", el)
	}
}

// TestReadAllBounded: a pipe is read one byte past the limit, no further.
func TestReadAllBounded(t *testing.T) {
	r := &countingReader{r: io.LimitReader(zeros{}, 1<<40)}
	src, d := ReadAll("<standard input>", r, 1000)
	if src != nil || d == nil || d.Rule != RuleFileTooLarge || d.Message != "<standard input> is over the 1000 bytes limit; split the map or raise the limit with --max-size" {
		t.Fatalf("ReadAll = %d bytes, %v", len(src), d)
	}
	if r.n > 1001+bytes.MinRead {
		t.Errorf("read %d bytes", r.n)
	}
	src, d = ReadAll("x", strings.NewReader("cjm: 1\n"), 1000)
	if d != nil || string(src) != "cjm: 1\n" {
		t.Errorf("ReadAll small = %q, %v", src, d)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestSyntaxErrorsPositions: the positions fmt now reports, from the
// loader (issue 9 #18).
func TestSyntaxErrorsPositions(t *testing.T) {
	tests := []struct {
		name, src string
		rule      string
		line, col int
	}{
		{"nul at 3:16", "cjm: 1\ntitle: T\nstages: [{id: s\x00}]\n", RuleControlChar, 3, 16},
		{"escape in a label", "cjm: 1\ntitle: \"é\x1b[31m\"\n", RuleControlChar, 2, 10},
		{"unclosed list", "cjm: 1\n# c\ntitle: [oops\n", RuleYAMLSyntax, 3, 1},
		{"tab", "cjm: 1\nstages:\n\t- a\n", RuleTabIndent, 3, 1},
		{"invalid utf-8", "cjm: 1\ntitle: \xff\n", RuleInvalidUTF8, 2, 8},
		{"second document", "cjm: 1\n---\ncjm: 1\n", RuleMultipleDocuments, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := SyntaxErrors("m.yaml", []byte(tt.src))
			if len(ds) != 1 {
				t.Fatalf("got %v", ds)
			}
			d := ds[0]
			if d.Rule != tt.rule || d.Range.Filename != "m.yaml" || d.Range.Start.Line != tt.line || d.Range.Start.Column != tt.col {
				t.Errorf("got %v [%s], want %s at %d:%d", d, d.Rule, tt.rule, tt.line, tt.col)
			}
		})
	}
	// What the YAML holds is not SyntaxErrors' business.
	for _, src := range []string{"", "a: &x 1\nb: *x\n", "cjm: 1\ntitle: T\n"} {
		if ds := SyntaxErrors("m.yaml", []byte(src)); len(ds) != 0 {
			t.Errorf("SyntaxErrors(%q) = %v", src, ds)
		}
	}
}

func TestWorkTreeTop(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "repo", "maps", "sub")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := WorkTreeTop(deep); got != "" && strings.HasPrefix(got, dir) {
		t.Errorf("no .git: got %q", got)
	}
	// A .git file (linked work tree, submodule) counts as a directory does.
	if err := os.WriteFile(filepath.Join(dir, "repo", ".git"), []byte("gitdir: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := WorkTreeTop(deep); got != filepath.Join(dir, "repo") {
		t.Errorf("got %q", got)
	}
	if got := WorkTreeTop(filepath.Join(dir, "repo")); got != filepath.Join(dir, "repo") {
		t.Errorf("at the top: got %q", got)
	}
}
