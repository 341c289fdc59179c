package load

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/suggest"
	"gopkg.in/yaml.v3"
)

// Rule names of the findings about measurement files.
const (
	RuleMeasurementMissing = "measurement-missing"
	RuleMeasurementOutside = "measurement-outside-root"
	RuleMeasurementFormat  = "measurement-format"
	RuleMeasurementDate    = "measurement-date"
	RuleMeasurementValue   = "measurement-value"
)

// MeasurementColumns are the columns of a CSV measurement file (and the
// keys of a JSON one), in the order the format lists them; `note` is
// optional.
var MeasurementColumns = []string{"metric", "date", "value", "note"}

// maxRowFindings bounds the findings of one measurement file, so that a
// file of 100,000 broken rows is told about its first ones.
const maxRowFindings = 100

// measurements reads the files listed under `measurements`, collects their
// rows in m.Points and gives each metric of the map its history: the rows
// naming it, in date order, the latest being its current Value.
func (f *file) measurements(m *journey.Map, fd field) {
	if fd.val.Kind != yaml.SequenceNode {
		return
	}
	seen := map[string]bool{}
	for _, item := range fd.val.Content {
		if item.Kind != yaml.ScalarNode || null(item) {
			continue // reported by strs
		}
		name, src := f.measurementFile(item)
		if src == nil || seen[name] {
			continue // a file listed twice is read once
		}
		seen[name] = true
		r := &rows{l: f.l, name: name, src: src}
		if strings.EqualFold(filepath.Ext(name), ".json") {
			r.json()
		} else {
			r.csv()
		}
		m.Points = append(m.Points, r.out...)
	}
	Attach(m)
}

// Attach gives each metric of m its measurements from m.Points (the first
// metric with an id takes them when two share it, a duplicate-id error):
// History in date order (rows of the same date in file order), Value the
// latest. Stated keeps the value the file wrote.
func Attach(m *journey.Map) {
	if len(m.Points) == 0 {
		return
	}
	byID := map[string]*journey.Metric{}
	for _, mt := range journey.Metrics(m) {
		if _, dup := byID[mt.Metric.ID]; !dup {
			byID[mt.Metric.ID] = mt.Metric
			mt.Metric.History = nil
		}
	}
	for _, p := range m.Points {
		if mt := byID[p.Metric]; mt != nil {
			mt.History = append(mt.History, p)
		}
	}
	for _, mt := range byID {
		if len(mt.History) == 0 {
			continue
		}
		sort.SliceStable(mt.History, func(i, j int) bool { return mt.History[i].Time.Before(mt.History[j].Time) })
		v := mt.History[len(mt.History)-1].Value
		mt.Value = &v
	}
}

// measurementFile checks and reads one listed file as `include` is: the
// path may not leave the root (lexically, then through symbolic links),
// must name an existing .csv or .json file, and is read up to the size
// limit. It returns the name findings use and the bytes, or nil after
// reporting the problem at the list item.
func (f *file) measurementFile(item *yaml.Node) (string, []byte) {
	l := f.l
	p := item.Value
	if strings.TrimSpace(p) == "" {
		f.errorf(item, RuleMeasurementMissing, "a measurement file with an empty path; name a .csv or .json file relative to this map")
		return "", nil
	}
	target, lexical, root := f.locate(p)
	if !within(root, lexical) {
		f.errorf(item, RuleMeasurementOutside,
			"measurement file %q leaves the root directory %s; keep it inside, or set --root", p, root)
		return "", nil
	}
	if ext := strings.ToLower(filepath.Ext(p)); ext != ".csv" && ext != ".json" {
		f.errorf(item, RuleMeasurementFormat,
			"measurement file %q is neither CSV nor JSON; name a .csv file (metric,date,value[,note]) or a .json array of {metric, date, value, note}", p)
		return "", nil
	}
	var src []byte
	var d *diag.Diagnostic
	if l.opts.ReadFile != nil {
		var err error
		src, err = l.opts.ReadFile(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			d = diag.Errorf(f.rng(item), RuleMeasurementMissing, "measurement file %q does not exist (%v); fix the path, which is relative to this map", p, err)
		case err != nil:
			d = diag.Errorf(f.rng(item), RuleReadError, "cannot read measurement file %q: %v", p, err)
		default:
			if max := l.opts.maxBytes(); max > 0 && int64(len(src)) > max {
				d = tooLarge(f.rng(item), target, int64(len(src)), max)
			}
		}
	} else {
		info, err := os.Stat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			f.errorf(item, RuleMeasurementMissing, "measurement file %q does not exist (looked for %s); fix the path, which is relative to this map", p, target)
			return "", nil
		case err != nil:
			f.errorf(item, RuleReadError, "cannot read measurement file %q: %v", p, err)
			return "", nil
		case info.IsDir():
			f.errorf(item, RuleMeasurementMissing, "measurement file %q is a directory; name a .csv or .json file", p)
			return "", nil
		}
		if real := realPath(target); !within(root, real) {
			f.errorf(item, RuleMeasurementOutside,
				"measurement file %q resolves through a symbolic link to %s, outside the root directory %s; copy it inside the root, or set --root", p, real, root)
			return "", nil
		}
		src, d = readFile(target, l.opts.maxBytes(), f.rng(item))
	}
	if d != nil {
		l.add(d)
		return "", nil
	}
	l.sources[target] = src
	if !utf8.Valid(src) {
		line, col := firstInvalid(src)
		l.add(diag.Errorf(diag.Range{Filename: target, Start: diag.Pos{Line: line, Column: col}}, RuleInvalidUTF8,
			"the file is not valid UTF-8 (first bad byte here); save it as UTF-8"))
		return "", nil
	}
	return target, bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
}

