package findings

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/ruleset"
)

// TestSARIFSuppressed: suppressed findings are results in their sorted
// place, with an inSource suppression carrying the reason, and the log is
// valid for code scanning.
func TestSARIFSuppressed(t *testing.T) {
	ds, src := sample()
	sup := []ruleset.Suppressed{
		{Diag: diag.Warningf(at("maps/b2b.yaml", 4, 5, 0, 0), "unused-owner", "owner `o` owns no touchpoint"), Reason: "kept for Q3"},
		{Diag: diag.Warningf(at("maps/b2b.yaml", 3, 1, 0, 0), "stage-without-kpi", "stage `a` has no KPI")},
	}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, ds, SARIFOptions{Root: ".", Sources: src, Suppressed: sup}); err != nil {
		t.Fatal(err)
	}
	validSARIF(t, sarifSchema(t), buf.Bytes())
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind          string `json:"kind"`
					Justification *string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != len(ds)+2 {
		t.Fatalf("%d results, want %d", len(res), len(ds)+2)
	}
	var order []string
	for _, r := range res {
		order = append(order, r.RuleID)
		switch r.RuleID {
		case "unused-owner":
			if len(r.Suppressions) != 1 || r.Suppressions[0].Kind != "inSource" || r.Suppressions[0].Justification == nil || *r.Suppressions[0].Justification != "kept for Q3" {
				t.Errorf("unused-owner suppressions: %+v", r.Suppressions)
			}
		case "stage-without-kpi":
			if len(r.Suppressions) != 1 || r.Suppressions[0].Justification != nil {
				t.Errorf("no reason: %+v", r.Suppressions)
			}
		default:
			if r.Suppressions != nil {
				t.Errorf("%s is marked suppressed", r.RuleID)
			}
		}
	}
	// Sorted by file and line: maps/a, b.yml first, then b2b.yaml's
	// lines 3 (suppressed), 4 (suppressed), 5 …
	if order[1] != "stage-without-kpi" || order[2] != "unused-owner" {
		t.Errorf("order %v", order)
	}
}
