package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/config"
)

// FuzzBytes: no configuration makes the loader panic, and a Config comes
// back exactly when there is no error.
func FuzzBytes(f *testing.F) {
	for _, dir := range []string{"good", "bad"} {
		files, _ := filepath.Glob(filepath.Join("..", "schema", "testdata", "config", dir, "*.yaml"))
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte("rules: {a: [b: c]}\npolicy: {persona-fields: {x: y}}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := config.Bytes(".cjm.yaml", src)
		if (c == nil) != ds.HasErrors() {
			t.Fatalf("config %v with findings %v", c, ds)
		}
		for _, d := range ds {
			if d.Range.Filename != ".cjm.yaml" {
				t.Fatalf("finding in %q", d.Range.Filename)
			}
		}
	})
}
