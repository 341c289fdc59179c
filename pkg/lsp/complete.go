package lsp

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// line is one line of YAML as completion sees it: its indentation, the
// column (in bytes) where its key or scalar starts after any `- `
// markers, whether it starts a list item, and its key.
type yline struct {
	blank  bool
	indent int
	col    int
	dash   bool
	key    string
	value  string // the text after `key:`, trimmed
}

var keyRe = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*|'[^']*'|"[^"]*")\s*:(?:\s+(.*)|$)`)

func parseLine(b []byte) yline {
	s := string(b)
	t := strings.TrimLeft(s, " ")
	l := yline{indent: len(s) - len(t)}
	if t == "" || strings.HasPrefix(t, "#") {
		l.blank = true
		return l
	}
	l.col = l.indent
	for strings.HasPrefix(t, "- ") || t == "-" {
		l.dash = true
		r := strings.TrimLeft(t[1:], " ")
		l.col += len(t) - len(r)
		t = r
	}
	if m := keyRe.FindStringSubmatch(t); m != nil {
		l.key = strings.Trim(m[1], `'"`)
		l.value = strings.TrimSpace(stripComment(m[2]))
	}
	return l
}

func stripComment(s string) string {
	if i := strings.Index(s, " #"); i >= 0 {
		return s[:i]
	}
	if strings.HasPrefix(s, "#") {
		return ""
	}
	return s
}

// parentKey returns the key whose value holds column col of line n: the
// nearest line above with a key starting left of col (or at col, for a
// list item whose dash is at col) and no value of its own, and that
// line's number. It returns "", -1 at the top level.
func parentKey(lines [][]byte, n, col int) (string, int) {
	for i := n - 1; i >= 0; i-- {
		l := parseLine(lines[i])
		if l.blank {
			continue
		}
		if l.col < col && l.key != "" && (l.value == "" || strings.HasPrefix(l.value, "|") || strings.HasPrefix(l.value, ">")) {
			return l.key, i
		}
		if l.indent < col && l.col < col && l.key == "" && !l.dash {
			return "", -1
		}
		if l.indent == 0 && !l.dash && l.col < col {
			return l.key, i
		}
	}
	return "", -1
}

// elementAt works out which element a key at column col of line n
// belongs to: the list that holds it, through the parent keys.
func elementAt(lines [][]byte, n, col int) (element string, ok bool) {
	if col == 0 {
		return "", true
	}
	key, at := parentKey(lines, n, col)
	if at < 0 {
		return "", true
	}
	if key == "emotion" {
		return "emotion", true
	}
	return elementOf(key)
}

// siblings returns the keys already present in the element whose keys
// start at column col around line n.
func siblings(lines [][]byte, n, col int) []string {
	var keys []string
	for i := n - 1; i >= 0; i-- {
		l := parseLine(lines[i])
		if l.blank || l.col > col {
			continue
		}
		if l.col < col {
			break
		}
		keys = append(keys, l.key)
		if l.dash {
			break
		}
	}
	for i := n + 1; i < len(lines); i++ {
		l := parseLine(lines[i])
		if l.blank || l.col > col {
			continue
		}
		if l.col < col || l.dash {
			break
		}
		keys = append(keys, l.key)
	}
	return keys
}

var flowListRe = regexp.MustCompile(`([A-Za-z_]+):\s*\[([^\]]*)$`)
var flowKeyRe = regexp.MustCompile(`[{,]\s*([A-Za-z_]*)$`)
var flowKeysRe = regexp.MustCompile(`[{,]\s*([A-Za-z_]+)\s*:`)
var valueRe = regexp.MustCompile(`([A-Za-z_]+):\s+([^\s,:{}\[\]]*)$`)

