package csv

import (
	"bytes"
	"container/heap"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/journey"

	"github.com/cjm-dev/cjm/pkg/validate"
)

// Source imports CSV touchpoint tables (.csv; .tsv with tabs).
type Source struct{}

// Format returns "csv".
func (Source) Format() string { return "csv" }

// Extensions returns ".csv" and ".tsv".
func (Source) Extensions() []string { return []string{".csv", ".tsv"} }

// Import reads one CSV table.
func (Source) Import(filename string, src []byte) (*journey.Map, diag.Diagnostics) {
	return Parse(filename, src)
}

// cell is one field of a record with where it starts.
type cell struct {
	text      string
	line, col int // of the field in the file (col in characters)
	row       int // 1-based record number, the header is row 1
	index     int // 0-based column
}

// name is the spreadsheet name of the cell: E5.
func (c cell) name() string { return importer.CellName(c.index, c.row-1) }

type parser struct {
	file  string
	src   []byte
	lines [][]byte
	diags diag.Diagnostics
}

func (p *parser) at(c cell) diag.Range { return importer.At(p.file, c.line, c.col) }

func (p *parser) errorf(c cell, format string, args ...any) {
	p.diags = append(p.diags, diag.Errorf(p.at(c), importer.RuleValue, "%s: %s", c.name(), fmt.Sprintf(format, args...)))
}

func (p *parser) warnf(c cell, format string, args ...any) {
	p.diags = append(p.diags, diag.Warningf(p.at(c), importer.RuleLost, "%s: %s", c.name(), fmt.Sprintf(format, args...)))
}

// runeCol turns the 1-based byte column encoding/csv reports into a
// column in characters.
func (p *parser) runeCol(line, byteCol int) int {
	if line < 1 || line > len(p.lines) {
		return byteCol
	}
	l := p.lines[line-1]
	if byteCol-1 > len(l) {
		return byteCol
	}
	return utf8.RuneCount(l[:byteCol-1]) + 1
}

// separator picks `,`, `;` or tab: the one the first line (outside
// quotes) holds most of; `,` on a tie.
func separator(src []byte, filename string) rune {
	if strings.EqualFold(filepath.Ext(filename), ".tsv") {
		return '\t'
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(src) {
		if r == '"' {
			quoted = !quoted
		}
		if !quoted && r == '\n' {
			break
		}
		if !quoted {
			counts[r]++
		}
	}
	sep := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[sep] {
			sep = r
		}
	}
	return sep
}

// Parse reads a CSV touchpoint table; filename names it in diagnostics.
func Parse(filename string, src []byte) (*journey.Map, diag.Diagnostics) {
	if d := importer.ControlChar(filename, src); d != nil {
		return nil, diag.Diagnostics{d}
	}
	p := &parser{file: filename, src: src, lines: bytes.Split(src, []byte("\n"))}
	rows, err := p.read(src)
	if err != nil {
		return nil, p.diags
	}
	if len(rows) == 0 {
		return nil, diag.Diagnostics{diag.Errorf(importer.At(filename, 1, 1), importer.RuleLayout,
			"the file is empty; a CSV to import has a header row (stage, touchpoint, …) and one row per touchpoint")}
	}
	b := newBuilder(p, filename)
	if !b.header(rows[0]) {
		return nil, p.diags
	}
	for _, r := range rows[1:] {
		b.row(r)
	}
	m := b.finish()
	if p.diags.HasErrors() {
		return nil, p.diags.Normalize()
	}
	return m, p.diags.Normalize()
}

// read returns the records as cells with their positions.
func (p *parser) read(src []byte) ([][]cell, error) {
	r := csv.NewReader(bytes.NewReader(src))
	r.Comma = separator(src, p.file)
	r.FieldsPerRecord = -1
	var rows [][]cell
	for n := 1; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			line, col := 1, 1
			msg := err.Error()
			if errors.As(err, &pe) {
				line, col = pe.Line, p.runeCol(pe.Line, pe.Column)
				msg = pe.Err.Error()
				if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
					msg += `: a cell with a quote must be quoted whole, the quote doubled ("say ""hi""")`
				}
			}
			p.diags = append(p.diags, diag.Errorf(importer.At(p.file, line, col), importer.RuleSyntax, "row %d: %s", n, msg))
			return nil, err
		}
		row := make([]cell, len(rec))
		for i, text := range rec {
			line, col := r.FieldPos(i)
			row[i] = cell{text: unNeutralise(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")), line: line, col: p.runeCol(line, col), row: n, index: i}
		}
		rows = append(rows, row)
	}
}

