package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/palette"
	"github.com/cjm-dev/cjm/pkg/view"
)

// Epoch is the time the workbook's metadata and zip entries carry, so the
// same map always gives the same bytes.
var Epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// MaxCell is the longest text a cell holds (Excel's limit, in characters).
const MaxCell = 32767

// The workbook's font (excelize's default for unstyled cells): styled
// cells name it too, or LibreOffice draws them in its own default.
const (
	font     = "Calibri"
	fontSize = 11
)

// Width bounds of a column, in characters.
const (
	minWidth = 6
	maxWidth = 60
)

// Yes is what the moment-of-truth column holds for a moment of truth, in
// lang (its reason is in the next column).
func Yes(lang string) string { return i18n.T(lang, "report.mot.yes") }

// cell is one value: a string, a float64 or nil (empty).
type cell struct {
	v    any
	fill string // "#rrggbb" or ""
}

func text(s string) cell { return cell{v: s} }

func lines(items []string) cell { return cell{v: strings.Join(items, "\n")} }

func number(f *float64) cell {
	if f == nil {
		return cell{}
	}
	return cell{v: *f}
}

// Emotion formats an emotion for its cell: the number, or one line
// "persona: value" per persona.
func emotion(e *journey.Emotion) cell {
	if e == nil {
		return cell{}
	}
	if e.PerPersona == nil {
		return cell{v: e.Value}
	}
	var ls []string
	for _, pe := range e.PerPersona {
		ls = append(ls, pe.Persona+": "+strconv.FormatFloat(pe.Value, 'g', -1, 64))
	}
	return lines(ls)
}

// table is one sheet being written.
type table struct {
	sheet Sheet
	rows  [][]cell
}

// Render returns m as an XLSX workbook.
func Render(m *journey.Map) ([]byte, error) {
	lang := m.Lang
	colors := view.NewColors(m)
	ix := journey.NewIndex(m)
	from := func(o journey.Origin) cell {
		if !o.Included() {
			return cell{}
		}
		if rel, err := filepath.Rel(filepath.Dir(m.File), o.From); err == nil {
			return text(filepath.ToSlash(rel))
		}
		return text(filepath.Base(o.From))
	}

	var tables []table
	mt := table{sheet: Lookup(SheetMap)}
	for _, f := range MapFields {
		var v cell
		switch f.Key {
		case "title":
			v = text(m.Title)
		case "description":
			v = text(m.Description)
		case "lang":
			v = text(m.Lang)
		case "scope":
			v = text(m.Scope)
		case "include":
			v = lines(m.Include)
		case "measurements":
			v = lines(m.Measurements)
		}
		mt.rows = append(mt.rows, []cell{text(i18n.T(lang, f.Label)), v})
	}
	tables = append(tables, mt)

	pt := table{sheet: Lookup(SheetPersonas)}
	for _, p := range m.Personas {
		pt.rows = append(pt.rows, []cell{text(p.ID), text(p.Name), text(p.Role), lines(p.Goals), lines(p.Needs), lines(p.Pains), text(p.Quote), from(p.Origin)})
	}
	ct := table{sheet: Lookup(SheetChannels)}
	for _, c := range m.Channels {
		ct.rows = append(ct.rows, []cell{text(c.ID), {v: c.Name, fill: colors.Channel(c)}, text(c.Kind), text(c.Color), from(c.Origin)})
	}
	ot := table{sheet: Lookup(SheetOwners)}
	for _, o := range m.Owners {
		ot.rows = append(ot.rows, []cell{text(o.ID), {v: o.Name, fill: colors.Owner(o)}, text(o.Color), from(o.Origin)})
	}
	st := table{sheet: Lookup(SheetStages)}
	tt := table{sheet: Lookup(SheetTouchpoints)}
	xt := table{sheet: Lookup(SheetMetrics)}
	metric := func(s *journey.Stage, tp string, x *journey.Metric) []cell {
		// The value the file states: with measurements, Value is the
		// latest of them and comes back from the measurement files.
		value := x.Value
		if len(x.History) > 0 {
			value = x.Stated
		}
		return []cell{text(s.ID), text(tp), text(x.ID), text(x.Name), number(value), number(x.Target), text(x.Unit), text(x.Better)}
	}
	for _, s := range m.Stages {
		st.rows = append(st.rows, []cell{text(s.ID), text(s.Name), text(s.Phase), text(s.Goal), lines(s.Actions), lines(s.Thoughts),
			lines(s.Feelings), emotion(s.Emotion), lines(s.Opportunities), lines(s.Strategies)})
		for _, x := range s.Metrics {
			xt.rows = append(xt.rows, metric(s, "", x))
		}
		for _, t := range s.Touchpoints {
			ch, ow := text(t.Channel), text(t.Owner)
			if c := ix.Channel(t.Channel); c != nil {
				ch.fill = colors.Channel(c)
			}
			if o := ix.Owner(t.Owner); o != nil {
				ow.fill = colors.Owner(o)
			}
			mot, why := cell{}, cell{}
			if t.MomentOfTruth != nil {
				mot, why = text(Yes(lang)), text(t.MomentOfTruth.Reason)
			}
			tt.rows = append(tt.rows, []cell{text(s.ID), text(t.ID), text(t.Name), ch, ow, lines(t.Personas), lines(t.Interactions),
				emotion(t.Emotion), lines(t.Pains), lines(t.Delights), mot, why, lines(t.Next), lines(t.Backstage),
				text(t.Evidence), text(t.Source), text(t.Notes)})
			for _, x := range t.Metrics {
				xt.rows = append(xt.rows, metric(s, t.ID, x))
			}
		}
	}
	rt := table{sheet: Lookup(SheetTransitions)}
	for _, tr := range m.Transitions {
		rt.rows = append(rt.rows, []cell{text(tr.From), text(tr.To), text(tr.Label)})
	}
	tables = append(tables, pt, ct, ot, st, tt, xt, rt)
	if len(m.Points) > 0 {
		ms := table{sheet: Lookup(SheetMeasurements)}
		for _, p := range m.Points {
			v := p.Value
			ms.rows = append(ms.rows, []cell{text(p.Metric), text(p.Date), number(&v), text(p.Note)})
		}
		tables = append(tables, ms)
	}
	return write(lang, tables, m)
}