func (s *Server) completion(d *document, a *analysis, pos protocol.Position) []protocol.CompletionItem {
	if strings.EqualFold(filepath.Ext(d.path), ".csv") {
		return s.csvCompletion(d, pos)
	}
	lines := splitLines(d.text)
	n := int(pos.Line)
	if n >= len(lines) {
		lines = append(lines, make([][]byte, n-len(lines)+1)...)
	}
	cur := lines[n]
	cut := offset(d.text, pos) - mustStart(d.text, n)
	cut = min(max(cut, 0), len(cur))
	prefix := string(cur[:cut])
	word := prefix[len(strings.TrimRight(prefix, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")):]
	// A word may not start with '-': that is a list marker.
	word = strings.TrimLeft(word, "-")
	replace := protocol.Range{Start: protocol.Position{Line: pos.Line, Character: pos.Character - uint32(units16([]byte(word), utf8.RuneCountInString(word)))}, End: pos}

	// A value in a flow list: `personas: [admin, me|`.
	if m := flowListRe.FindStringSubmatch(prefix); m != nil {
		return s.valueItems(a, m[1], replace, "")
	}
	// A value after a key: `channel: em|`, `{id: a, kind: d|`.
	if m := valueRe.FindStringSubmatch(prefix); m != nil && m[2] == word {
		l := parseLine(cur)
		el, _ := elementAt(lines, n, l.col)
		return s.valueItems(a, m[1], replace, el)
	}
	// A key in a flow mapping: `- {id: t, na|`.
	if open := strings.LastIndexByte(prefix, '{'); open >= 0 && !strings.Contains(prefix[open:], "}") {
		if m := flowKeyRe.FindStringSubmatch(prefix[open:]); m != nil && m[1] == word {
			el, ok := elementAt(lines, n, parseLine(cur).col)
			if !ok {
				return nil
			}
			var have []string
			for _, k := range flowKeysRe.FindAllStringSubmatch(prefix[open:], -1) {
				have = append(have, k[1])
			}
			return keyItems(el, have, replace)
		}
	}
	trimmed := strings.TrimLeft(prefix, " ")
	indent := len(prefix) - len(trimmed)
	// A list item: `  - ne|` under `next:`.
	if strings.HasPrefix(trimmed, "-") && strings.TrimLeft(strings.TrimPrefix(trimmed, "-"), " ") == word && strings.HasPrefix(trimmed, "- ") {
		col := indent + len(trimmed) - len(word)
		key, at := parentKey(lines, n, indent+1)
		if at >= 0 {
			// A top-level `personas:` lists personas; a touchpoint's
			// names them.
			if k := refKind(key); k != "" && (key != "personas" || parseLine(lines[at]).col > 0) {
				return s.valueItems(a, key, replace, "")
			}
			if el, ok := elementOf(key); ok {
				items := keyItems(el, nil, replace)
				if sn, ok := snippet(el, col); ok {
					items = append(items, sn)
				}
				return items
			}
		}
		return nil
	}
	// A key: `    na|`.
	if trimmed == word {
		el, ok := elementAt(lines, n, indent)
		if !ok {
			return nil
		}
		if el == "emotion" {
			return s.idItems(a, kindPersona, replace)
		}
		have := siblings(lines, n, indent)
		items := keyItems(el, have, replace)
		return items
	}
	return nil
}

func mustStart(text []byte, line int) int {
	off, _ := lineStart(text, line)
	return off
}

func splitLines(text []byte) [][]byte {
	var out [][]byte
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			out = append(out, bytes.TrimSuffix(text, []byte("\r")))
			break
		}
		out = append(out, bytes.TrimSuffix(text[:i], []byte("\r")))
		text = text[i+1:]
	}
	if len(out) == 0 || len(text) == 0 {
		out = append(out, nil)
	}
	return out
}

// keyItems are the keys of element not yet in have.
func keyItems(element string, have []string, replace protocol.Range) []protocol.CompletionItem {
	var out []protocol.CompletionItem
	for i, k := range elementKeys[element] {
		if slices.Contains(have, k) {
			continue
		}
		out = append(out, protocol.CompletionItem{
			Label: k, Kind: protocol.CompletionItemKindProperty, Detail: describeKey(element, k),
			SortText: fmt.Sprintf("%03d", i),
			TextEdit: &protocol.TextEdit{Range: replace, NewText: k + ": "},
		})
	}
	return out
}

// snippet is a new stage, touchpoint or metric, its keys at column col.
func snippet(element string, col int) (protocol.CompletionItem, bool) {
	ind := "\n" + strings.Repeat(" ", col)
	var body string
	switch element {
	case kindStage:
		body = "id: ${1:stage-id}" + ind + "name: ${2:Stage name}" + ind + "touchpoints:" + ind + "  - id: ${3:touchpoint-id}" + ind + "    name: ${4:Touchpoint name}" + ind + "    channel: ${5}"
	case kindTouchpoint:
		body = "id: ${1:touchpoint-id}" + ind + "name: ${2:Touchpoint name}" + ind + "channel: ${3}" + ind + "owner: ${4}" + ind + "emotion: ${5:0}"
	case kindMetric:
		body = "id: ${1:metric-id}" + ind + "name: ${2:Metric name}" + ind + "value: ${3:0}" + ind + "target: ${4:0}" + ind + "unit: ${5:%}"
	default:
		return protocol.CompletionItem{}, false
	}
	return protocol.CompletionItem{
		Label: "new " + element, Kind: protocol.CompletionItemKindSnippet, Detail: "a new " + element + " with its usual keys",
		InsertText: body, InsertTextFormat: protocol.InsertTextFormatSnippet, InsertTextMode: protocol.InsertTextModeAsIs,
		SortText: "000",
	}, true
}

// valueItems are the values key takes: ids of the kind it names, or the
// values of its enumeration.
func (s *Server) valueItems(a *analysis, key string, replace protocol.Range, element string) []protocol.CompletionItem {
	if k := refKind(key); k != "" {
		return s.idItems(a, k, replace)
	}
	var out []protocol.CompletionItem
	desc := describeKey(element, key)
	if key == "emotion" {
		desc = definitionDescription("emotion")
	}
	for i, v := range enumValues(element, key) {
		out = append(out, protocol.CompletionItem{
			Label: v, Kind: protocol.CompletionItemKindEnumMember, Detail: desc, SortText: fmt.Sprintf("%03d", i),
			TextEdit: &protocol.TextEdit{Range: replace, NewText: v},
		})
	}
	return out
}

func (s *Server) idItems(a *analysis, kind string, replace protocol.Range) []protocol.CompletionItem {
	var out []protocol.CompletionItem
	if a == nil {
		return out
	}
	for i, d := range a.idx.ofKind(kind) {
		out = append(out, protocol.CompletionItem{
			Label: d.id, Kind: protocol.CompletionItemKindReference, Detail: d.name,
			Documentation: protocol.MarkupContent{Kind: protocol.Markdown, Value: declHover(d)},
			SortText:      fmt.Sprintf("%05d", i),
			TextEdit:      &protocol.TextEdit{Range: replace, NewText: d.id},
		})
	}
	return out
}

// declHover describes a declaration: kind, name, details and where.
func declHover(d decl) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** `%s` — %s", d.kind, d.id, d.name)
	if d.detail != "" {
		fmt.Fprintf(&b, "\n\n%s", d.detail)
	}
	fmt.Fprintf(&b, "\n\ndeclared at %s", d.at.String())
	return b.String()
}

