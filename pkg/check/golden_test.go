package check

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/load"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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
			res := File(filepath.ToSlash(f), load.Options{})
			var b strings.Builder
			for _, d := range res.Diags {
				b.WriteString(d.Error())
				b.WriteByte('\n')
			}
			got := []byte(b.String())
			golden := strings.TrimSuffix(f, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./pkg/check -update)", err)
			}
			if !bytes.Equal(got, want) {
				os.WriteFile(golden+".got", got, 0o644)
				t.Errorf("findings differ from %s (see %s.got):\n%s", golden, golden, got)
			}
		})
	}
}
