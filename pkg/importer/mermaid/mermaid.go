package mermaid

import (
	"html"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/importer"
	"github.com/cjm-dev/cjm/pkg/journey"
)

// Source imports Mermaid journeys (.mmd, .mermaid).
type Source struct{}

// Format returns "mermaid".
func (Source) Format() string { return "mermaid" }

// Extensions returns the extensions Mermaid files use, and Markdown's: a
// README or wiki page with a ```mermaid journey block.
func (Source) Extensions() []string { return []string{".mmd", ".mermaid", ".md", ".markdown"} }

// Import reads one Mermaid journey.
func (Source) Import(filename string, src []byte) (*journey.Map, diag.Diagnostics) {
	return Parse(filename, src)
}

// entity markers stand in for the `#` and `;` of a `#…;` entity code while
// lexing (Mermaid swaps in placeholders the same way), one character each
// so that columns stay true. They are control characters, which Parse
// refuses in its input, so a marker always comes from an entity.
const (
	entOpen  = '\x01'
	entClose = '\x02'
)

// indentation is what Mermaid's setAccDescription drops: a line break
// and the white space after it (blank lines included).
var indentation = regexp.MustCompile(`\n\s+`)

// lineBreak is Mermaid's lineBreakRegex: the <br> variants it draws as a
// line break.
var lineBreak = regexp.MustCompile(`(?i)<br\s*/?>`)

type kind int

const (
	tEOF kind = iota
	tNewline
	tJourney
	tTitle
	tAccTitle
	tAccDescr
	tAccDescrBlock
	tSection
	tTaskName
	tTaskData
	tColon
	tInvalid
)

type token struct {
	kind kind
	text string // the value (title text, task name …)
	pos  int    // rune offset of the token
	vpos int    // rune offset of the value
}

type parser struct {
	file    string
	text    []rune
	lines   []int // rune offset of each line's start
	diags   diag.Diagnostics
	fmTitle string
	start   int // rune offset where the diagram starts (a Markdown block's first line)
}