// rows parses one measurement file.
type rows struct {
	l        *loader
	name     string
	src      []byte
	lines    []int // byte offset of the start of each line
	out      []*journey.Measurement
	findings int
}

func (r *rows) errorf(at diag.Range, rule, format string, args ...any) {
	r.findings++
	if r.findings <= maxRowFindings {
		r.l.add(diag.Errorf(at, rule, format, args...))
	} else if r.findings == maxRowFindings+1 {
		r.l.add(diag.Errorf(at, rule, "more findings in this file are not shown; fix the ones above first"))
	}
}

// at returns the position of a byte offset: its line, and its column in
// characters.
func (r *rows) at(off int) diag.Range {
	if r.lines == nil {
		r.lines = append(r.lines, 0)
		for i, c := range r.src {
			if c == '\n' {
				r.lines = append(r.lines, i+1)
			}
		}
	}
	off = min(max(off, 0), len(r.src))
	line := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > off }) // 1-based
	start := r.lines[line-1]
	return diag.Range{Filename: r.name, Start: diag.Pos{Line: line, Column: utf8.RuneCount(r.src[start:off]) + 1}}
}

// cell returns the position of a CSV cell from encoding/csv's line and
// byte column.
func (r *rows) cell(line, col int) diag.Range {
	if r.lines == nil {
		r.at(0)
	}
	if line < 1 || line > len(r.lines) {
		return diag.Range{Filename: r.name, Start: diag.Pos{Line: max(line, 1), Column: 1}}
	}
	return r.at(r.lines[line-1] + col - 1)
}

func (r *rows) csv() {
	cr := csv.NewReader(bytes.NewReader(r.src))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			r.errorf(r.at(0), RuleMeasurementFormat, "the measurement file is empty; its first line is the header `metric,date,value` (and optionally `,note`)")
		} else {
			r.csvError(err)
		}
		return
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		line, c := cr.FieldPos(i)
		switch {
		case index(MeasurementColumns, h) < 0:
			r.errorf(r.cell(line, c), RuleMeasurementFormat, "unknown column %q in the header%s; the columns are metric, date, value and optionally note", clip(h), suggest.DidYouMean(h, MeasurementColumns))
		case col[h] != 0:
			r.errorf(r.cell(line, c), RuleMeasurementFormat, "the column %q is in the header twice; keep one", h)
		default:
			col[h] = i + 1
		}
	}
	for _, need := range MeasurementColumns[:3] {
		if col[need] == 0 {
			r.errorf(r.cell(1, 1), RuleMeasurementFormat, "the header has no %q column; the first line of a measurement file is `metric,date,value` (and optionally `,note`)", need)
		}
	}
	if r.findings > 0 {
		return
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			r.csvError(err)
			return
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			r.errorf(r.cell(line, 1), RuleMeasurementFormat, "this row has %d cells, the header %d; give every row the header's columns", len(rec), len(header))
			continue
		}
		pos := func(name string) diag.Range {
			l, c := cr.FieldPos(col[name] - 1)
			return r.cell(l, c)
		}
		get := func(name string) string {
			if col[name] == 0 {
				return ""
			}
			return strings.TrimSpace(rec[col[name]-1])
		}
		note, noteAt := get("note"), diag.Range{}
		if col["note"] != 0 {
			noteAt = pos("note")
		}
		r.row(line, get("metric"), pos("metric"), get("date"), pos("date"), get("value"), pos("value"), true, note, noteAt)
	}
}

func (r *rows) csvError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		r.errorf(r.cell(pe.Line, pe.Column), RuleMeasurementFormat, "CSV syntax error: %v; quote a cell that holds a comma or a quote with \"…\" (a quote inside doubled: \"\")", pe.Err)
		return
	}
	r.errorf(r.at(0), RuleMeasurementFormat, "cannot read the CSV: %v", err)
}