// unNeutralise takes off the `'` that pkg/export/csv puts before a cell a
// spreadsheet would read as a formula.
func unNeutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// list splits a cell into its items, one a line, trimmed, blanks dropped.
func list(s string) []string {
	var out []string
	for _, item := range strings.Split(s, "\n") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// number reads an emotion: `-1`, `+0.5`, `−1,5` (a Unicode minus and a
// decimal comma, as spreadsheets in many locales write them).
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "−", "-")
	s = strings.ReplaceAll(s, ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "xXpPnNiI_") {
		return 0, false
	}
	return v, true
}

type builder struct {
	p         *parser
	file      string
	m         *journey.Map
	cols      []column
	has       map[column]bool
	personas  *importer.Catalogue
	channels  *importer.Catalogue
	owners    *importer.Catalogue
	stageKey  map[string]*journey.Stage
	stageIDs  *importer.IDs
	tpIDs     *importer.IDs
	cur       *journey.Stage
	phaseCell map[*journey.Stage]cell
	explicit  []*journey.Touchpoint // touchpoints with their personas listed
	orders    [][]string            // the persona ids of each personas cell
	// opportunities holds the opportunities each stage has, to merge
	// those of its rows.
	opportunities map[opportunity]bool
}

type opportunity struct {
	s    *journey.Stage
	text string
}

func newBuilder(p *parser, file string) *builder {
	return &builder{
		p: p, file: file, m: &journey.Map{}, has: map[column]bool{},
		personas: importer.NewCatalogue("persona"), channels: importer.NewCatalogue("channel"),
		owners: importer.NewCatalogue("owner"), stageKey: map[string]*journey.Stage{},
		stageIDs: importer.NewIDs("stage"), tpIDs: importer.NewIDs("touchpoint"),
		phaseCell: map[*journey.Stage]cell{}, opportunities: map[opportunity]bool{},
	}
}

// header maps the columns; false when the table cannot be imported.
func (b *builder) header(row []cell) bool {
	ru, en := 0, 0
	b.cols = make([]column, len(row))
	for i, c := range row {
		if strings.TrimSpace(c.text) == "" {
			continue
		}
		col, russian := lookup(c.text)
		switch {
		case col == colNone:
			b.p.warnf(c, "the column %q is not one the import knows, and is left out; known columns: %s (or their Russian names, see docs/import.md)", c.text, knownHeaders())
		case b.has[col]:
			b.p.warnf(c, "a second %q column is left out; merge it into the first", c.text)
		default:
			b.cols[i] = col
			b.has[col] = true
			if russian {
				ru++
			} else {
				en++
			}
		}
	}
	first := row[0]
	if !b.has[colTouchpoint] {
		b.p.diags = append(b.p.diags, diag.Errorf(b.p.at(first), importer.RuleLayout,
			"the header row has no touchpoint column; the first row must name the columns, with at least `stage` and `touchpoint` (Russian: `этап`, `точка контакта`); see docs/import.md"))
		return false
	}
	if !b.has[colStage] && !b.has[colStageID] {
		b.p.diags = append(b.p.diags, diag.Errorf(b.p.at(first), importer.RuleLayout,
			"the header row has no stage column; add a column `stage` (Russian: `этап`) that names each touchpoint's stage"))
		return false
	}
	if ru > en {
		b.m.Lang = "ru"
	}
	return true
}

