package check

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
)

// TestGolden checks the whole list of findings, messages included, for
// each fixture under testdata against testdata/<name>.golden. A mismatch
// writes <name>.golden.got; `go test ./pkg/check -update` accepts it.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			res := File(filepath.ToSlash(f), Options{})
			var b strings.Builder
			for _, d := range res.Diags {
				b.WriteString(d.Error())
				b.WriteByte('\n')
			}
			got := []byte(b.String())
			golden.Check(t, strings.TrimSuffix(f, ".yaml")+".golden", got)
		})
	}
}
