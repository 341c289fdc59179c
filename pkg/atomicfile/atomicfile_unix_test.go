//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestUmask: a new file's mode is perm less the umask, as os.WriteFile
// makes it (the temporary used to be chmod-ed to perm, ignoring the
// umask); an existing file keeps its mode whatever the umask.
func TestUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	p := filepath.Join(dir, "new.svg")
	if err := WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %v, want 0600 under umask 077", fi.Mode().Perm())
	}
	q := filepath.Join(dir, "old.svg")
	if err := os.WriteFile(q, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(q, 0o664); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(q, []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(q); fi.Mode().Perm() != 0o664 {
		t.Errorf("existing file mode %v, want 0664 kept", fi.Mode().Perm())
	}
}