// row adds the touchpoint of one record.
func (b *builder) row(row []cell) {
	cells := map[column]cell{}
	empty := true
	for i, c := range row {
		if i >= len(b.cols) {
			if strings.TrimSpace(c.text) != "" {
				b.p.warnf(c, "a cell beyond the last named column is left out; give the column a header")
			}
			continue
		}
		if b.cols[i] != colNone {
			cells[b.cols[i]] = c
		}
		if strings.TrimSpace(c.text) != "" {
			empty = false
		}
	}
	if empty {
		return
	}
	get := func(col column) string { return strings.TrimSpace(cells[col].text) }
	tc := cells[colTouchpoint]
	name := get(colTouchpoint)
	if name == "" {
		if len(row) > 0 {
			tc = row[0]
		}
		tc.index = slices.Index(b.cols, colTouchpoint)
		if c, ok := cells[colTouchpoint]; ok {
			tc = c
		}
		b.p.errorf(tc, "the row has no touchpoint name; fill it in, or delete the row")
		return
	}
	s := b.stage(cells)
	if s == nil {
		return
	}
	t := &journey.Touchpoint{Name: name, Src: journey.NewSource(b.p.at(tc))}
	if id := get(colTouchpointID); id != "" {
		c := cells[colTouchpointID]
		switch {
		case !validate.ValidID(id):
			b.p.warnf(c, "%q is not a valid id (lower-case letters, digits, - and _); the touchpoint gets an id from its name", id)
		case !b.tpIDs.Reserve(id):
			b.p.warnf(c, "the touchpoint id %q is used by an earlier row; this touchpoint gets an id from its name", id)
		default:
			t.ID = id
		}
	}
	t.Channel = b.channels.ID(get(colChannel))
	t.Owner = b.owners.ID(get(colOwner))
	if names := list(cells[colPersonas].text); len(names) > 0 {
		seen := map[string]bool{}
		for _, n := range names {
			if id := b.personas.ID(n); !seen[id] {
				seen[id] = true
				t.Personas = append(t.Personas, id)
			}
		}
		b.explicit = append(b.explicit, t)
		b.orders = append(b.orders, t.Personas)
	}
	t.Interactions = list(cells[colInteractions].text)
	t.Emotion = b.emotion(cells)
	t.Pains = list(cells[colPains].text)
	t.Delights = list(cells[colDelights].text)
	if v := get(colMomentOfTruth); v != "" {
		switch low := strings.ToLower(v); {
		case slices.Contains(truthy, low):
			t.MomentOfTruth = &journey.MomentOfTruth{}
		case slices.Contains(falsy, low):
		default:
			t.MomentOfTruth = &journey.MomentOfTruth{Reason: v}
		}
	}
	t.Backstage = list(cells[colBackstage].text)
	if v := get(colEvidence); v != "" {
		low := strings.ToLower(v)
		if w, ok := evidenceWords[low]; ok {
			low = w
		}
		if slices.Contains(journey.EvidenceKinds, low) {
			t.Evidence = low
		} else {
			b.p.errorf(cells[colEvidence], "evidence %q is not one of %s (Russian: наблюдение, со слов, вывод, предположение)", v, strings.Join(journey.EvidenceKinds, ", "))
		}
	}
	t.Source = strings.TrimSpace(cells[colSource].text)
	t.Notes = strings.TrimSpace(cells[colNotes].text)
	for _, o := range list(cells[colOpportunities].text) {
		key := opportunity{s, o}
		if !b.opportunities[key] {
			b.opportunities[key] = true
			s.Opportunities = append(s.Opportunities, o)
		}
	}
	s.Touchpoints = append(s.Touchpoints, t)
}

// stage returns the stage of a row: the one its stage id or name names
// (created when new), or the stage of the row above when both are blank.
func (b *builder) stage(cells map[column]cell) *journey.Stage {
	id := strings.TrimSpace(cells[colStageID].text)
	name := strings.TrimSpace(cells[colStage].text)
	if id == "" && name == "" {
		if b.cur == nil {
			c := cells[colStage]
			if _, ok := cells[colStage]; !ok {
				c = cells[colStageID]
			}
			b.p.errorf(c, "the first touchpoint row has no stage; name its stage")
		}
		return b.cur
	}
	key := "id:" + id
	if id == "" {
		key = "name:" + name
	}
	s, ok := b.stageKey[key]
	if !ok {
		c := cells[colStage]
		if name == "" {
			c, name = cells[colStageID], id
		}
		s = &journey.Stage{Name: name, Src: journey.NewSource(b.p.at(c))}
		if id != "" {
			switch {
			case !validate.ValidID(id):
				b.p.warnf(cells[colStageID], "%q is not a valid id (lower-case letters, digits, - and _); the stage gets an id from its name", id)
			case !b.stageIDs.Reserve(id):
			default:
				s.ID = id
			}
		}
		b.stageKey[key] = s
		b.m.Stages = append(b.m.Stages, s)
	} else if name != "" && name != s.Name {
		b.p.warnf(cells[colStage], "stage %q has the name %q in an earlier row; the first name is kept", id, s.Name)
	}
	if c, ok := cells[colPhase]; ok && strings.TrimSpace(c.text) != "" {
		b.phase(s, c)
	}
	b.cur = s
	return s
}

func (b *builder) phase(s *journey.Stage, c cell) {
	v := strings.ToLower(strings.TrimSpace(c.text))
	if w, ok := phaseWords[v]; ok {
		v = w
	}
	if !slices.Contains(journey.Phases, v) {
		b.p.errorf(c, "phase %q is not buying or using (Russian: до покупки, после покупки)", c.text)
		return
	}
	if s.Phase != "" && s.Phase != v {
		b.p.warnf(c, "the stage %q is %s in an earlier row; the first phase is kept", s.Name, s.Phase)
		return
	}
	s.Phase = v
}