// plainNumber is a decimal number as a spreadsheet writes it: no hex, no
// underscores, no `Inf`.
var plainNumber = regexp.MustCompile(`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`)

// row checks one row's cells and keeps it. text says the value is text
// to check for a plain number (CSV); a JSON value is a number already.
func (r *rows) row(line int, metric string, mAt diag.Range, date string, dAt diag.Range, value string, vAt diag.Range, text bool, note string, nAt diag.Range) {
	for _, c := range note {
		if diag.IsControl(c) && c != '\t' && c != '\n' {
			// A note may end up in a report: no terminal escapes.
			r.errorf(nAt, RuleControlChar, "the note holds the control character %s; remove it (tab and newline are the only ones allowed)", runeName(c))
			return
		}
	}
	if metric == "" {
		r.errorf(mAt, RuleMeasurementFormat, "the metric id is empty; name a metric of the map")
		return
	}
	t, ok := ParseDate(date)
	if !ok {
		r.errorf(dAt, RuleMeasurementDate, "the date %q is not an ISO 8601 date; write `2026-11`, `2026-11-30` or `2026-11-30T09:00:00Z`", clip(date))
		return
	}
	if value == "" {
		r.errorf(vAt, RuleMeasurementValue, "the value is empty; write a number (`1250`, `0.042`)")
		return
	}
	if text && !plainNumber.MatchString(value) {
		hint := "write a number with a dot for decimals (`0.042`), without units or thousands separators"
		if strings.Count(value, ",") == 1 && plainNumber.MatchString(strings.Replace(value, ",", ".", 1)) {
			hint = "write the decimal separator as a dot: `" + strings.Replace(value, ",", ".", 1) + "`"
		}
		r.errorf(vAt, RuleMeasurementValue, "the value %q is not a number; %s", clip(value), hint)
		return
	}
	v, err := strconv.ParseFloat(value, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		r.errorf(vAt, RuleMeasurementValue, "the value %s is not a finite number; check it (the largest magnitude a metric may have is 1e15)", clip(value))
		return
	}
	r.out = append(r.out, &journey.Measurement{
		Metric: metric, Date: date, Time: t, Value: v, Note: note,
		File: r.name, Line: line, MetricAt: mAt, DateAt: dAt, ValueAt: vAt,
	})
}

