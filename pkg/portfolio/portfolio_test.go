package portfolio

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/config"
)

func write(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoad: valid maps in file order, catalogues left out, a map with
// errors and a map under a broken configuration counted as invalid with
// their findings, an unreadable file counted as such; a rule the
// configuration raises to an error makes a map invalid.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	const ok = "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: S, touchpoints: [{id: t, name: T}]}\n"
	b := write(t, dir, "b.yaml", ok)
	a := write(t, dir, "a.yaml", ok)
	cat := write(t, dir, "cat.yaml", "cjm: 1\nchannels: [{id: web, name: Web}]\n")
	bad := write(t, dir, "bad.yaml", "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: S, touchpoints: [{id: t, name: T, owner: nobody}]}\n")
	write(t, dir, "broken/.cjm.yaml", "rules:\n  no-such-rule: off\n")
	underBroken := write(t, dir, "broken/m.yaml", ok)
	missing := filepath.Join(dir, "missing.yaml")

	opts := Options{Check: check.Options{Root: dir}, Configs: &config.Finder{Root: dir}}
	res := Load([]string{b, a, cat, bad, underBroken, missing}, opts)
	if len(res.Maps) != 2 || res.Maps[0].Path != b || res.Maps[1].Path != a {
		t.Fatalf("maps %+v, want b.yaml then a.yaml", res.Maps)
	}
	if res.Invalid != 3 || res.Unreadable != 1 {
		t.Errorf("invalid %d unreadable %d, want 3 and 1", res.Invalid, res.Unreadable)
	}
	rules := map[string]bool{}
	for _, d := range res.Diags {
		rules[d.Rule] = true
	}
	for _, want := range []string{"unknown-owner", "unknown-rule"} {
		if !rules[want] {
			t.Errorf("no %s finding in %v", want, res.Diags)
		}
	}

	// The configuration's levels apply: a warning raised to an error.
	write(t, dir, "strict/.cjm.yaml", "rules:\n  stage-without-kpi: error\n")
	strict := write(t, dir, "strict/m.yaml", ok)
	res = Load([]string{strict}, Options{Check: check.Options{Root: dir}, Configs: &config.Finder{Root: dir}})
	if res.Invalid != 1 || len(res.Maps) != 0 {
		t.Errorf("under stage-without-kpi: error: invalid %d, maps %d", res.Invalid, len(res.Maps))
	}
	res = Load([]string{strict}, Options{Check: check.Options{Root: dir}, Configs: &config.Finder{Root: dir, Disabled: true}})
	if res.Invalid != 0 || len(res.Maps) != 1 {
		t.Errorf("with the configuration off: invalid %d, maps %d", res.Invalid, len(res.Maps))
	}
}
