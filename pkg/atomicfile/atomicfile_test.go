package atomicfile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.svg")
	if err := WriteFile(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "two" {
		t.Fatalf("got %q, want %q", got, "two")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestWriteFileFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.svg")
	if err := WriteFile(p, []byte("good"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A directory in the way of the rename makes the write fail.
	bad := filepath.Join(dir, "sub")
	if err := os.Mkdir(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(bad, []byte("new"), 0o644); err == nil {
		t.Fatal("want an error when the target is a non-empty directory")
	}
	got, _ := os.ReadFile(p)
	if string(got) != "good" {
		t.Fatalf("previous file changed: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestWriteFileMissingDir(t *testing.T) {
	if err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "f"), []byte("x"), 0o644); err == nil {
		t.Fatal("want an error for a missing directory")
	}
}

// TestRemovesStaleTemporaries: leftovers of a killed write (issue 9 #8)
// are removed by the next write into the directory; a fresh temporary (a
// write in progress), other names and non-files are left alone.
func TestRemovesStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * StaleAge)
	mk := func(name string, mtime time.Time) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	mk(".m.svg.tmp-123456", old)     // stale: removed
	mk(".other.md.tmp-9", old)       // stale, for another output: removed
	mk(".m.svg.tmp-777", time.Now()) // a write in progress: kept
	mk(".m.svg.tmp-abc", old)        // not our pattern: kept
	mk("m.svg.tmp-1", old)           // not hidden: kept
	mk(".tmp-1", old)                // no name: kept
	if err := os.Mkdir(filepath.Join(dir, ".d.tmp-1"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(dir, ".d.tmp-1"), old, old)
	if err := WriteFile(filepath.Join(dir, "m.svg"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{".d.tmp-1", ".m.svg.tmp-777", ".m.svg.tmp-abc", ".tmp-1", "m.svg", "m.svg.tmp-1"}
	if !slices.Equal(names, want) {
		t.Errorf("left %v, want %v", names, want)
	}
}

// TestTemporaryName: temporaries carry the pattern cleanup looks for.
func TestTemporaryName(t *testing.T) {
	dir := t.TempDir()
	f, err := createTemp(dir, "m.svg", 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if name := filepath.Base(f.Name()); !tempName.MatchString(name) || !strings.HasPrefix(name, ".m.svg.tmp-") {
		t.Errorf("temporary %q does not match the cleanup pattern", name)
	}
}
