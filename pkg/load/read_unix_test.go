//go:build unix

package load

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOnlyRegularFiles: a named pipe is refused without blocking, named
// directly, as an include, and when a file is swapped for one (issue 9 #7).
func TestOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "people.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, d := ReadFile(fifo, 0); d == nil || d.Rule != RuleReadError || !Unreadable(d) || !strings.Contains(d.Message, "named pipe") {
			t.Errorf("ReadFile(fifo) = %v", d)
		}
		if _, _, err := OpenRegular(fifo); err == nil {
			t.Error("OpenRegular(fifo) opened it")
		}
		m := filepath.Join(dir, "m.yaml")
		os.WriteFile(m, []byte("cjm: 1\ntitle: T\ninclude: [people.yaml]\nstages: [{id: s, name: S}]\n"), 0o644)
		_, ds, _ := File(m, Options{Root: dir})
		if len(ds) != 1 || ds[0].Rule != RuleReadError || Unreadable(ds[0]) || ds[0].Range.Start.Line != 3 || ds[0].Range.Start.Column != 11 {
			t.Errorf("include of a fifo: %v", ds)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("blocked on a named pipe")
	}
	if _, d := ReadFile(dir, 0); d == nil || !strings.Contains(d.Message, "is a directory") {
		t.Errorf("ReadFile(dir) = %v", d)
	}
	if _, d := ReadFile(filepath.Join(dir, "none.yaml"), 0); d == nil || !Unreadable(d) || !strings.Contains(d.Message, "no such file") {
		t.Errorf("ReadFile(missing) = %v", d)
	}
}
