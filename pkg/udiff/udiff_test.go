package udiff

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/internal/testtool"
)

func TestUnified(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one change", "a\nb\nc\n", "a\nB\nc\n", "--- x.orig\n+++ x\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"insert at start", "b\n", "a\nb\n", "--- x.orig\n+++ x\n@@ -1 +1,2 @@\n+a\n b\n"},
		{"from empty", "", "a\n", "--- x.orig\n+++ x\n@@ -0,0 +1 @@\n+a\n"},
		{"missing final newline", "a\nb", "a\nb\n", "--- x.orig\n+++ x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\nY\n11\n",
			"--- x.orig\n+++ x\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -7,5 +7,5 @@\n 7\n 8\n 9\n-10\n+Y\n 11\n"},
		{"context of six merges", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\nX\n3\n4\n5\n6\n7\n8\nY\n",
			"--- x.orig\n+++ x\n@@ -1,9 +1,9 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+Y\n"},
		{"close changes merge", "1\n2\n3\n4\n5\n", "X\n2\n3\n4\nY\n",
			"--- x.orig\n+++ x\n@@ -1,5 +1,5 @@\n-1\n+X\n 2\n 3\n 4\n-5\n+Y\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Unified("x.orig", "x", []byte(tt.a), []byte(tt.b), 3))
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestUnifiedPatches: the output is a standard unified diff: GNU patch
// applies it to a and gets b, for scattered edits in a long file, a
// missing final newline and a file rewritten from scratch.
func TestUnifiedPatches(t *testing.T) {
	patch := testtool.Need(t, "install GNU patch (apt-get install -y patch)", "patch")
	var a, b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&a, "line %d\n", i)
		switch {
		case i%97 == 0:
			fmt.Fprintf(&b, "changed %d\n", i)
		case i%131 == 0: // removed
		case i%151 == 0:
			fmt.Fprintf(&b, "line %d\nadded after %d\n", i, i)
		default:
			fmt.Fprintf(&b, "line %d\n", i)
		}
	}
	for _, tt := range []struct{ name, a, b string }{
		{"scattered", a.String(), b.String()},
		{"final newline", "x\ny", "x\ny\nz"},
		{"rewritten", "a\nb\nc\n", "d\ne\n"},
		{"cyrillic", "этап: один\nимя: Б\n", "этап: два\nимя: Б\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, "m.yaml")
			os.WriteFile(f, []byte(tt.a), 0o644)
			d := Unified("m.yaml.orig", "m.yaml", []byte(tt.a), []byte(tt.b), 3)
			cmd := exec.Command(patch, "-s", "-f", f)
			cmd.Stdin = bytes.NewReader(d)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch: %v\n%s\n%s", err, out, d)
			}
			if got, _ := os.ReadFile(f); string(got) != tt.b {
				t.Errorf("patched file differs from b:\n%s", d)
			}
		})
	}
}

// TestUnifiedLarge: two unrelated 20,000-line texts diff in bounded time
// (the old table needed n×m cells and gave up beyond 4M).
func TestUnifiedLarge(t *testing.T) {
	var a, b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&a, "a %d\n", i)
		fmt.Fprintf(&b, "b %d\n", i)
	}
	start := time.Now()
	d := Unified("a", "b", []byte(a.String()), []byte(b.String()), 3)
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("took %v", el)
	}
	if n := bytes.Count(d, []byte("\n-a ")); n != 20000 {
		t.Errorf("%d lines removed, want 20000", n)
	}
}

// TestUnifiedFarApart: two changes 5,000 lines apart give two small hunks
// (the old table gave up past 4M cells and replaced everything between
// them: fmt -d printed 16,511 lines for six edits in a 9,903-line map).
func TestUnifiedFarApart(t *testing.T) {
	var a, b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&a, "line %d\n", i)
		if i == 10 || i == 4990 {
			fmt.Fprintf(&b, "changed %d\n", i)
		} else {
			fmt.Fprintf(&b, "line %d\n", i)
		}
	}
	d := Unified("a", "b", []byte(a.String()), []byte(b.String()), 3)
	if n := bytes.Count(d, []byte("\n@@ ")); n != 2 {
		t.Errorf("%d hunks, want 2", n)
	}
	if n := bytes.Count(d, []byte("\n")); n > 30 {
		t.Errorf("%d lines of diff for two changed lines:\n%.2000s", n, d)
	}
}
