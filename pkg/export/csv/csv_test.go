package csv

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

func TestExamples(t *testing.T) {
	for _, ex := range reporttest.Examples(t) {
		t.Run(ex.Name, func(t *testing.T) {
			got, err := Render(ex.Map)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", ex.Name+".csv"), got)
			checkShape(t, got, len(ex.Map.Touchpoints()))
		})
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		full bool
	}{{"full", true}, {"hostile", false}} {
		t.Run(tc.name, func(t *testing.T) {
			m := reporttest.HostileMap()
			if tc.full {
				m = reporttest.FullMap()
			}
			got, err := Render(m)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".csv"), got)
			checkShape(t, got, len(m.Touchpoints()))
		})
	}
}

// checkShape reads the CSV back: valid UTF-8, RFC 4180 records of the
// header's width, one per touchpoint, and no cell a spreadsheet would
// run as a formula.
func checkShape(t *testing.T, data []byte, touchpoints int) {
	t.Helper()
	if !utf8.Valid(data) {
		t.Error("not UTF-8")
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("starts with a byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("reading back: %v", err)
	}
	if len(recs) != touchpoints+1 {
		t.Errorf("%d records, want the header and %d touchpoints", len(recs), touchpoints)
	}
	if strings.Join(recs[0], ",") != strings.Join(Header, ",") {
		t.Errorf("header = %q", recs[0])
	}
	for i, rec := range recs {
		for j, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !number.MatchString(cell) {
				t.Errorf("record %d, %s: formula-like cell %q", i, Header[j], cell)
			}
		}
	}
}

func TestHostileRoundTrip(t *testing.T) {
	m := reporttest.HostileMap()
	got, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	first := recs[1]
	if want := "'" + m.Stages[0].Touchpoints[0].Source; first[13] != want {
		t.Errorf("source = %q, want %q", first[13], want)
	}
	if want := m.Stages[0].Touchpoints[0].Name; first[3] != want {
		t.Errorf("touchpoint = %q, want it unchanged: %q", first[3], want)
	}
	if first[7] != "-2" {
		t.Errorf("emotion = %q, want -2 (a number is not neutralised)", first[7])
	}
}

func TestNeutralise(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=1+2", "'=1+2"},
		{"+7 (495) 000-00-00", "'+7 (495) 000-00-00"},
		{"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-1", "-1"},
		{"-0.5", "-0.5"},
		{"2", "2"},
		{"a=b", "a=b"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := Neutralise(tc.in); got != tc.want {
				t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{{0, "0"}, {1, "1"}, {-1, "-1"}, {0.5, "0.5"}, {1.0 / 3, "0.33"}, {-2.0 / 3, "-0.67"}, {-0.001, "0"}} {
		if got := Number(tc.in); got != tc.want {
			t.Errorf("Number(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestHostileLabels: every hostile label reads back from the CSV byte for
// byte in every cell that carries it, a formula-like one behind the `'`
// that defuses it (issue 9 #6).
func TestHostileLabels(t *testing.T) {
	for _, label := range reporttest.HostileLabels {
		t.Run(label, func(t *testing.T) {
			got, err := Render(reporttest.LabelMap(label))
			if err != nil {
				t.Fatal(err)
			}
			checkShape(t, got, 2)
			recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
			if err != nil {
				t.Fatalf("the CSV does not parse: %v", err)
			}
			want := label
			if strings.ContainsRune("=+-@", rune(label[0])) {
				want = "'" + label
			}
			for _, col := range []int{1, 3, 4, 5, 6, 9} {
				if got := recs[1][col]; got != want {
					t.Errorf("%s = %q, want %q", Header[col], got, want)
				}
			}
		})
	}
}

// The number column is the touchpoint's number on the map and in the
// reports ("stage.touchpoint", issue 10: the reports numbered 1–11).
func TestNumberColumn(t *testing.T) {
	m := reporttest.FullMap()
	data, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "number")
	if col < 0 {
		t.Fatalf("no number column in %q", recs[0])
	}
	i := 1
	for si, s := range m.Stages {
		for ti := range s.Touchpoints {
			if got, want := recs[i][col], fmt.Sprintf("%d.%d", si+1, ti+1); got != want {
				t.Errorf("record %d: number %q, want %q", i, got, want)
			}
			i++
		}
	}
}
