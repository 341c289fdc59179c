package cmdutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCheckRoot(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	os.WriteFile(file, nil, 0o644)
	for _, tc := range []struct {
		root string
		ok   bool
	}{{"", true}, {dir, true}, {file, false}, {filepath.Join(dir, "none"), false}} {
		if err := CheckRoot(tc.root); (err == nil) != tc.ok {
			t.Errorf("CheckRoot(%q) = %v, want ok %v", tc.root, err, tc.ok)
		}
	}
}
