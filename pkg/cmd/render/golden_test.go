package render

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
)

// TestGoldenSVG renders every example with both views and compares the
// normalised SVG with testdata/golden/<example>[.flow].svg. The DOT goldens
// live with the builders (pkg/view); these catch changes in Graphviz's
// output and in the normalisation. A mismatch writes <golden>.got; go test
// -update accepts.
func TestGoldenSVG(t *testing.T) {
	examples, err := filepath.Glob("../../../examples/[^.]*.yaml")
	if err != nil || len(examples) == 0 {
		t.Skip("no examples")
	}
	out := t.TempDir()
	_, stderr, code := run(t, inProcess, append([]string{"-o", out, "--view", "map,flow", "-f", "svg"}, examples...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	names := listDir(t, out)
	if len(names) != 2*len(examples) {
		t.Fatalf("outputs %v", names)
	}
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			got, _ := os.ReadFile(filepath.Join(out, n))
			golden.Check(t, filepath.Join("testdata", "golden", n), got)
		})
	}
}
