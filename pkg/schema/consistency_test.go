package schema_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/schema"
)

// TestLoaderValidFilesPass keeps the schema in step with the loader: every
// journey file in the repository's examples and test data that cjm
// validates without errors is accepted by the schema too, so an editor
// never flags a file cjm takes.
func TestLoaderValidFilesPass(t *testing.T) {
	sch := compile(t)
	top := filepath.Join("..", "..")
	var n int
	filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path == filepath.Join(top, "pkg", "schema", "testdata", "bad") {
				return filepath.SkipDir // TestBadFixturesAgreeWithLoader
			}
			if name := d.Name(); path != top && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !isYAML(path) || !(strings.Contains(path, "testdata") || strings.Contains(path, "examples")) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil || !load.IsJourney(src) {
			return nil
		}
		res := check.File(path, load.Options{Root: top})
		if res.Map == nil || res.Diags.HasErrors() {
			return nil
		}
		n++
		rel, _ := filepath.Rel(top, path)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			if err := sch.Validate(instance(t, src)); err != nil {
				t.Errorf("cjm accepts this file, the schema does not:\n%v", err)
			}
		})
		return nil
	})
	if n < 5 {
		t.Errorf("only %d loader-valid files found", n)
	}
}

func isYAML(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// TestBadFixturesAgreeWithLoader: what the schema rejects, cjm rejects too,
// except where a fixture says `# cjm accepts: <why>` on its second line
// (the few places where the schema is stricter on purpose, listed in
// docs/editors.md).
func TestBadFixturesAgreeWithLoader(t *testing.T) {
	for _, path := range yamlFiles(t, filepath.Join("testdata", "bad")) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitN(string(src), "\n", 3)
			accepted := len(lines) > 1 && strings.HasPrefix(lines[1], "# cjm accepts: ")
			res := check.File(path, load.Options{Root: "."})
			if got := res.Diags.HasErrors(); got == accepted {
				t.Errorf("cjm finds errors: %v, want %v\n%v", got, !accepted, res.Diags)
			}
		})
	}
}

// TestDefaultsMatchLoader: the defaults the schema offers editors are the
// values the loader fills in.
func TestDefaultsMatchLoader(t *testing.T) {
	var doc struct {
		Properties  map[string]struct{ Default string }
		Definitions map[string]struct {
			Properties map[string]struct{ Default string }
		}
	}
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	src := "cjm: 1\ntitle: T\nchannels: [{id: web, name: Web}]\nstages:\n  - id: s\n    name: S\n    metrics: [{id: m, name: M, value: 1}]\n    touchpoints: [{id: t, name: T, channel: web}]\n"
	res := check.Bytes("defaults.yaml", []byte(src), load.Options{Root: "."})
	if res.Map == nil || res.Diags.HasErrors() {
		t.Fatalf("minimal map does not load: %v", res.Diags)
	}
	m := res.Map
	for _, tc := range []struct{ key, schema, loader string }{
		{"lang", doc.Properties["lang"].Default, m.Lang},
		{"scope", doc.Properties["scope"].Default, m.Scope},
		{"channel.kind", doc.Definitions["channel"].Properties["kind"].Default, m.Channels[0].Kind},
		{"metric.better", doc.Definitions["metric"].Properties["better"].Default, m.Stages[0].Metrics[0].Better},
	} {
		if tc.schema != tc.loader {
			t.Errorf("%s: schema default %q, loader fills %q", tc.key, tc.schema, tc.loader)
		}
	}
}