// write builds the workbook of tables.
func write(lang string, tables []table, m *journey.Map) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &writer{f: f, lang: lang, fills: map[string]int{}}
	var err error
	if w.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: palette.Text, Family: font, Size: fontSize},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{palette.Header}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	}); err != nil {
		return nil, err
	}
	if w.body, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return nil, err
	}
	for i, t := range tables {
		name := t.sheet.Name(lang)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		if err := w.table(name, t); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	if err := w.validations(tables, m); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	stamp := Epoch.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "cjm", Created: stamp, Modified: stamp, Title: m.Title, Language: lang}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return rezip(buf.Bytes())
}

type writer struct {
	f            *excelize.File
	lang         string
	header, body int
	fills        map[string]int
}

// fill returns the style of a cell filled with color, its text in the
// colour that reads on it.
func (w *writer) fill(color string) (int, error) {
	if id, ok := w.fills[color]; ok {
		return id, nil
	}
	id, err := w.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Color: palette.TextOn(color), Family: font, Size: fontSize},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	w.fills[color] = id
	return id, err
}

func (w *writer) table(name string, t table) error {
	f := w.f
	cols := t.sheet.Columns
	widths := make([]int, len(cols))
	for c, col := range cols {
		h := i18n.T(w.lang, col.Label)
		if err := f.SetCellStr(name, cellName(c, 0), h); err != nil {
			return err
		}
		widths[c] = textWidth(h) + 2 // room for the filter button
	}
	if err := f.SetCellStyle(name, cellName(0, 0), cellName(len(cols)-1, 0), w.header); err != nil {
		return err
	}
	if len(t.rows) > 0 {
		if err := f.SetCellStyle(name, cellName(0, 1), cellName(len(cols)-1, len(t.rows)), w.body); err != nil {
			return err
		}
	}
	for r, row := range t.rows {
		for c, v := range row {
			at := cellName(c, r+1)
			switch x := v.v.(type) {
			case string:
				if x == "" {
					continue
				}
				if n := utf8.RuneCountInString(x); n > MaxCell {
					return fmt.Errorf("cell %s holds %d characters, more than a workbook cell takes (%d); shorten the text", at, n, MaxCell)
				}
				if err := f.SetCellStr(name, at, x); err != nil {
					return err
				}
				widths[c] = max(widths[c], textWidth(x))
			case float64:
				if err := f.SetCellFloat(name, at, x, -1, 64); err != nil {
					return err
				}
				widths[c] = max(widths[c], len(strconv.FormatFloat(x, 'g', -1, 64)))
			}
			if v.fill != "" {
				id, err := w.fill(v.fill)
				if err != nil {
					return err
				}
				if err := f.SetCellStyle(name, at, at, id); err != nil {
					return err
				}
			}
		}
	}
	for c, wd := range widths {
		col := colName(c)
		if err := f.SetColWidth(name, col, col, float64(min(max(wd+1, minWidth), maxWidth))); err != nil {
			return err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(name, cellName(0, 0)+":"+cellName(len(cols)-1, max(len(t.rows), 1)), nil)
}

// textWidth is the width of the longest line of s, in characters.
func textWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, utf8.RuneCountInString(l))
	}
	return w
}

