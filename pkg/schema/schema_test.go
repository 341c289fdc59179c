package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/schema"
	"github.com/cjm-dev/cjm/pkg/templates"
)

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSON()))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.AssertFormat()
	if err := c.AddResource(schema.FileName, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schema.FileName)
	if err != nil {
		t.Fatalf("schema does not compile as draft-07: %v", err)
	}
	return sch
}

// instance turns YAML into the JSON value yaml-language-server validates.
func instance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatalf("not YAML: %v", err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("YAML has no JSON form: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestGolden compares the schema with its golden file, and with the copy
// in docs/ that the examples' modelines point at.
func TestGolden(t *testing.T) {
	got := schema.JSON()
	if !bytes.Equal(got, schema.JSON()) {
		t.Fatal("two calls gave different bytes")
	}
	if !json.Valid(got) || !bytes.HasSuffix(got, []byte("}\n")) {
		t.Error("schema is not JSON ending in a newline")
	}
	for _, path := range []string{
		filepath.Join("testdata", schema.FileName),
		filepath.Join("..", "..", "docs", schema.FileName),
	} {
		golden.Check(t, path, got)
	}
}

// TestEnums keeps the schema's enumerations in step with the model's.
func TestEnums(t *testing.T) {
	var doc struct {
		Properties  map[string]struct{ Enum []any }
		Definitions map[string]struct {
			Properties map[string]struct{ Enum []any }
		}
	}
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		where, key string
		got        []any
		want       []string
	}{
		{"top", "lang", doc.Properties["lang"].Enum, journey.Languages},
		{"top", "scope", doc.Properties["scope"].Enum, journey.Scopes},
		{"stage", "phase", doc.Definitions["stage"].Properties["phase"].Enum, journey.Phases},
		{"channel", "kind", doc.Definitions["channel"].Properties["kind"].Enum, journey.ChannelKinds},
		{"touchpoint", "evidence", doc.Definitions["touchpoint"].Properties["evidence"].Enum, journey.EvidenceKinds},
		{"metric", "better", doc.Definitions["metric"].Properties["better"].Enum, journey.Directions},
	} {
		var got []string
		for _, v := range tc.got {
			s, _ := v.(string)
			got = append(got, s)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s.%s: enum %v, model has %v", tc.where, tc.key, got, tc.want)
		}
	}
}

func yamlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		// .cjm.yaml is the project configuration, with a schema of its
		// own (config_test.go); examples/themes holds render themes
		// (pkg/theme), not journey maps.
		if err == nil && !d.IsDir() && d.Name() != ".cjm.yaml" && filepath.Base(filepath.Dir(path)) != "themes" && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			files = append(files, path)
		}
		return nil
	})
	return files
}

// TestAccepts: every example of the repository, every template of `cjm
// init` and every good fixture validates against the schema.
func TestAccepts(t *testing.T) {
	sch := compile(t)
	files := yamlFiles(t, filepath.Join("..", "..", "examples"))
	files = append(files, yamlFiles(t, filepath.Join("testdata", "good"))...)
	if len(files) < 3 {
		t.Fatalf("found only %d files to validate: %v", len(files), files)
	}
	for _, path := range files {
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(instance(t, src)); err != nil {
				t.Errorf("rejected:\n%v", err)
			}
		})
	}
	for _, tpl := range templates.List() {
		t.Run("template/"+tpl.Name, func(t *testing.T) {
			if err := sch.Validate(instance(t, tpl.Source)); err != nil {
				t.Errorf("rejected:\n%v", err)
			}
		})
	}
}

// TestRejects: each bad fixture is rejected, and for the reason its first
// line names (`# want: <text in the validation error>`).
func TestRejects(t *testing.T) {
	sch := compile(t)
	files := yamlFiles(t, filepath.Join("testdata", "bad"))
	if len(files) == 0 {
		t.Fatal("no bad fixtures")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(src), "\n")
			want, ok := strings.CutPrefix(first, "# want: ")
			if !ok {
				t.Fatalf("first line must be `# want: …`")
			}
			err = sch.Validate(instance(t, src))
			if err == nil {
				t.Fatalf("accepted; want an error mentioning %q", want)
			}
			if msg := err.Error(); !strings.Contains(msg, want) {
				t.Errorf("error does not mention %q:\n%s", want, msg)
			}
		})
	}
}
