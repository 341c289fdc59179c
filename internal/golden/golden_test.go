package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(r) }
func (r *recorder) Fatal(...any)          { r.failed = true; panic(r) }

func check(t *testing.T, path string, got []byte) (failed bool) {
	r := &recorder{TB: t}
	defer func() {
		if v := recover(); v != nil && v != r {
			panic(v)
		}
		failed = r.failed
	}()
	Check(r, path, got)
	return
}

func TestCheck(t *testing.T) {
	if *update {
		t.Skip("checks the comparison, not -update")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.golden")
	if !check(t, path, []byte("x")) {
		t.Error("a missing golden file passed")
	}
	os.WriteFile(path, []byte("x\n"), 0o644)
	if check(t, path, []byte("x\n")) {
		t.Error("equal bytes failed")
	}
	if !check(t, path, []byte("y\n")) {
		t.Error("different bytes passed")
	}
	if b, err := os.ReadFile(path + ".got"); err != nil || string(b) != "y\n" {
		t.Errorf(".got = %q, %v", b, err)
	}
	if check(t, path, []byte("x\n")) {
		t.Error("equal bytes failed")
	}
	if _, err := os.Stat(path + ".got"); !os.IsNotExist(err) {
		t.Error("a match left the stale .got")
	}
}