func (p *parser) rng(off int) diag.Range {
	line := 0
	lo, hi := 0, len(p.lines)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		if p.lines[mid] <= off {
			line, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	return importer.At(p.file, line+1, off-p.lines[line]+1)
}

func (p *parser) errorf(off int, format string, args ...any) {
	p.diags = append(p.diags, diag.Errorf(p.rng(off), importer.RuleSyntax, format, args...))
}

// Parse reads a Mermaid journey, or the first journey block of a
// Markdown file; filename names it in diagnostics.
func Parse(filename string, src []byte) (*journey.Map, diag.Diagnostics) {
	if d := importer.ControlChar(filename, src); d != nil {
		return nil, diag.Diagnostics{d}
	}
	var mdDiags diag.Diagnostics
	startLine := 1
	if ext := strings.ToLower(filepath.Ext(filename)); ext == ".md" || ext == ".markdown" || ext != ".mmd" && ext != ".mermaid" && isMarkdown(src) {
		src, startLine, mdDiags = fromMarkdown(filename, src)
		if mdDiags.HasErrors() {
			return nil, mdDiags
		}
	}
	m, ds := parse(filename, src, startLine)
	return m, append(ds, mdDiags...).Normalize()
}

// parse reads the diagram that starts on line startLine of src.
func parse(filename string, src []byte, startLine int) (*journey.Map, diag.Diagnostics) {
	p := &parser{file: filename, text: []rune(string(src))}
	p.lines = []int{0}
	for i, r := range p.text {
		if r == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	p.start = p.lines[startLine-1]
	p.preprocess()
	if p.diags.HasErrors() {
		return nil, p.diags
	}
	m := p.parse()
	if p.diags.HasErrors() {
		return nil, p.diags
	}
	return m, p.diags
}

// blank replaces text[lo:hi] with spaces, keeping newlines, so that what
// Mermaid removes before lexing is gone and every position stays true.
func (p *parser) blank(lo, hi int) {
	for i := lo; i < hi && i < len(p.text); i++ {
		if p.text[i] != '\n' {
			p.text[i] = ' '
		}
	}
}

// preprocess does what Mermaid does to a diagram's text before its lexer
// sees it: line ends, front matter, directives, comment lines, entities.
func (p *parser) preprocess() {
	t := p.text
	for i, r := range t {
		if r == '\r' {
			if i+1 < len(t) && t[i+1] == '\n' {
				t[i] = ' '
			} else {
				t[i] = '\n'
			}
		}
	}
	p.frontMatter()
	// %%{ … }%% directives.
	for i := 0; i+2 < len(t); i++ {
		if t[i] == '%' && t[i+1] == '%' && t[i+2] == '{' {
			end := len(t)
			for j := i + 3; j+2 < len(t); j++ {
				if t[j] == '}' && t[j+1] == '%' && t[j+2] == '%' {
					end = j + 3
					break
				}
			}
			p.blank(i, end)
			i = end - 1
		}
	}
	// Comment lines: ^\s*%%(?!{)[^\n]+ .
	for _, start := range p.lines {
		i := start
		for i < len(t) && t[i] != '\n' && unicode.IsSpace(t[i]) {
			i++
		}
		if i+2 < len(t) && t[i] == '%' && t[i+1] == '%' && t[i+2] != '{' && t[i+2] != '\n' {
			j := i
			for j < len(t) && t[j] != '\n' {
				j++
			}
			p.blank(i, j)
		}
	}
	// #…; entity codes.
	for i := 0; i < len(t); i++ {
		if t[i] != '#' {
			continue
		}
		j := i + 1
		for j < len(t) && isWord(t[j]) {
			j++
		}
		if j > i+1 && j < len(t) && t[j] == ';' {
			t[i], t[j] = entOpen, entClose
			i = j
		}
	}
}

var frontMatter = regexp.MustCompile(`(?s)^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]([^\S\n\r]*)-{3}\s*[\n\r]+`)

// frontMatter removes a YAML front matter block and keeps its title.
func (p *parser) frontMatter() {
	s := string(p.text[p.start:])
	m := frontMatter.FindStringSubmatchIndex(s)
	if m == nil || s[m[2]:m[3]] != s[m[6]:m[7]] {
		if strings.HasPrefix(strings.TrimLeft(s, " \t"), "---") {
			p.errorf(p.start, "the YAML front matter is not closed: end it with a line `---` (as indented as the opening one) before `journey`")
		}
		return
	}
	body := s[m[4]:m[5]]
	var fm struct {
		Title any `yaml:"title"`
	}
	if err := yaml.Unmarshal([]byte(body), &fm); err != nil {
		p.errorf(p.start, "the YAML front matter does not parse: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	if fm.Title != nil {
		if t, ok := fm.Title.(string); ok {
			p.fmTitle = t
		}
	}
	n := len([]rune(s[:m[1]]))
	p.blank(p.start, p.start+n)
}

func isWord(r rune) bool {
	return r < 128 && (r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

// isSpace is JavaScript's \s.
func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }

// hasPrefixFold reports whether text[i:] starts with word, ignoring case.
func (p *parser) hasPrefixFold(i int, word string) bool {
	for _, w := range word {
		if i >= len(p.text) || unicode.ToLower(p.text[i]) != w {
			return false
		}
		i++
	}
	return true
}

// run returns the end of the longest run from i of runes that are not in
// stop (and not a newline).
func (p *parser) run(i int, stop string) int {
	for i < len(p.text) && p.text[i] != '\n' && !strings.ContainsRune(stop, p.text[i]) {
		i++
	}
	return i
}

func (p *parser) toEOL(i int) int { return p.run(i, "") }

func (p *parser) skipSpace(i int) int {
	for i < len(p.text) && isSpace(p.text[i]) {
		i++
	}
	return i
}

// lex returns every token, following the lexer rules of journey.jison in
// their order (the first rule that matches wins, as in jison).
func (p *parser) lex() []token {
	var toks []token
	t := p.text
	i := 0
	for {
		if i >= len(t) {
			return append(toks, token{kind: tEOF, pos: i})
		}
		c := t[i]
		switch {
		case c == '%' && (i+1 >= len(t) || t[i+1] != '{'):
			// journey.jison's `\%%(?!\{)` compiles to a single `%`:
			// one not followed by `{` starts a comment.
			i = p.toEOL(i)
		case c != '}' && i+2 < len(t) && t[i+1] == '%' && t[i+2] == '%':
			i = p.toEOL(i + 1)
		case c == '\n':
			start := i
			for i < len(t) && t[i] == '\n' {
				i++
			}
			toks = append(toks, token{kind: tNewline, pos: start})
		case isSpace(c):
			i = p.skipSpace(i)
		case c == '#':
			i = p.toEOL(i)
		case p.hasPrefixFold(i, "journey") && (i+7 >= len(t) || !isWord(t[i+7])):
			toks = append(toks, token{kind: tJourney, pos: i})
			i += 7
		case p.hasPrefixFold(i, "title") && i+5 < len(t) && isSpace(t[i+5]) && p.run(i+6, "#;") > i+6:
			end := p.run(i+6, "#;")
			toks = append(toks, token{kind: tTitle, pos: i, vpos: i + 6, text: string(t[i+6 : end])})
			i = end
		case p.accessibility(i, "acctitle", ':') >= 0:
			v := p.accessibility(i, "acctitle", ':')
			end := p.toEOL(v)
			toks = append(toks, token{kind: tAccTitle, pos: i, vpos: v, text: string(t[v:end])})
			i = end
		case p.accessibility(i, "accdescr", ':') >= 0:
			v := p.accessibility(i, "accdescr", ':')
			end := p.toEOL(v)
			toks = append(toks, token{kind: tAccDescr, pos: i, vpos: v, text: string(t[v:end])})
			i = end
		case p.accessibility(i, "accdescr", '{') >= 0:
			v := p.accessibility(i, "accdescr", '{')
			end := v
			for end < len(t) && t[end] != '}' {
				end++
			}
			if end == len(t) {
				p.errorf(i, "the `accDescr {` block is not closed: end it with `}`")
				return append(toks, token{kind: tEOF, pos: len(t)})
			}
			if end > v {
				toks = append(toks, token{kind: tAccDescrBlock, pos: i, vpos: v, text: string(t[v:end])})
			}
			i = end + 1
		case p.hasPrefixFold(i, "section") && i+7 < len(t) && isSpace(t[i+7]) && p.run(i+8, "#:;") > i+8:
			end := p.run(i+8, "#:;")
			toks = append(toks, token{kind: tSection, pos: i, vpos: i + 8, text: string(t[i+8 : end])})
			i = end
		case !strings.ContainsRune("#:\n;", c):
			end := p.run(i, "#:;")
			toks = append(toks, token{kind: tTaskName, pos: i, vpos: i, text: string(t[i:end])})
			i = end
		case c == ':' && p.run(i+1, "#;") > i+1:
			end := p.run(i+1, "#;")
			toks = append(toks, token{kind: tTaskData, pos: i, vpos: i + 1, text: string(t[i+1 : end])})
			i = end
		case c == ':':
			toks = append(toks, token{kind: tColon, pos: i})
			i++
		default:
			toks = append(toks, token{kind: tInvalid, pos: i, text: string(c)})
			i++
		}
	}
}

// accessibility matches `accTitle\s*:\s*` (or accDescr, or `{`) at i and
// returns where the value starts, or -1.
func (p *parser) accessibility(i int, word string, sep rune) int {
	if !p.hasPrefixFold(i, word) {
		return -1
	}
	j := i + len(word)
	for j < len(p.text) && isSpace(p.text[j]) {
		j++
	}
	if j >= len(p.text) || p.text[j] != sep {
		return -1
	}
	j++
	// \s* after the colon spans line breaks too: `accDescr:` at the end
	// of a line takes the next line as its value, as in Mermaid.
	for j < len(p.text) && isSpace(p.text[j]) {
		j++
	}
	return j
}

// decode turns entity markers back into text and the <br> variants into
// line breaks, and trims the label.
func decode(s string, breaks bool) string {
	if strings.ContainsRune(s, entOpen) {
		var b strings.Builder
		rs := []rune(s)
		for i := 0; i < len(rs); i++ {
			if rs[i] != entOpen {
				b.WriteRune(rs[i])
				continue
			}
			j := i + 1
			for j < len(rs) && rs[j] != entClose {
				j++
			}
			name := string(rs[i+1 : j])
			i = j
			if n, err := strconv.ParseUint(strings.TrimPrefix(name, "+"), 10, 32); err == nil && n > 0 && n <= unicode.MaxRune {
				r := rune(n)
				if diag.IsControl(r) || diag.IsBidiControl(r) || !utf8.ValidRune(r) {
					// What no journey file may hold is shown as a
					// replacement character, as a browser shows &#1;.
					r = utf8.RuneError
				}
				b.WriteRune(r)
			} else if u := html.UnescapeString("&" + name + ";"); u != "&"+name+";" {
				b.WriteString(u)
			} else {
				b.WriteString("#" + name + ";")
			}
		}
		s = b.String()
	}
	if breaks {
		s = lineBreak.ReplaceAllString(s, "\n")
		lines := strings.Split(s, "\n")
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		s = strings.Join(lines, "\n")
	}
	return strings.TrimSpace(s)
}

func (p *parser) parse() *journey.Map {
	toks := p.lex()
	if p.diags.HasErrors() {
		return nil
	}
	k := 0
	for k < len(toks) && toks[k].kind == tNewline {
		k++
	}
	if toks[k].kind != tJourney || string(p.text[toks[k].pos:toks[k].pos+7]) != "journey" {
		p.errorf(toks[k].pos, "not a Mermaid journey: the diagram must start with the line `journey`")
		return nil
	}
	k++
	m := &journey.Map{}
	personas := importer.NewCatalogue("persona")
	var title, accTitle, accDescr string
	var cur *journey.Stage
	noSection := -1
	for ; k < len(toks); k++ {
		tk := toks[k]
		switch tk.kind {
		case tEOF:
			k = len(toks)
		case tNewline:
		case tTitle:
			title = decode(tk.text, true)
		case tAccTitle:
			accTitle = decode(tk.text, false)
		case tAccDescr:
			accDescr = decode(tk.text, false)
		case tAccDescrBlock:
			accDescr = decode(indentation.ReplaceAllString(strings.TrimSpace(tk.text), "\n"), false)
		case tSection:
			cur = &journey.Stage{Name: decode(tk.text, true), Src: journey.NewSource(p.rng(tk.vpos))}
			if cur.Name == "" {
				cur.Name = "Stage " + strconv.Itoa(len(m.Stages)+1)
			}
			m.Stages = append(m.Stages, cur)
		case tTaskName:
			if k+1 >= len(toks) || toks[k+1].kind != tTaskData {
				at := tk.pos + len([]rune(tk.text))
				if k+1 < len(toks) && toks[k+1].kind == tColon {
					at = toks[k+1].pos
				}
				p.errorf(at, "a task needs a score after a colon: `%s: 3: Actor` (score 1 to 5, actors optional)", strings.TrimSpace(tk.text))
				return nil
			}
			if cur == nil {
				cur = &journey.Stage{Name: "Tasks", Src: journey.NewSource(p.rng(tk.pos))}
				m.Stages = append(m.Stages, cur)
				noSection = tk.pos
			}
			t := p.task(tk, toks[k+1], personas)
			if t == nil {
				return nil
			}
			if n := len(cur.Touchpoints); n > 0 && merge(cur.Touchpoints[n-1], t) {
				k++
				continue
			}
			cur.Touchpoints = append(cur.Touchpoints, t)
			k++
		case tTaskData, tColon:
			p.errorf(tk.pos, "a colon without a task name before it; write `Task name: 3: Actor`, or remove the colon")
			return nil
		case tJourney:
			p.errorf(tk.pos, "`journey` may only start the diagram; one file holds one journey")
			return nil
		default:
			p.errorf(tk.pos, "unexpected %q: Mermaid reads `;` and stray characters as a syntax error; remove it", tk.text)
			return nil
		}
	}
	if noSection >= 0 {
		p.diags = append(p.diags, diag.Warningf(p.rng(noSection), importer.RuleLost,
			"the tasks before the first `section` go to a stage named “Tasks”; rename it in the journey file"))
	}
	m.Title = title
	if m.Title == "" {
		m.Title = p.fmTitle
	}
	if m.Title == "" && accTitle != "" {
		m.Title, accTitle = accTitle, ""
	}
	if accTitle == m.Title {
		accTitle = ""
	}
	m.Description = strings.Trim(accTitle+"\n\n"+accDescr, "\n")
	if m.Title == "" {
		base := filepath.Base(p.file)
		m.Title = strings.TrimSuffix(base, filepath.Ext(base))
		p.diags = append(p.diags, diag.Warningf(p.rng(toks[0].pos), importer.RuleLost,
			"the journey has no `title`; the file name %q is the title: edit `title` in the journey file", m.Title))
	}
	if len(m.Stages) == 0 {
		p.errorf(len(p.text), "the journey has no `section` and no task: add `section Name` and tasks `Task: 3: Actor`")
		return nil
	}
	m.Personas = personas.Personas()
	return m
}

// task builds a touchpoint from a task name and its data `: score: a, b`.
func (p *parser) task(name, data token, personas *importer.Catalogue) *journey.Touchpoint {
	t := &journey.Touchpoint{Name: decode(name.text, true), Src: journey.NewSource(p.rng(name.pos))}
	if t.Name == "" {
		p.errorf(name.pos, "a task without a name; write `Task name: 3: Actor`")
		return nil
	}
	pieces := strings.Split(data.text, ":")
	score, ok := jsNumber(pieces[0])
	if !ok || score != math.Trunc(score) || score < 1 || score > 5 {
		p.diags = append(p.diags, diag.Errorf(p.rng(data.vpos+leading(pieces[0])), importer.RuleValue,
			"the score %q of task %q is not an integer from 1 to 5; Mermaid draws 1 (very unhappy) to 5 (very happy): write e.g. `%s: 3`",
			strings.TrimSpace(pieces[0]), t.Name, t.Name))
		return nil
	}
	t.Emotion = &journey.Emotion{Value: score - 3}
	if len(pieces) > 1 {
		seen := map[string]bool{}
		for _, a := range strings.Split(pieces[1], ",") {
			a = decode(a, false)
			if a == "" {
				continue
			}
			id := personas.ID(a)
			if !seen[id] {
				seen[id] = true
				t.Personas = append(t.Personas, id)
			}
		}
	}
	if len(pieces) > 2 {
		off := data.vpos + len([]rune(pieces[0])) + 1 + len([]rune(pieces[1]))
		p.diags = append(p.diags, diag.Warningf(p.rng(off), importer.RuleLost,
			"Mermaid ignores what follows a second colon in a task (%q), and so does the import; put every actor after the one colon, separated by commas",
			strings.TrimSpace(strings.Join(pieces[2:], ":"))))
	}
	return t
}

// merge folds task t into the touchpoint before it when both have the
// same name and actors that do not overlap: the way a touchpoint whose
// personas feel differently is written in Mermaid (one task per score,
// as `cjm render -f mermaid` writes it) comes back as one touchpoint with
// an emotion per persona.
func merge(prev, t *journey.Touchpoint) bool {
	if prev.Name != t.Name || len(prev.Personas) == 0 || len(t.Personas) == 0 {
		return false
	}
	had := make(map[string]bool, len(prev.Personas))
	for _, id := range prev.Personas {
		had[id] = true
	}
	for _, id := range t.Personas {
		if had[id] {
			return false
		}
	}
	e := prev.Emotion
	if !e.IsPerPersona() {
		for _, id := range prev.Personas {
			e.PerPersona = append(e.PerPersona, journey.PersonaEmotion{Persona: id, Value: e.Value})
		}
	}
	for _, id := range t.Personas {
		e.PerPersona = append(e.PerPersona, journey.PersonaEmotion{Persona: id, Value: t.Emotion.Value})
	}
	prev.Personas = append(prev.Personas, t.Personas...)
	same := true
	for _, pe := range e.PerPersona {
		same = same && pe.Value == e.PerPersona[0].Value
	}
	if same {
		e.Value, e.PerPersona = e.PerPersona[0].Value, nil
	}
	return true
}

// leading counts the spaces that start s.
func leading(s string) int { return len([]rune(s)) - len([]rune(strings.TrimLeftFunc(s, isSpace))) }

// jsNumber converts s as JavaScript's Number() does (the conversion
// Mermaid applies to a score): spaces trimmed, empty is 0, decimal with
// an optional sign and exponent, or 0x/0o/0b without a sign.
func jsNumber(s string) (float64, bool) {
	s = strings.TrimFunc(s, isSpace)
	if s == "" {
		return 0, true
	}
	if len(s) > 2 && s[0] == '0' && strings.ContainsRune("xXoObB", rune(s[1])) {
		n, err := strconv.ParseUint(s, 0, 64)
		return float64(n), err == nil
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789+-.eE", r) {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}