// span is how many rows a validation covers: every row written and room
// for more.
func span(n int) int { return max(1000, 2*n) }

// validations adds the drop-down lists: enums from the format, ids from
// the sheets that declare them.
func (w *writer) validations(tables []table, m *journey.Map) error {
	rows := map[string]int{}
	for _, t := range tables {
		rows[t.sheet.Key] = len(t.rows)
	}
	ref := func(sheet, key string) string {
		s := Lookup(sheet)
		col := colName(s.Index(key))
		return fmt.Sprintf("'%s'!$%s$2:$%s$%d", strings.ReplaceAll(s.Name(w.lang), "'", "''"), col, col, span(rows[sheet])+1)
	}
	type rule struct {
		sheet, key string
		list       []string // an enum
		ids        [2]string
		loose      bool // a multi-line cell: the list helps, any text goes
	}
	rules := []rule{
		{sheet: SheetChannels, key: "kind", list: journey.ChannelKinds},
		{sheet: SheetStages, key: "phase", list: journey.Phases},
		{sheet: SheetTouchpoints, key: "stage", ids: [2]string{SheetStages, "id"}},
		{sheet: SheetTouchpoints, key: "channel", ids: [2]string{SheetChannels, "id"}},
		{sheet: SheetTouchpoints, key: "owner", ids: [2]string{SheetOwners, "id"}},
		{sheet: SheetTouchpoints, key: "personas", ids: [2]string{SheetPersonas, "id"}, loose: true},
		{sheet: SheetTouchpoints, key: "moment_of_truth", list: []string{Yes(w.lang)}},
		{sheet: SheetTouchpoints, key: "evidence", list: journey.EvidenceKinds},
		{sheet: SheetMetrics, key: "stage", ids: [2]string{SheetStages, "id"}},
		{sheet: SheetMetrics, key: "touchpoint", ids: [2]string{SheetTouchpoints, "id"}},
		{sheet: SheetMetrics, key: "better", list: journey.Directions},
		{sheet: SheetTransitions, key: "from", ids: [2]string{SheetStages, "id"}},
		{sheet: SheetTransitions, key: "to", ids: [2]string{SheetStages, "id"}},
	}
	for _, r := range rules {
		s := Lookup(r.sheet)
		col := colName(s.Index(r.key))
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, span(rows[r.sheet])+1))
		if r.list != nil {
			if err := dv.SetDropList(r.list); err != nil {
				return err
			}
		} else {
			dv.SetSqrefDropList(ref(r.ids[0], r.ids[1]))
		}
		dv.ShowErrorMessage = !r.loose
		if err := w.f.AddDataValidation(s.Name(w.lang), dv); err != nil {
			return err
		}
	}
	// The map sheet: the language and the scope, in their rows.
	s := Lookup(SheetMap)
	for i, fd := range MapFields {
		var list []string
		switch fd.Key {
		case "lang":
			list = journey.Languages
		case "scope":
			list = journey.Scopes
		default:
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(cellName(1, i+1))
		if err := dv.SetDropList(list); err != nil {
			return err
		}
		dv.ShowErrorMessage = true
		if err := w.f.AddDataValidation(s.Name(w.lang), dv); err != nil {
			return err
		}
	}
	return nil
}

// colName is the letters of column c (0-based).
func colName(c int) string {
	n, _ := excelize.ColumnNumberToName(c + 1)
	return n
}

// cellName is the name of the cell in column c and row r (0-based).
func cellName(c, r int) string { return colName(c) + strconv.Itoa(r+1) }

// rezip rewrites the zip excelize wrote with every entry at Epoch, so the
// bytes do not depend on when the workbook was made.
func rezip(src []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	files := slices.Clone(zr.File)
	// [Content_Types].xml first, as every writer of OOXML puts it, then by
	// name: an order that does not depend on excelize's.
	slices.SortStableFunc(files, func(a, b *zip.File) int {
		ka, kb := a.Name != "[Content_Types].xml", b.Name != "[Content_Types].xml"
		if ka != kb {
			if ka {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Name, b.Name)
	})
	for _, e := range files {
		hdr := &zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: Epoch}
		dst, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, err
		}
		rc, err := e.Open()
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(dst, rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
