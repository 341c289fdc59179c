package findings

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// sarifSchema compiles testdata's subset of the SARIF 2.1.0 schema (the
// official schema is not vendored; the subset is stricter where GitHub
// code scanning is).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile("testdata/sarif-2.1.0-subset.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validSARIF(t *testing.T, sch *jsonschema.Schema, b []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("not valid SARIF for code scanning: %v\n%s", err, b)
	}
}

// TestSARIFSchema validates the logs of the golden tests, with and without
// findings, and a log whose findings use rules the registry lacks.
func TestSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)
	ds, src := sample()
	for _, name := range []string{"sarif.golden", "sarif-empty.golden"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		validSARIF(t, sch, b)
	}
	var b bytes.Buffer
	if err := WriteSARIF(&b, ds, SARIFOptions{Sources: src}); err != nil {
		t.Fatal(err)
	}
	validSARIF(t, sch, b.Bytes())
	// The schema is not a test that cannot fail: a rule without help fails it.
	bad := strings.Replace(b.String(), `"help"`, `"hlep"`, 1)
	inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if sch.Validate(inst) == nil {
		t.Error("the schema accepts a rule without help")
	}
}

// fingerprints returns the results' fingerprints in order.
func fingerprints(t *testing.T, ds diag.Diagnostics, srcs diag.Sources) []string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSARIF(&b, ds, SARIFOptions{Sources: srcs}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range log.Runs[0].Results {
		out = append(out, r.PartialFingerprints[FingerprintKey])
	}
	return out
}

// TestSARIFFingerprints checks that a finding keeps its fingerprint when
// lines are added above it (the line number is not hashed), and that
// findings on different lines, of different rules, and twice on identical
// lines each get their own.
func TestSARIFFingerprints(t *testing.T) {
	const body = "  - {id: a, name: A, emotion: 5}\n  - {id: b, name: B, emotion: 5}\n  - {id: a, name: A, emotion: 5}\n"
	find := func(src string) (diag.Diagnostics, diag.Sources) {
		var ds diag.Diagnostics
		for i, line := range strings.Split(src, "\n") {
			if strings.Contains(line, "emotion: 5") {
				ds = append(ds, diag.Errorf(at("m.yaml", i+1, 31, 0, 0), "emotion-range", "emotion 5 is outside [-2, 2] (line %d)", i+1))
			}
		}
		return ds, diag.Sources{"m.yaml": []byte(src)}
	}
	ds, srcs := find("cjm: 1\nstages:\n" + body)
	before := fingerprints(t, ds, srcs)
	ds, srcs = find("cjm: 1\ntitle: Added\ndescription: Two lines more\nstages:\n" + body)
	after := fingerprints(t, ds, srcs)
	if strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("fingerprints changed with the line numbers:\n%v\n%v", before, after)
	}
	if before[0] == before[1] || before[0] == before[2] || before[1] == before[2] {
		t.Errorf("fingerprints are not distinct: %v", before)
	}
	ds, srcs = find("cjm: 1\nstages:\n" + body)
	ds[1].Rule = "other-rule"
	if other := fingerprints(t, ds, srcs); other[1] == before[1] {
		t.Error("the rule is not part of the fingerprint")
	}
	ds, srcs = find("cjm: 1\nstages:\n" + body)
	for _, d := range ds {
		d.Range.Filename = "n.yaml"
	}
	srcs = diag.Sources{"n.yaml": srcs["m.yaml"]}
	if other := fingerprints(t, ds, srcs); other[0] == before[0] {
		t.Error("the file is not part of the fingerprint")
	}
}
