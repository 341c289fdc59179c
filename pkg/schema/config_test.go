package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/schema"
)

func compileConfig(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.ConfigJSON()))
	if err != nil {
		t.Fatalf("config schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	if err := c.AddResource(schema.ConfigFileName, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schema.ConfigFileName)
	if err != nil {
		t.Fatalf("config schema does not compile as draft-07: %v", err)
	}
	return sch
}

// TestConfigGolden keeps the config schema's bytes in its golden file and
// docs/ (go test ./pkg/schema -update) and stable across calls.
func TestConfigGolden(t *testing.T) {
	got := schema.ConfigJSON()
	if !bytes.Equal(got, schema.ConfigJSON()) {
		t.Fatal("two calls gave different bytes")
	}
	for _, path := range []string{
		filepath.Join("testdata", schema.ConfigFileName),
		filepath.Join("..", "..", "docs", schema.ConfigFileName), // the examples' modeline points here
	} {
		golden.Check(t, path, got)
	}
}

// TestConfigSchemaAgreesWithLoader checks every configuration of
// testdata/config: the good ones pass the schema and load without
// findings, the bad ones fail both, so editors and cjm agree.
func TestConfigSchemaAgreesWithLoader(t *testing.T) {
	sch := compileConfig(t)
	for _, want := range []string{"good", "bad"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "config", want, "*.yaml"))
		if want == "good" {
			files = append(files, filepath.Join("..", "..", "examples", ".cjm.yaml"))
		}
		if len(files) == 0 {
			t.Fatalf("no %s configurations", want)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(want+"/"+filepath.Base(f), func(t *testing.T) {
				var verr error
				if bytes.Contains(src, []byte(":")) {
					verr = sch.Validate(instance(t, src))
				}
				_, ds := config.Bytes(f, src)
				if want == "good" {
					if verr != nil {
						t.Errorf("the schema refuses it: %v", verr)
					}
					if len(ds) > 0 {
						t.Errorf("the loader reports %v", ds)
					}
					return
				}
				if verr == nil {
					t.Error("the schema accepts it")
				}
				if !ds.HasErrors() {
					t.Error("the loader accepts it")
				}
			})
		}
	}
}
