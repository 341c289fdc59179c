package xlsx

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cjm-dev/cjm/pkg/diag"
	exportxlsx "github.com/cjm-dev/cjm/pkg/export/xlsx"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/journey"
)

// Limits of what a workbook may unpack to, so a zip bomb is an error and
// not a crash.
const (
	unzipLimit    = 256 << 20
	unzipXMLLimit = 64 << 20
)

// Source reads XLSX workbooks.
type Source struct{}

// Format returns "xlsx".
func (Source) Format() string { return "xlsx" }

// Extensions returns ".xlsx".
func (Source) Extensions() []string { return []string{".xlsx"} }

// Import reads a workbook.
func (Source) Import(filename string, src []byte) (*journey.Map, diag.Diagnostics) {
	f, err := excelize.OpenReader(bytes.NewReader(src), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, diag.Diagnostics{diag.Errorf(importer.At(filename, 1, 1), importer.RuleSyntax,
			"not an XLSX workbook (%v); save the spreadsheet as .xlsx (Excel 2007 or later) and import it again", err)}
	}
	defer f.Close()
	r := &reader{file: filename, f: f}
	m := r.read()
	if r.diags.HasErrors() {
		return nil, r.diags
	}
	return m, r.diags
}

type reader struct {
	file  string
	f     *excelize.File
	diags diag.Diagnostics
}

// at is the range of the cell in column c and row r (0-based).
func (r *reader) at(c, row int) diag.Range { return importer.At(r.file, row+1, c+1) }

func (r *reader) errorf(sheet string, c, row int, rule, format string, args ...any) {
	r.diags = append(r.diags, diag.Errorf(r.at(c, row), rule, "%s!%s: %s", sheet, importer.CellName(c, row), fmt.Sprintf(format, args...)))
}

func (r *reader) warnf(sheet string, c, row int, rule, format string, args ...any) {
	r.diags = append(r.diags, diag.Warningf(r.at(c, row), rule, "%s!%s: %s", sheet, importer.CellName(c, row), fmt.Sprintf(format, args...)))
}

// formerLabels are labels a workbook written by an earlier cjm may have,
// by key: still read.
var formerLabels = map[string][]string{
	"report.target": {"Целевое значение"}, // «Цель» since issue 10
}

// same reports whether a name in the workbook is the label key in any
// language (or one of its former labels).
func same(got, key string) bool {
	got = strings.ToLower(strings.TrimSpace(got))
	for _, l := range formerLabels[key] {
		if got == strings.ToLower(l) {
			return true
		}
	}
	for _, lang := range journey.Languages {
		if got == strings.ToLower(i18n.T(lang, key)) {
			return true
		}
	}
	return false
}

// rows is one sheet read: its name, the header's columns by field key, and
// the data rows (0-based row numbers of the sheet kept).
type rows struct {
	name string
	cols map[string]int
	data []row
}

type row struct {
	n     int
	cells []string
}

func (rw row) get(c int) string {
	if c < 0 || c >= len(rw.cells) {
		return ""
	}
	return strings.ReplaceAll(strings.ReplaceAll(rw.cells[c], "\r\n", "\n"), "\r", "\n")
}

// sheet finds the sheet of the layout and reads it; nil when the workbook
// has none.
func (r *reader) sheet(key string) *rows {
	s := exportxlsx.Lookup(key)
	var name string
	for _, n := range r.f.GetSheetList() {
		if same(n, s.Label) {
			name = n
			break
		}
	}
	if name == "" {
		return nil
	}
	all, err := r.f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		r.errorf(name, 0, 0, importer.RuleSyntax, "cannot read the sheet: %v", err)
		return nil
	}
	out := &rows{name: name, cols: map[string]int{}}
	if len(all) == 0 {
		return out
	}
	for c, h := range all[0] {
		if strings.TrimSpace(h) == "" {
			continue
		}
		found := false
		for _, col := range s.Columns {
			if same(h, col.Label) || strings.EqualFold(strings.TrimSpace(h), col.Key) {
				if _, dup := out.cols[col.Key]; dup {
					r.warnf(name, c, 0, importer.RuleLost, "the column %q comes twice; this one is left out", h)
				} else {
					out.cols[col.Key] = c
				}
				found = true
				break
			}
		}
		if !found {
			r.warnf(name, c, 0, importer.RuleLost, "unknown column %q is left out; name it as `cjm render -f xlsx` does (docs/import.md)", h)
		}
	}
	for i, cells := range all[1:] {
		blank := true
		for c, v := range cells {
			if strings.TrimSpace(v) != "" {
				blank = false
			}
			if ch, bad := control(v); bad {
				r.errorf(name, c, i+1, importer.RuleSyntax, "control character %U, which no journey file may hold; remove it and import again", ch)
				cells[c] = ""
			}
		}
		if !blank {
			out.data = append(out.data, row{n: i + 1, cells: cells})
		}
	}
	return out
}

