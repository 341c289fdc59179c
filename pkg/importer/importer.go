package importer

import (
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
)

// Rules of the findings about imported inputs.
const (
	// RuleSyntax: the input is not valid in its own format (a Mermaid
	// line Mermaid rejects, a CSV quote left open).
	RuleSyntax = "import-syntax"
	// RuleValue: a value cannot be taken over (a score that is not an
	// integer 1–5, an emotion outside [-2, 2], an unknown evidence kind).
	RuleValue = "import-value"
	// RuleLayout: the input is readable but not a journey (no `journey`
	// line, no touchpoint column).
	RuleLayout = "import-layout"
	// RuleLost: something of the input has no place in the journey file
	// and is left out, or was filled in; a warning that says what to do.
	RuleLost = "import-lost"
	// RuleUnavailable: the source format is not built into this cjm.
	RuleUnavailable = "import-unavailable"
)

// Source reads one input format. Import turns the bytes of one input into
// a map; diagnostics point into the input, under filename. Ids the input
// does not give may be left empty: Finish fills them in. A map is returned
// whenever the diagnostics hold no error.
type Source interface {
	// Format is the name --from takes: "mermaid", "csv", "xlsx".
	Format() string
	// Extensions lists the file name extensions of the format, lower case
	// with the dot: ".mmd".
	Extensions() []string
	Import(filename string, src []byte) (*journey.Map, diag.Diagnostics)
}

// Unavailable is a Source for a format this build cannot read yet: every
// Import is one error that says so.
type Unavailable struct {
	Name string
	Exts []string
}

// Format returns the format's name.
func (u Unavailable) Format() string { return u.Name }

// Extensions returns the format's extensions.
func (u Unavailable) Extensions() []string { return u.Exts }

// Import reports that the format cannot be imported.
func (u Unavailable) Import(filename string, _ []byte) (*journey.Map, diag.Diagnostics) {
	return nil, diag.Diagnostics{diag.Errorf(diag.Range{Filename: filename}, RuleUnavailable,
		"importing %s files is not available yet in this cjm; export the data as CSV (one row per touchpoint, see docs/import.md) and import that", u.Name)}
}

// ForFile returns the source among sources whose extensions match the
// name of path (case-insensitively), or nil.
func ForFile(sources []Source, path string) Source {
	ext := strings.ToLower(filepath.Ext(path))
	for _, s := range sources {
		for _, e := range s.Extensions() {
			if e == ext {
				return s
			}
		}
	}
	return nil
}

// ByFormat returns the source named format, or nil.
func ByFormat(sources []Source, format string) Source {
	for _, s := range sources {
		if s.Format() == format {
			return s
		}
	}
	return nil
}

// Options tune Convert.
type Options struct {
	// Origin names the input in the comment at the top of the output
	// ("# Imported from day.mmd by cjm import."); empty: no comment.
	Origin string
}

// Result is one converted input.
type Result struct {
	// Map is the imported map, ids filled in; nil when Diags has errors.
	Map *journey.Map
	// YAML is the journey file; nil when Diags has errors.
	YAML []byte
	// Diags are the findings about the input: errors (nothing written)
	// and warnings (what was left out or filled in).
	Diags diag.Diagnostics
}

// Convert imports src with s, fills in the missing ids and writes the
// journey file.
func Convert(s Source, filename string, src []byte, opts Options) Result {
	m, ds := s.Import(filename, src)
	if ds.HasErrors() || m == nil {
		if !ds.HasErrors() {
			ds = append(ds, diag.Errorf(at(filename, 1, 1), RuleLayout, "nothing to import"))
		}
		return Result{Diags: ds.Normalize()}
	}
	Finish(m)
	out, err := Write(m, opts.Origin)
	if err != nil {
		ds = append(ds, diag.Errorf(at(filename, 1, 1), RuleLayout, "cannot write the journey file: %v; please report this input", err))
		return Result{Diags: ds.Normalize()}
	}
	return Result{Map: m, YAML: out, Diags: ds.Normalize()}
}

// at is the range of one position of a file.
func at(filename string, line, col int) diag.Range {
	return diag.Range{Filename: filename, Start: diag.Pos{Line: line, Column: col}}
}

// At is the range of line and column (1-based, columns in characters) of
// filename, as sources report it.
func At(filename string, line, col int) diag.Range { return at(filename, line, col) }

