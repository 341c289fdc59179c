package csv

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/yamlfmt"
)

// TestErrors: what cannot be imported is an error at the row and cell,
// with the line and column where the cell starts.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"emotion", "stage,touchpoint,emotion\nA,Tea,3\n", `in.csv:2:7: error: C2: the emotion "3" is not a number from -2`},
		{"emotion word", "stage,touchpoint,emotion\nA,Tea,1\nB,Coffee,good\n", `in.csv:3:10: error: C3: the emotion "good"`},
		{"emotion after a multi-line cell", "stage,touchpoint,pains,emotion\nA,Tea,\"one\ntwo\",x\n", `in.csv:3:6: error: D2: the emotion "x"`},
		{"cyrillic column", "этап,точка контакта,эмоция\nОсознание,Статья,много\n", `in.csv:2:18: error: C2: the emotion "много"`},
		{"by persona", "stage,touchpoint,emotion_by_persona\nA,Tea,\"CIO: 1\nCFO 2\"\n", `in.csv:2:7: error: C2: "CFO 2" is not ` + "`Persona: value`"},
		{"by persona range", "stage,touchpoint,emotion_by_persona\nA,Tea,CIO: 9\n", `in.csv:2:7: error: C2: the emotion "9" of "CIO"`},
		{"by persona twice", "stage,touchpoint,emotion_by_persona\nA,Tea,\"CIO: 1\nCIO: 2\"\n", `in.csv:2:7: error: C2: "CIO" is given twice`},
		{"evidence", "stage,touchpoint,evidence\nA,Tea,measured\n", `in.csv:2:7: error: C2: evidence "measured" is not one of observed, reported, inferred, assumed`},
		{"phase", "stage,phase,touchpoint\nA,later,Tea\n", `in.csv:2:3: error: B2: phase "later" is not buying or using`},
		{"no touchpoint name", "stage,touchpoint,channel\nA,,Web\n", `in.csv:2:3: error: B2: the row has no touchpoint name`},
		{"no stage first", "stage,touchpoint\n,Tea\n", `in.csv:2:1: error: A2: the first touchpoint row has no stage`},
		{"no touchpoint column", "stage,name\nA,Tea\n", `in.csv:1:1: error: the header row has no touchpoint column`},
		{"no stage column", "touchpoint\nTea\n", `in.csv:1:1: error: the header row has no stage column`},
		{"empty", "", `in.csv:1:1: error: the file is empty`},
		{"header only", "stage,touchpoint\n", `in.csv:1:1: error: the table has a header row and no touchpoint rows`},
		{"bare quote", "stage,touchpoint\nA,Tea \"x\"\n", `in.csv:2:7: error: row 2: bare " in non-quoted-field`},
		{"open quote", "stage,touchpoint\nA,\"Tea\n", `in.csv:2:8: error: row 2: extraneous or missing " in quoted-field`},
		{"semicolons", "stage;touchpoint;emotion\nA;Tea;-3\n", `in.csv:2:7: error: C2: the emotion "-3"`},
		{"control", "stage,touchpoint\nA,T\x01\n", `in.csv:2:4: error: control character U+0001`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := Parse("in.csv", []byte(tc.src))
			if !ds.HasErrors() || m != nil {
				t.Fatalf("no error; diags %v", ds)
			}
			var got string
			for _, d := range ds {
				if d.Severity == 0 {
					got = d.Error()
					break
				}
			}
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %s\nwant %s…", got, tc.want)
			}
		})
	}
}

// TestWarnings: what is left out is a warning at its cell.
func TestWarnings(t *testing.T) {
	src := "stage,touchpoint,colour,touchpoint_id,stage_id\nA,Tea,red,Bad Id,s\nA,Milk,,tea,s\nB,Cake,,,s\n,Sugar,,,,extra\n"
	m, ds := Parse("in.csv", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.Error())
	}
	want := []string{
		`in.csv:1:1: warning: a CSV carries no title; the file name "in" is the title`,
		`in.csv:1:18: warning: C1: the column "colour" is not one the import knows`,
		`in.csv:2:11: warning: D2: "Bad Id" is not a valid id`,
		`in.csv:4:1: warning: A4: stage "s" has the name "A" in an earlier row`,
		`in.csv:5:11: warning: F5: a cell beyond the last named column`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s…", got[i], want[i])
		}
	}
	if len(m.Stages) != 1 || len(m.Stages[0].Touchpoints) != 4 {
		t.Fatalf("stages %+v", m.Stages)
	}
}

// TestWorkshop imports the Russian workshop sheet of examples/import
// (semicolons, a byte order mark, blank stage cells, decimal commas,
// Russian header names and values) into a golden journey file that is
// canonical and valid under --strict.
func TestWorkshop(t *testing.T) {
	const file = "../../../examples/import/workshop-ru.csv"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	res := importer.Convert(Source{}, "workshop-ru.csv", src, importer.Options{Origin: "workshop-ru.csv"})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	golden.Check(t, "testdata/workshop-ru.yaml", res.YAML)
	if again, err := yamlfmt.Format(res.YAML); err != nil || !bytes.Equal(again, res.YAML) {
		t.Errorf("not in the canonical layout (%v)", err)
	}
	chk := check.Bytes("workshop-ru.yaml", res.YAML, check.Options{})
	if len(chk.Diags) > 0 {
		t.Errorf("findings under --strict: %v", chk.Diags)
	}
	if res.Map.Lang != "ru" {
		t.Errorf("lang %q", res.Map.Lang)
	}
}
