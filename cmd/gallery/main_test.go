package main

import (
	"strings"
	"testing"
)

// The resolutions -check reuses are read back from the page markdown
// writes.
func TestCommittedDPIs(t *testing.T) {
	e := &entry{name: "stress/a", stem: "stress-a", rel: "testdata/stress/a.yaml", title: "A", pages: 2,
		dpi: map[string]float64{"stress-a.map.png": 48, "stress-a.flow.png": 96}}
	page := string(markdown([]*entry{e}))
	got := committedDPIs([]byte(page))
	if len(got) != 2 || got["stress-a.map.png"] != 48 || got["stress-a.flow.png"] != 96 {
		t.Errorf("committedDPIs = %v from\n%s", got, page)
	}
	if !strings.Contains(page, "page 1 of 2") || !strings.Contains(page, "(gallery/stress-a.pdf.png)") {
		t.Errorf("page:\n%s", page)
	}
}

func TestOneLine(t *testing.T) {
	if got := oneLine("A *bold*\n  [link] <b>"); got != `A \*bold\* \[link\] &lt;b>` {
		t.Errorf("oneLine = %q", got)
	}
}