// CellName is the name a spreadsheet gives the cell in column col and row
// row (both 0-based): CellName(4, 4) is "E5". Sources of tables name cells
// this way in their messages (a CSV cell, a workbook's "Touchpoints!E5").
func CellName(col, row int) string {
	s := ""
	for i := col + 1; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s + strconv.Itoa(row+1)
}

// Finish fills in what a source may leave out: the format version, the
// ids of stages, touchpoints and metrics (derived from their names, unique
// in the map) and the language when the labels are mostly Cyrillic.
func Finish(m *journey.Map) {
	m.Version = journey.Version
	stages, touchpoints, metrics := NewIDs("stage"), NewIDs("touchpoint"), NewIDs("metric")
	for _, s := range m.Stages {
		if s.ID != "" {
			stages.Reserve(s.ID)
		}
		for _, t := range s.Touchpoints {
			if t.ID != "" {
				touchpoints.Reserve(t.ID)
			}
			for _, x := range t.Metrics {
				if x.ID != "" {
					metrics.Reserve(x.ID)
				}
			}
		}
		for _, x := range s.Metrics {
			if x.ID != "" {
				metrics.Reserve(x.ID)
			}
		}
	}
	for _, s := range m.Stages {
		if s.ID == "" {
			s.ID = stages.New(s.Name)
		}
		for _, x := range s.Metrics {
			if x.ID == "" {
				x.ID = metrics.New(x.Name)
			}
		}
		for _, t := range s.Touchpoints {
			if t.ID == "" {
				t.ID = touchpoints.New(t.Name)
			}
			for _, x := range t.Metrics {
				if x.ID == "" {
					x.ID = metrics.New(x.Name)
				}
			}
		}
	}
	if m.Lang == "" {
		m.Lang = GuessLang(m)
	}
}

// GuessLang returns "ru" when most letters of the map's title and stage
// and touchpoint names are Cyrillic, else "en".
func GuessLang(m *journey.Map) string {
	var cyr, other int
	count := func(s string) {
		for _, r := range s {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.IsLetter(r):
				other++
			}
		}
	}
	count(m.Title)
	for _, s := range m.Stages {
		count(s.Name)
		for _, t := range s.Touchpoints {
			count(t.Name)
		}
	}
	if cyr > other {
		return "ru"
	}
	return "en"
}

// ControlChar returns an error at the first control character of src
// (other than tab, newline and carriage return), which no journey file may
// hold, or nil.
func ControlChar(filename string, src []byte) *diag.Diagnostic {
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return diag.Errorf(at(filename, line, col), RuleSyntax, "the file is not UTF-8 (byte 0x%02X); save it as UTF-8 and import it again", src[i])
		}
		if r != '\r' && (diag.IsControl(r) || diag.IsBidiControl(r)) {
			return diag.Errorf(at(filename, line, col), RuleSyntax, "control character %U; remove it and import again", r)
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return nil
}

// Catalogue creates the personas, channels or owners a source meets by
// name, once each, in the order met, with ids derived from the names.
type Catalogue struct {
	ids    *IDs
	byName map[string]string
	names  []string
	order  []string
}

// NewCatalogue returns an empty catalogue whose fallback ids start with
// prefix.
func NewCatalogue(prefix string) *Catalogue {
	return &Catalogue{ids: NewIDs(prefix), byName: map[string]string{}}
}

// ID returns the id of the entry named name, creating it when new. Names
// are compared after trimming spaces; an empty name has no entry ("").
func (c *Catalogue) ID(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if id, ok := c.byName[name]; ok {
		return id
	}
	id := c.ids.New(name)
	c.byName[name] = id
	c.names = append(c.names, name)
	c.order = append(c.order, id)
	return id
}

// Len is the number of entries.
func (c *Catalogue) Len() int { return len(c.order) }

// Personas returns the entries as personas.
func (c *Catalogue) Personas() []*journey.Persona {
	var out []*journey.Persona
	for i, id := range c.order {
		out = append(out, &journey.Persona{ID: id, Name: c.names[i]})
	}
	return out
}

// Channels returns the entries as channels (kind left to the default).
func (c *Catalogue) Channels() []*journey.Channel {
	var out []*journey.Channel
	for i, id := range c.order {
		out = append(out, &journey.Channel{ID: id, Name: c.names[i], Kind: "digital"})
	}
	return out
}

// Owners returns the entries as owners.
func (c *Catalogue) Owners() []*journey.Owner {
	var out []*journey.Owner
	for i, id := range c.order {
		out = append(out, &journey.Owner{ID: id, Name: c.names[i]})
	}
	return out
}
