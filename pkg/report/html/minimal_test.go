package html

import (
	"sort"
	"testing"

	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

// TestMinimal renders maps at the edges of the format without failing or
// panicking, and deterministically.
func TestMinimal(t *testing.T) {
	maps := reporttest.MinimalMaps()
	names := make([]string, 0, len(maps))
	for n := range maps {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := maps[n]
		t.Run(n, func(t *testing.T) {
			a, err := Render(m, Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := Render(m, Options{})
			if len(a) == 0 || string(a) != string(b) {
				t.Errorf("empty or not deterministic output")
			}
		})
	}
	if _, err := Render(nil, Options{}); err == nil {
		t.Error("Render(nil) did not fail")
	}
}