// emotion reads the emotion cells: the values per persona when given (the
// emotion column then holds their mean, which the map derives anyway),
// else the one value.
func (b *builder) emotion(cells map[column]cell) *journey.Emotion {
	if c, ok := cells[colEmotionByPersona]; ok && strings.TrimSpace(c.text) != "" {
		e := &journey.Emotion{PerPersona: []journey.PersonaEmotion{}}
		given := map[string]bool{}
		for _, item := range list(c.text) {
			i := strings.LastIndex(item, ":")
			if i < 0 {
				b.p.errorf(c, "%q is not `Persona: value`; write one `Name: value` a line", item)
				return nil
			}
			v, ok := number(item[i+1:])
			if !ok || v < -2 || v > 2 {
				b.p.errorf(c, "the emotion %q of %q is not a number from -2 to 2", strings.TrimSpace(item[i+1:]), strings.TrimSpace(item[:i]))
				return nil
			}
			id := b.personas.ID(item[:i])
			if id == "" {
				b.p.errorf(c, "%q names no persona before the colon", item)
				return nil
			}
			if given[id] {
				b.p.errorf(c, "%q is given twice; keep one line per persona", strings.TrimSpace(item[:i]))
				return nil
			}
			given[id] = true
			e.PerPersona = append(e.PerPersona, journey.PersonaEmotion{Persona: id, Value: v})
		}
		return e
	}
	c, ok := cells[colEmotion]
	if !ok || strings.TrimSpace(c.text) == "" {
		return nil
	}
	v, ok := number(c.text)
	if !ok || v < -2 || v > 2 {
		b.p.errorf(c, "the emotion %q is not a number from -2 (very negative) to 2 (delight)", strings.TrimSpace(c.text))
		return nil
	}
	return &journey.Emotion{Value: v}
}

// finish completes the map: the title from the file name, the catalogues,
// and persona lists that name everyone left out (the format's default).
func (b *builder) finish() *journey.Map {
	m := b.m
	base := filepath.Base(b.file)
	m.Title = strings.TrimSuffix(base, filepath.Ext(base))
	b.p.diags = append(b.p.diags, diag.Warningf(importer.At(b.file, 1, 1), importer.RuleLost,
		"a CSV carries no title; the file name %q is the title: edit `title` (and add a `description`) in the journey file", m.Title))
	m.Personas = inOrder(b.personas.Personas(), b.orders)
	m.Channels = b.channels.Channels()
	m.Owners = b.owners.Owners()
	for _, t := range b.explicit {
		if len(t.Personas) == len(m.Personas) {
			t.Personas = nil
		}
	}
	if len(m.Stages) == 0 && !b.p.diags.HasErrors() {
		b.p.diags = append(b.p.diags, diag.Errorf(importer.At(b.file, 1, 1), importer.RuleLayout,
			"the table has a header row and no touchpoint rows; add one row per touchpoint"))
	}
	return m
}

// inOrder sorts the personas into an order that every personas cell
// agrees with: pkg/export/csv lists who meets a touchpoint in the map's
// persona order, so the map's order comes back. Among personas no cell
// orders, the first met comes first; cells that disagree (a cycle) give
// way to the order met.
func inOrder(ps []*journey.Persona, orders [][]string) []*journey.Persona {
	index := make(map[string]int, len(ps))
	for i, p := range ps {
		index[p.ID] = i
	}
	after := make([][]int, len(ps))
	preds := make([]int, len(ps))
	edge := map[[2]int]bool{}
	for _, o := range orders {
		for i := 1; i < len(o); i++ {
			e := [2]int{index[o[i-1]], index[o[i]]}
			if !edge[e] {
				edge[e] = true
				after[e[0]] = append(after[e[0]], e[1])
				preds[e[1]]++
			}
		}
	}
	// Kahn's algorithm, taking the first met of the ready personas; when
	// none is ready (a cycle), the first met of those left.
	ready := &intHeap{}
	for i := range ps {
		if preds[i] == 0 {
			heap.Push(ready, i)
		}
	}
	done := make([]bool, len(ps))
	out := make([]*journey.Persona, 0, len(ps))
	left := 0 // every persona before left is done
	for len(out) < len(ps) {
		next := -1
		for ready.Len() > 0 {
			if i := heap.Pop(ready).(int); !done[i] {
				next = i
				break
			}
		}
		if next < 0 {
			for done[left] {
				left++
			}
			next = left
		}
		done[next] = true
		out = append(out, ps[next])
		for _, q := range after[next] {
			if preds[q]--; preds[q] == 0 && !done[q] {
				heap.Push(ready, q)
			}
		}
	}
	return out
}

// intHeap is a min-heap of persona indexes.
type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