// dateLayouts are the ISO 8601 forms a measurement's date may take.
var dateLayouts = []string{"2006-01", "2006-01-02", time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04"}

// ParseDate reads an ISO 8601 date: a month (`2026-11`, its first day), a
// day (`2026-11-30`) or a timestamp (`2026-11-30T09:00:00Z`, with or
// without a zone, which is then UTC). The time is in UTC.
func ParseDate(s string) (time.Time, bool) {
	if len(s) < 7 || s[0] < '0' || s[0] > '9' {
		return time.Time{}, false
	}
	switch len(s) { // the usual forms first, without failed attempts
	case 7:
		t, err := time.Parse("2006-01", s)
		return t, err == nil
	case 10:
		t, err := time.Parse("2006-01-02", s)
		return t, err == nil
	}
	for _, layout := range dateLayouts[2:] {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// json parses a JSON measurement file: an array of objects with the keys
// metric, date, value and optionally note. Positions come from the
// decoder's offsets.
func (r *rows) json() {
	dec := json.NewDecoder(bytes.NewReader(r.src))
	dec.UseNumber()
	start := r.skip(0)
	tok, err := dec.Token()
	if err != nil {
		r.jsonError(err, start)
		return
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		r.errorf(r.at(start), RuleMeasurementFormat, "a JSON measurement file is an array of {\"metric\", \"date\", \"value\"} objects; it starts with `[`")
		return
	}
	for dec.More() {
		off := r.skip(int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			r.jsonError(err, off)
			return
		}
		r.object(raw, off)
	}
	if _, err := dec.Token(); err != nil {
		r.jsonError(err, int(dec.InputOffset()))
		return
	}
	if end := r.skip(int(dec.InputOffset())); end < len(r.src) {
		r.errorf(r.at(end), RuleMeasurementFormat, "text after the end of the JSON array; a measurement file holds one array")
	}
}

// skip returns the offset of the first byte from off that is not
// whitespace or a separator (`,`, `:`): where the next JSON token starts.
func (r *rows) skip(off int) int { return r.skipIn(r.src, off) }

func (r *rows) jsonError(err error, off int) {
	// The streaming decoder's offsets on errors are approximate: the
	// whole file through Unmarshal gives the exact place (the error path
	// only).
	var v any
	if err2 := json.Unmarshal(r.src, &v); err2 != nil {
		err = err2
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if int(se.Offset) >= len(r.src) || errors.Is(err, io.ErrUnexpectedEOF) {
			r.errorf(r.at(max(len(bytes.TrimRight(r.src, " \t\r\n"))-1, 0)), RuleMeasurementFormat, "the JSON ends too early; close every `{` and `[`")
			return
		}
		off = int(se.Offset) - 1
	}
	r.errorf(r.at(off), RuleMeasurementFormat, "JSON syntax error: %v", err)
}

// object checks one item of the array; base is its offset in the file.
func (r *rows) object(raw json.RawMessage, base int) {
	at := r.at(base)
	if len(raw) == 0 || raw[0] != '{' {
		r.errorf(at, RuleMeasurementFormat, "each item is an object {\"metric\": …, \"date\": …, \"value\": …}; found %s", jsonKind(raw))
		return
	}
	type val struct {
		raw json.RawMessage
		at  diag.Range
	}
	var got [4]*val
	// raw is one valid JSON object (the decoder checked it): its keys and
	// values are scanned in place, which is much cheaper than a decoder
	// per object.
	for i := 1; ; {
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] == '}' {
			break
		}
		kend := valueEnd(raw, i)
		var key string
		if err := json.Unmarshal(raw[i:kend], &key); err != nil {
			r.errorf(r.at(base+i), RuleMeasurementFormat, "JSON syntax error: %v", err)
			return
		}
		koff := base + i
		i = skipSpace(raw, kend)
		i = skipSpace(raw, i+1) // the colon
		vend := valueEnd(raw, i)
		voff := base + i
		v := raw[i:vend]
		i = skipSpace(raw, vend)
		if i < len(raw) && raw[i] == ',' {
			i++
		}
		k := index(MeasurementColumns, key)
		switch {
		case k < 0:
			r.errorf(r.at(koff), RuleMeasurementFormat, "unknown key %q in a measurement%s; the keys are metric, date, value and optionally note", clip(key), suggest.DidYouMean(key, MeasurementColumns))
			return
		case got[k] != nil:
			r.errorf(r.at(koff), RuleMeasurementFormat, "%q is given twice in this measurement; keep one", key)
			return
		}
		got[k] = &val{v, r.at(voff)}
	}
	for i, need := range MeasurementColumns[:3] {
		if got[i] == nil {
			r.errorf(at, RuleMeasurementFormat, "this measurement has no %q; give it metric, date and value", need)
			return
		}
	}
	str := func(i int) (string, bool) {
		if got[i] == nil {
			return "", true
		}
		raw := got[i].raw
		if len(raw) >= 2 && raw[0] == '"' && bytes.IndexByte(raw, '\\') < 0 {
			return strings.TrimSpace(string(raw[1 : len(raw)-1])), true // no escapes: the text as it stands
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			rule := RuleMeasurementFormat
			if i == 1 {
				rule = RuleMeasurementDate
			}
			r.errorf(got[i].at, rule, "%q must be a string, found %s", MeasurementColumns[i], jsonKind(got[i].raw))
			return "", false
		}
		return strings.TrimSpace(s), true
	}
	metric, ok1 := str(0)
	date, ok2 := str(1)
	note, ok3 := str(3)
	if !ok1 || !ok2 || !ok3 {
		return
	}
	v := got[2]
	if c := v.raw[0]; c != '-' && (c < '0' || c > '9') {
		r.errorf(v.at, RuleMeasurementValue, "\"value\" must be a number, found %s; write it without quotes (`\"value\": 1250`)", jsonKind(v.raw))
		return
	}
	line := at.Start.Line
	var noteAt diag.Range
	if got[3] != nil {
		noteAt = got[3].at
	}
	r.row(line, metric, got[0].at, date, got[1].at, string(v.raw), v.at, false, note, noteAt)
}

func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n') {
		i++
	}
	return i
}

// valueEnd returns the end of the JSON value that starts at raw[i], which
// is valid JSON: a string to its closing quote, an object or array to its
// closing bracket, a number or literal to the next delimiter.
func valueEnd(raw []byte, i int) int {
	if i >= len(raw) {
		return i
	}
	switch raw[i] {
	case '"':
		for j := i + 1; j < len(raw); j++ {
			switch raw[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(raw)
	case '{', '[':
		depth := 0
		for j := i; j < len(raw); j++ {
			switch raw[j] {
			case '"':
				j = valueEnd(raw, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(raw)
	}
	j := i
	for j < len(raw) && !strings.ContainsRune(",}] \t\r\n", rune(raw[j])) {
		j++
	}
	return j
}

// skipIn is skip within raw.
func (r *rows) skipIn(raw []byte, off int) int {
	for off < len(raw) {
		switch raw[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// jsonKind names a JSON value for messages.
func jsonKind(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "the text " + clip(string(raw))
	case 't', 'f':
		return string(raw)
	case 'n':
		return "null"
	}
	return "the number " + clip(string(raw))
}
