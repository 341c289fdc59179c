package mermaid

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/importer"
)

// FuzzParse: no input panics; every finding has a position inside the
// input; whatever imports writes a journey file without errors.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.mmd")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("```mermaid\njourney\nsection S\n  A: 3: Me\n```\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		// As a diagram and as a Markdown file.
		for _, name := range []string{"f.mmd", "f.md"} {
			res := importer.Convert(Source{}, name, src, importer.Options{})
			lines := 1
			for _, c := range src {
				if c == '\n' {
					lines++
				}
			}
			for _, d := range res.Diags {
				if d.Range.Start.Line < 1 || d.Range.Start.Line > lines || d.Range.Start.Column < 1 {
					t.Fatalf("%s: finding outside the input: %v", name, d)
				}
			}
			if res.Diags.HasErrors() {
				continue
			}
			if chk := check.Bytes("f.yaml", res.YAML, check.Options{}); chk.Diags.HasErrors() {
				t.Fatalf("%s: the journey file has errors: %v\n%s", name, chk.Diags, res.YAML)
			}
		}
	})
}