// csvCompletion completes the metric column of a measurement file with
// the metric ids of the open maps that read it.
func (s *Server) csvCompletion(d *document, pos protocol.Position) []protocol.CompletionItem {
	line := lineAt(d.text, int(pos.Line))
	cut := min(max(offset(d.text, pos)-mustStart(d.text, int(pos.Line)), 0), len(line))
	if pos.Line == 0 || bytes.IndexByte(line[:cut], ',') >= 0 {
		return nil // the header, or past the metric column
	}
	word := string(line[:cut])
	replace := protocol.Range{Start: protocol.Position{Line: pos.Line, Character: pos.Character - uint32(units16([]byte(word), utf8.RuneCountInString(word)))}, End: pos}
	s.mu.Lock()
	var readers []string
	for p, a := range s.results {
		if a.reads(d.path) {
			readers = append(readers, p)
		}
	}
	s.mu.Unlock()
	var out []protocol.CompletionItem
	seen := map[string]bool{}
	for _, p := range sortedStrings(readers) {
		a := s.analyze(p)
		if a == nil {
			continue
		}
		for _, it := range s.idItems(a, kindMetric, replace) {
			if !seen[it.Label] {
				seen[it.Label] = true
				it.TextEdit.NewText += ","
				out = append(out, it)
			}
		}
	}
	return out
}
