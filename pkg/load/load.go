package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/ruleset"
	"gopkg.in/yaml.v3"
)

// DefaultMaxBytes is the size limit of a journey file when Options.MaxBytes
// is zero: 10 MiB, a hundred times the largest real map we have seen.
const DefaultMaxBytes = 10 << 20

// MaxDepth bounds how deeply the YAML of a journey file may nest. A real
// map needs about eight levels; anything deeper is refused before the
// loader walks it.
const MaxDepth = 64

// maxAliasFindings caps the findings for anchors and aliases in one file.
const maxAliasFindings = 20

// Options tune loading.
type Options struct {
	// Root is the directory that `include` paths may not leave. Empty
	// means the top of the git work tree that holds the file (the nearest
	// directory upwards with a .git entry), else the working directory.
	Root string
	// MaxBytes is the largest file read, the including file and each
	// included one alike. Zero means DefaultMaxBytes; negative means no
	// limit.
	MaxBytes int64
	// ReadFile, when set, reads the included files instead of the file
	// system: for a map read from elsewhere, such as a git revision (`cjm
	// diff REV:PATH`). It gets each include's path as the loader resolved
	// it (joined to the directory of the including file's name, cleaned),
	// after the check that it stays inside Root; the file system is not
	// consulted and symbolic links are not evaluated. An error that is
	// fs.ErrNotExist is reported as a missing include, any other as
	// unreadable. The returned bytes are held to MaxBytes like a file's;
	// ReadFile should refuse larger files before reading them.
	ReadFile func(name string) ([]byte, error)
	// Rules is what the project configuration (.cjm.yaml) decides about
	// rules: levels, policy rules and their parameters. The loader ignores
	// it; package check applies it. Nil keeps the registry's severities.
	Rules *ruleset.Set
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes == 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// File reads and loads the journey file at path. The map is nil when the
// file could not be read or parsed at all; otherwise it holds whatever
// loaded, even when there are findings. Sources holds the bytes of the file
// and of every file it includes, keyed by the names used in findings.
func File(path string, opts Options) (m *journey.Map, ds diag.Diagnostics, srcs diag.Sources) {
	l := newLoader(opts)
	defer func() {
		if r := recover(); r != nil {
			l.internal(path, r)
			m, ds, srcs = nil, l.diags, l.sources
		}
	}()
	src, d := readFile(path, opts.maxBytes(), diag.Range{Filename: path})
	if d != nil {
		l.diags = append(l.diags, d)
		return nil, l.diags, l.sources
	}
	m = l.root(path, src)
	return m, l.diags, l.sources
}

// Bytes loads a journey file whose content is src. filename names it in
// findings and is where relative `include` paths start from.
func Bytes(filename string, src []byte, opts Options) (m *journey.Map, ds diag.Diagnostics, srcs diag.Sources) {
	l := newLoader(opts)
	defer func() {
		if r := recover(); r != nil {
			l.internal(filename, r)
			m, ds, srcs = nil, l.diags, l.sources
		}
	}()
	if max := opts.maxBytes(); max > 0 && int64(len(src)) > max {
		l.diags = append(l.diags, tooLarge(diag.Range{Filename: filename, Start: diag.Pos{Line: 1, Column: 1}}, filename, int64(len(src)), max))
		return nil, l.diags, l.sources
	}
	m = l.root(filename, src)
	return m, l.diags, l.sources
}

// internal turns a recovered panic into an internal-error finding: a last
// line of defence, never the way the loader reports anything.
func (l *loader) internal(filename string, r any) {
	l.diags = append(l.diags, diag.Errorf(diag.Range{Filename: filename, Start: diag.Pos{Line: 1, Column: 1}}, RuleInternal,
		"internal error while loading: %v; please report this with the file that caused it", r))
}

// IsJourney reports whether src looks like a journey file: YAML with a
// top-level `cjm` key. It is cheap (a scan for a line starting with
// `cjm:`) and parses only when the key could be written another way.
// Directory walks use it to skip YAML files that are not journey maps.
func IsJourney(src []byte) bool {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	for line := range bytes.Lines(src) {
		if bytes.HasPrefix(line, []byte("cjm:")) || bytes.HasPrefix(line, []byte("cjm :")) ||
			bytes.HasPrefix(line, []byte(`"cjm":`)) || bytes.HasPrefix(line, []byte(`'cjm':`)) {
			return true
		}
	}
	if !bytes.Contains(src, []byte("cjm")) || int64(len(src)) > DefaultMaxBytes || !utf8.Valid(src) {
		return false
	}
	// Written some other way ({cjm: 1, ...}, after a document marker):
	// parse, without resolving aliases.
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 {
		return false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "cjm" {
			return true
		}
	}
	return false
}

// testHook, when set by a test, runs before a file is loaded (to prove
// that a panic becomes a finding).
var testHook func(name string)

// loader holds the state of one File or Bytes call.
type loader struct {
	opts    Options
	diags   diag.Diagnostics
	sources diag.Sources
	// rootDir is the resolved include root (symlinks evaluated), found on
	// the first include.
	rootDir  string
	rootDone bool
	// stack is the chain of files being loaded (real paths and names),
	// for cycle detection; merged are the real paths already merged.
	stack  []fileRef
	merged map[string]bool
}

type fileRef struct{ real, name string }

func newLoader(opts Options) *loader {
	return &loader{opts: opts, sources: diag.Sources{}}
}

func (l *loader) add(d *diag.Diagnostic) { l.diags = append(l.diags, d) }

// root loads the top file.
func (l *loader) root(name string, src []byte) *journey.Map {
	if testHook != nil {
		testHook(name)
	}
	l.sources[name] = src
	// The real path is worked out on the first include (most maps have
	// none, and it costs a system call per path element).
	l.stack = append(l.stack, fileRef{name: name})
	doc := l.parse(name, src)
	if doc == nil {
		return nil
	}
	f := &file{l: l, name: name}
	return f.journey(doc, false)
}

// realPath returns the absolute path with symlinks evaluated, or the
// cleaned absolute path when the file does not exist.
func realPath(name string) string {
	abs, err := filepath.Abs(name)
	if err != nil {
		return filepath.Clean(name)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

var (
	yamlLine      = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced`)
)

// lineOf returns the number of the first line of src that holds s, or 0.
func lineOf(src []byte, s string) int {
	i := bytes.Index(src, []byte(s))
	if i < 0 {
		return 0
	}
	return bytes.Count(src[:i], []byte("\n")) + 1
}

// parse checks the raw bytes and parses them into a single YAML document,
// refusing anchors, aliases and deep nesting. It returns the document's
// root node, or nil after reporting why there is none.
func (l *loader) parse(name string, src []byte) *yaml.Node {
	at := func(line, col int) diag.Range {
		return diag.Range{Filename: name, Start: diag.Pos{Line: line, Column: col}}
	}
	if !utf8.Valid(src) {
		line, col := firstInvalid(src)
		l.add(diag.Errorf(at(line, col), RuleInvalidUTF8,
			"the file is not valid UTF-8 (first bad byte here); save it as UTF-8"))
		return nil
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))) == 0 {
		l.add(diag.Errorf(at(1, 1), RuleEmptyFile, "the file is empty; a journey file starts with `cjm: 1`"))
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.add(diag.Errorf(at(1, 1), RuleEmptyFile, "the file holds only comments; a journey file starts with `cjm: 1`"))
			return nil
		}
		l.syntax(name, src, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		line, col := extra.Line, extra.Column
		if line < 1 {
			line, col = 1, 1
		}
		l.add(diag.Errorf(at(line, col), RuleMultipleDocuments,
			"the file holds several YAML documents; keep one map per file and remove this `---` and what follows"))
		return nil
	} else if !errors.Is(err, io.EOF) {
		l.syntax(name, src, err)
		return nil
	}
	if len(doc.Content) == 0 {
		l.add(diag.Errorf(at(1, 1), RuleEmptyFile, "the file is empty; a journey file starts with `cjm: 1`"))
		return nil
	}
	if r := doc.Content[0]; r.Kind == yaml.ScalarNode && null(r) && r.Value == "" {
		l.add(diag.Errorf(at(1, 1), RuleEmptyFile, "the file holds no map; a journey file starts with `cjm: 1`"))
		return nil
	}
	if !l.plain(name, doc.Content[0]) {
		return nil
	}
	return doc.Content[0]
}

// syntax reports a YAML syntax error at the line yaml.v3 names; when a tab
// in indentation comes at or before that line, the tab is the cause.
func (l *loader) syntax(name string, src []byte, err error) {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else if len(msg) > 6 && msg[:6] == "yaml: " {
		msg = msg[6:]
	}
	if line > 0 && parserError(msg) {
		// yaml.v3 prints a parser error's line 0-based (a scanner error's
		// 1-based): the line where the construct that failed starts.
		line++
	}
	// A raw control character fails yaml.v3's reader without a line (or,
	// for U+0085, as a line break in the wrong place): find it.
	if cl, cc, c, ok := firstControl(src); ok {
		l.add(diag.Errorf(diag.Range{Filename: name, Start: diag.Pos{Line: cl, Column: cc}}, RuleControlChar,
			"the control character %s is not allowed in a journey file; remove it (tab and newline are the only ones allowed)", runeName(c)))
		return
	}
	lo, hi := line-1, line+1 // yaml.v3 names the line of the tab or its neighbour
	if line == 0 || strings.Contains(msg, "tab") {
		lo, hi = 1, math.MaxInt
	}
	if tl, tc := tabIndent(src, lo, hi); tl > 0 {
		l.add(diag.Errorf(diag.Range{Filename: name, Start: diag.Pos{Line: tl, Column: tc}}, RuleTabIndent,
			"a tab in the indentation; YAML indents with spaces only: replace the tab with spaces"))
		return
	}
	col := 1
	srcs := diag.Sources{name: src}
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil && line == 0 {
		// yaml.v3 names the alias but not its line: find it.
		line = lineOf(src, "*"+m[1])
	}
	if line < 1 {
		line = 1
	} else {
		if last := lastLine(src); line > last {
			line = last
		}
		// An error at the end of the file (an unclosed bracket or quote)
		// is shown on the last line that holds something.
		for line > 1 {
			if text, ok := srcs.Line(name, line); ok && strings.TrimSpace(text) != "" {
				break
			}
			line--
		}
		if text, ok := srcs.Line(name, line); ok {
			col = firstNonSpace(text)
		}
	}
	hint := "check the indentation and quoting on this line or the one before"
	if strings.HasPrefix(msg, "did not find expected '-' indicator") {
		if bad, badCol := misindentedItem(srcs, name, line); bad > 0 {
			l.add(diag.Errorf(diag.Range{Filename: name, Start: diag.Pos{Line: bad, Column: badCol}}, RuleYAMLSyntax,
				"YAML syntax error: this line is indented differently from the items of the list that starts on line %d; indent it like the keys of its item, or start a new item with `- `", line))
			return
		}
	}
	for _, h := range syntaxHints {
		if strings.HasPrefix(msg, h.problem) {
			hint = h.hint
			break
		}
	}
	if strings.HasPrefix(msg, "did not find expected ',' or ']'") || strings.HasPrefix(msg, "unknown anchor") ||
		strings.HasPrefix(msg, "did not find expected alphabetic or numeric character") {
		if text, ok := srcs.Line(name, line); ok {
			if fix := quotedFlowList(text); fix != "" {
				hint += "; for example `" + fix + "`"
			}
		}
	}
	l.add(diag.Errorf(diag.Range{Filename: name, Start: diag.Pos{Line: line, Column: col}}, RuleYAMLSyntax,
		"YAML syntax error: %s; %s", msg, hint))
}

// misindentedItem finds the line that breaks the block list starting on
// line start: below the list's `- `, a line indented deeper than the dash
// but less than the item's keys, or as deep as the dash without a dash. It
// returns 0 when there is none.
func misindentedItem(srcs diag.Sources, name string, start int) (line, col int) {
	first, ok := srcs.Line(name, start)
	if !ok {
		return 0, 0
	}
	dash := len(first) - len(strings.TrimLeft(first, " "))
	rest := first[dash:]
	if !strings.HasPrefix(rest, "-") {
		return 0, 0
	}
	keys := itemKeys(dash, rest)
	for n := start + 1; ; n++ {
		text, ok := srcs.Line(name, n)
		if !ok {
			return 0, 0
		}
		trimmed := strings.TrimLeft(text, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		ind := len(text) - len(trimmed)
		switch {
		case ind < dash:
			return 0, 0 // the list ended
		case ind == dash && !strings.HasPrefix(trimmed, "-"):
			return n, ind + 1
		case ind == dash:
			keys = itemKeys(dash, trimmed)
		case ind < keys:
			return n, ind + 1
		}
	}
}

// itemKeys returns the indentation of the keys of a block list item whose
// `-` stands at column dash (0-based) and whose text from the dash on is
// item.
func itemKeys(dash int, item string) int {
	after := item[1:]
	return dash + 1 + len(after) - len(strings.TrimLeft(after, " "))
}

// parserErrors are the problems yaml.v3's parser (not its scanner) reports;
// it prints their line 0-based.
var parserErrors = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found undefined tag handle",
	"found duplicate %YAML directive",
	"found duplicate %TAG directive",
	"found incompatible YAML document",
}

func parserError(msg string) bool {
	for _, p := range parserErrors {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// syntaxHints say what to look for when yaml.v3 names the construct that
// failed rather than the line at fault.
var syntaxHints = []struct{ problem, hint string }{
	{"did not find expected '-' indicator", "a line below, inside the list that starts here, is indented differently from its `- ` items"},
	{"did not find expected key", "a line below, inside the mapping that starts here, is indented differently from its keys, or lacks its `:`"},
	{"did not find expected ',' or ']'", "close the `[` list opened here with `]`, and quote items that hold `:`, `,`, `?`, `#`, `&`, `*` or `!`"},
	{"did not find expected ',' or '}'", "close the `{` mapping opened here with `}`, and quote values that hold `:`, `,`, `?`, `#`, `&`, `*` or `!`"},
	{"unknown anchor", "a `*` at the start of a value makes it a YAML alias, which cjm does not support: quote the text"},
	{"did not find expected alphabetic or numeric character", "a `*` or `&` at the start of a value starts a YAML alias or anchor: quote the text"},
	{"did not find expected node content", "a value here is missing or starts with a character that needs quotes (`[`, `{`, `*`, `&`, `!`, `|`, `>`, `@`, backtick)"},
}

// quotedFlowList rewrites a line holding a one-line flow list
// (`thoughts: [Will it work?]`) with every item double-quoted
// (`thoughts: ["Will it work?"]`), the usual fix when an item holds a
// character that YAML reads as syntax. It returns "" when the line holds
// no such list, or when the items are quoted already. Items are split at
// commas: an item that itself holds a comma needs quoting by hand.
func quotedFlowList(line string) string {
	open := strings.IndexByte(line, '[')
	if open < 0 || strings.ContainsAny(line[:open], "\"'{") {
		return ""
	}
	body := line[open+1:]
	if end := strings.LastIndexByte(body, ']'); end >= 0 {
		body = body[:end]
	}
	if strings.ContainsAny(body, "\"'[]{}") || strings.TrimSpace(body) == "" {
		return ""
	}
	items := strings.Split(body, ",")
	for i, it := range items {
		it = strings.TrimSpace(it)
		items[i] = `"` + strings.ReplaceAll(it, `\`, `\\`) + `"`
	}
	return strings.TrimLeft(line[:open], " ") + "[" + strings.Join(items, ", ") + "]"
}

func firstNonSpace(s string) int {
	col := 1
	for _, r := range s {
		if r != ' ' && r != '\t' {
			return col
		}
		col++
	}
	return 1
}

func lastLine(src []byte) int {
	n := bytes.Count(src, []byte("\n"))
	if len(src) > 0 && src[len(src)-1] != '\n' {
		n++
	}
	return max(n, 1)
}

// tabIndent returns the line and column of the first tab in the leading
// whitespace of a line from lo to hi, or 0, 0.
func tabIndent(src []byte, lo, hi int) (int, int) {
	line := 0
	for text := range bytes.Lines(src) {
		line++
		if line < lo {
			continue
		}
		if line > hi {
			break
		}
		for i, c := range text {
			if c == '\t' {
				return line, i + 1
			}
			if c != ' ' {
				break
			}
		}
	}
	return 0, 0
}

// firstInvalid returns the line and column (in runes) of the first byte
// that is not valid UTF-8.
func firstInvalid(src []byte) (int, int) {
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// plain walks the tree without recursion and refuses anchors, aliases and
// nesting deeper than MaxDepth. It reports whether the tree is usable.
func (l *loader) plain(name string, root *yaml.Node) bool {
	type item struct {
		n     *yaml.Node
		depth int
	}
	ok, found := true, 0
	odd := &oddChars{l: l, name: name}
	stack := []item{{root, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		r := diag.Range{Filename: name, Start: diag.Pos{Line: n.Line, Column: n.Column}}
		if it.depth > MaxDepth {
			l.add(diag.Errorf(r, RuleTooDeep,
				"the YAML nests deeper than %d levels here; a journey map needs about eight: flatten it", MaxDepth))
			return false
		}
		if n.Kind == yaml.ScalarNode {
			odd.check(n)
		}
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			ok = false
			if found < maxAliasFindings {
				if n.Kind == yaml.AliasNode {
					l.add(diag.Errorf(r, RuleAlias,
						"YAML aliases (*%s) are not supported; write the value out in full", n.Value))
				} else {
					l.add(diag.Errorf(r, RuleAlias,
						"YAML anchors (&%s) are not supported; remove the anchor and write each value out in full", n.Anchor))
				}
			}
			found++
			if n.Kind == yaml.AliasNode {
				continue // never follow an alias
			}
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, item{n.Content[i], it.depth + 1})
		}
	}
	return ok
}

// rng is the range of a node in the named file.
func rng(name string, n *yaml.Node) diag.Range {
	return diag.Range{Filename: name, Start: diag.Pos{Line: n.Line, Column: n.Column}}
}

// clip shortens a value quoted in a message to 40 characters.
func clip(s string) string {
	const most = 40
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most]) + "…"
}

// describe names the kind of a node for "wrong type" messages.
// Describe names what a YAML node holds, for messages: "a list", "the
// number 3", "the text \"x\"" (clipped).
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return n.Value
		}
		return fmt.Sprintf("the text %q", clip(n.Value))
	}
	return "something else"
}

// firstControl returns the line and column (in runes) of the first raw
// control character of src (isControl, but a carriage return is a line
// break here), and the character.
func firstControl(src []byte) (line, col int, c rune, ok bool) {
	line, col = 1, 1
	for _, r := range string(src) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r != '\r' && diag.IsControl(r):
			return line, col, r, true
		}
		col++
	}
	return 0, 0, 0, false
}