// col returns the column of key in s, or -1.
func (s *rows) col(key string) int {
	if c, ok := s.cols[key]; ok {
		return c
	}
	return -1
}

// str is the text of a cell, as written (line breaks as \n).
func (s *rows) str(rw row, key string) string { return rw.get(s.col(key)) }

// token is a cell holding an id or an enum value: spaces trimmed.
func (s *rows) token(rw row, key string) string { return strings.TrimSpace(s.str(rw, key)) }

// list is a multi-line cell: one item per line, blank lines skipped.
func (s *rows) list(rw row, key string) []string {
	var out []string
	for _, l := range strings.Split(s.str(rw, key), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// ids is a multi-line cell of ids.
func (s *rows) ids(rw row, key string) []string {
	var out []string
	for _, l := range s.list(rw, key) {
		out = append(out, strings.TrimSpace(l))
	}
	return out
}

func (r *reader) number(s *rows, rw row, key string) (*float64, bool) {
	v := s.token(rw, key)
	if v == "" {
		return nil, true
	}
	f, err := parseNumber(v)
	if err != nil {
		r.errorf(s.name, s.col(key), rw.n, importer.RuleValue, "%q is not a number; write a number or leave the cell empty", v)
		return nil, false
	}
	return &f, true
}

// parseNumber reads a number as a cell holds it, or as typed with a
// decimal comma.
func parseNumber(v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil && strings.Count(v, ",") == 1 && !strings.Contains(v, ".") {
		f, err = strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	}
	return f, err
}

// emotion reads an emotion cell: a number, or lines "persona: value".
func (r *reader) emotion(s *rows, rw row) *journey.Emotion {
	v := strings.TrimSpace(s.str(rw, "emotion"))
	if v == "" {
		return nil
	}
	if f, err := parseNumber(v); err == nil {
		return &journey.Emotion{Value: f}
	}
	e := &journey.Emotion{PerPersona: []journey.PersonaEmotion{}}
	for _, l := range s.list(rw, "emotion") {
		p, val, ok := strings.Cut(l, ":")
		f, err := parseNumber(strings.TrimSpace(val))
		if !ok || err != nil || strings.TrimSpace(p) == "" {
			r.errorf(s.name, s.col("emotion"), rw.n, importer.RuleValue,
				"the emotion %q is neither a number from -2 to 2 nor lines \"persona: number\"; write one of them", l)
			return nil
		}
		e.PerPersona = append(e.PerPersona, journey.PersonaEmotion{Persona: strings.TrimSpace(p), Value: f})
	}
	return e
}

// require reports an error when s has no column key.
func (r *reader) require(s *rows, key string) bool {
	if s.col(key) >= 0 {
		return true
	}
	col := exportxlsx.Lookup(s.sheetKey()).Columns[exportxlsx.Lookup(s.sheetKey()).Index(key)]
	r.errorf(s.name, 0, 0, importer.RuleLayout, "no column %q; add it to the header row", i18n.T("en", col.Label))
	return false
}

func (s *rows) sheetKey() string {
	for _, sh := range exportxlsx.Layout {
		if same(s.name, sh.Label) {
			return sh.Key
		}
	}
	return ""
}

// control returns the first control character of s other than a tab
// and a line break, if any.
func control(s string) (rune, bool) {
	for _, ch := range s {
		if ch != '\n' && ch != '\r' && ch != '\t' && (diag.IsControl(ch) || diag.IsBidiControl(ch)) {
			return ch, true
		}
	}
	return 0, false
}

// diagLayout is an error about the workbook as a whole.
func diagLayout(file, msg string) *diag.Diagnostic {
	return diag.Errorf(importer.At(file, 1, 1), importer.RuleLayout, "%s", msg)
}
