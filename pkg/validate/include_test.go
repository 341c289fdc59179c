package validate_test

import (
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// TestIncludedCatalogue checks the rules that look across an include:
// duplicates between the catalogue and the map point at the map's entry
// and name the catalogue's line; ids from the catalogue are suggested;
// catalogue entries are never unused, the map's own are.
func TestIncludedCatalogue(t *testing.T) {
	path := filepath.Join("testdata", "include", "map.yaml")
	cat := filepath.Join("testdata", "include", "catalogue.yaml")
	m, ds, _ := load.File(path, load.Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := []struct{ at, rule, msg string }{
		{path + ":5:10", validate.RuleDuplicateID, "duplicate persona id `cio`: the first is at " + cat + ":4; rename one of them"},
		{path + ":6:5", validate.RuleUnusedPersona, "persona `buyer` meets no touchpoint; list it in a touchpoint's `personas` or remove it"},
		{path + ":11:47", validate.RuleUnknownChannel, "unknown channel `webb`; did you mean `web`?"},
	}
	got := validate.Map(m).Normalize()
	if len(got) != len(want) {
		t.Fatalf("findings: %v", got)
	}
	for i, w := range want {
		if g := got[i]; g.Range.String() != w.at || g.Rule != w.rule || g.Message != w.msg {
			t.Errorf("finding %d:\n%s %s %s\nwant\n%s %s %s", i, g.Range, g.Rule, g.Message, w.at, w.rule, w.msg)
		}
	}
}
