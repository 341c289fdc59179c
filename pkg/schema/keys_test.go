package schema_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/schema"
)

// TestKeysMatchLoader (issue 8, one table of keys): every element's
// properties in the JSON Schema are the keys the loader knows, in the same
// order (format.md's), and fmt orders keys by the loader's lists
// (pkg/yamlfmt uses load.MapKeys and the rest directly). A key added to
// the loader and not to the schema, or the other way round, fails here.
func TestKeysMatchLoader(t *testing.T) {
	top := properties(t, schema.JSON(), "properties")
	if !slices.Equal(top, load.MapKeys) {
		t.Errorf("top-level keys: schema %v, loader %v", top, load.MapKeys)
	}
	for def, keys := range map[string][]string{
		"persona":    load.PersonaKeys,
		"channel":    load.ChannelKeys,
		"owner":      load.OwnerKeys,
		"stage":      load.StageKeys,
		"touchpoint": load.TouchpointKeys,
		"metric":     load.MetricKeys,
		"transition": load.TransitionKeys,
	} {
		got := properties(t, schema.JSON(), "definitions", def, "properties")
		if !slices.Equal(got, keys) {
			t.Errorf("%s keys: schema %v, loader %v", def, got, keys)
		}
	}
}

// properties returns the keys of the JSON object at path in doc, in the
// order written.
func properties(t *testing.T, doc []byte, path ...string) []string {
	t.Helper()
	raw := json.RawMessage(doc)
	for _, p := range path {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%v: %v", path, err)
		}
		next, ok := m[p]
		if !ok {
			t.Fatalf("the schema has no %v", path)
		}
		raw = next
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("%v is not an object", path)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}
