package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cjm-dev/cjm/pkg/mdtext"
)

// Summary counts the changes by kind.
type Summary struct {
	Added     int `json:"added"`
	Removed   int `json:"removed"`
	Renamed   int `json:"renamed"`
	Moved     int `json:"moved"`
	Reordered int `json:"reordered"`
	Changed   int `json:"changed"`
}

// Summarize counts the changes.
func Summarize(changes []Change) Summary {
	var s Summary
	for _, c := range changes {
		switch c.Kind {
		case Added:
			s.Added++
		case Removed:
			s.Removed++
		case Renamed:
			s.Renamed++
		case Moved:
			s.Moved++
		case Reordered:
			s.Reordered++
		default:
			s.Changed++
		}
	}
	return s
}

// String gives the non-zero counts: "2 added, 1 changed".
func (s Summary) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{s.Added, "added"}, {s.Removed, "removed"}, {s.Renamed, "renamed"}, {s.Moved, "moved"}, {s.Reordered, "reordered"}, {s.Changed, "changed"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// TextOptions tune WriteText.
type TextOptions struct {
	// Color paints the markers (the caller decides: a terminal, no
	// --no-color, no NO_COLOR).
	Color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiGreen  = "\x1b[32m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBold   = "\x1b[1m"
)

// WriteText writes one line per change, for a terminal:
//
//   - stage decision "Decision": added
//     ~ touchpoint demo "Demo" (stage evaluation): emotion -1 → 1 (+2)
//
// Nothing is written when there are no changes. User text is quoted, with
// control characters escaped, so a hostile label cannot drive the terminal.
func WriteText(w io.Writer, r *Result, opts TextOptions) error {
	bw := bufio.NewWriter(w)
	for _, c := range r.Changes {
		mark, color := marker(c.Kind)
		if opts.Color {
			mark = color + mark + ansiReset
		}
		fmt.Fprintf(bw, "%s %s: %s\n", mark, subject(c, textStyle), detail(c, textStyle))
	}
	return bw.Flush()
}

func marker(k Kind) (string, string) {
	switch k {
	case Added:
		return "+", ansiGreen
	case Removed:
		return "-", ansiRed
	default:
		return "~", ansiYellow
	}
}

// WriteMarkdown writes the changes as a Markdown table, ready to post as a
// pull-request comment. User text is escaped for Markdown and HTML.
func WriteMarkdown(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "### Journey map changes\n\n%s → %s: %s.\n", mdCode(r.Old), mdCode(r.New), Summarize(r.Changes))
	if len(r.Changes) > 0 {
		bw.WriteString("\n| | Element | Change |\n|---|---|---|\n")
		size := 0
		for i, c := range r.Changes {
			row := fmt.Sprintf("| %s | %s | %s |\n", string(c.Kind), subject(c, mdStyle), detail(c, mdStyle))
			if size+len(row) > MaxMarkdownBytes {
				fmt.Fprintf(bw, "\n…and %d more changes, left out to keep this comment postable; run `cjm diff` to see them all.\n", len(r.Changes)-i)
				break
			}
			size += len(row)
			bw.WriteString(row)
		}
	}
	return bw.Flush()
}

// MaxMarkdownBytes bounds the table WriteMarkdown writes: GitHub refuses
// comments over 65,536 characters, so the rows stop short of that and a
// last line says how many were left out.
const MaxMarkdownBytes = 60000

// WriteJSON writes {"old", "new", "summary", "changes"}; see docs/diff-fmt.md.
func WriteJSON(w io.Writer, r *Result) error {
	out := struct {
		Old     string   `json:"old"`
		New     string   `json:"new"`
		Same    bool     `json:"same"`
		Summary Summary  `json:"summary"`
		Changes []Change `json:"changes"`
	}{r.Old, r.New, r.Same(), Summarize(r.Changes), r.Changes}
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// style escapes user text for one output.
type style struct {
	// id writes an id (a slug in a valid map).
	id func(string) string
	// text writes free text, quoted.
	text func(string) string
}

var (
	textStyle = style{id: textID, text: textQuote}
	mdStyle   = style{id: mdCode, text: mdText}
)

const maxText = 100

// truncate shortens long text (a description) to maxText runes.
func truncate(s string) string {
	if utf8.RuneCountInString(s) <= maxText {
		return s
	}
	r := []rune(s)
	return string(r[:maxText]) + "…"
}

func textQuote(s string) string { return strconv.Quote(truncate(s)) }

var slug = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:/~^@{}-]*$`)

func textID(s string) string {
	if slug.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}

func mdCode(s string) string {
	if s != "" && !strings.ContainsAny(s, "`|\n\r<>&") && utf8.ValidString(s) {
		return "`" + printable(s) + "`"
	}
	return mdEscape(s)
}

func mdText(s string) string { return "“" + mdEscape(truncate(s)) + "”" }

// mdEscape makes text inert in Markdown and HTML on one table row, by the
// rule every Markdown output of cjm follows (mdtext.EscapeLine, the
// report's), after printable.
func mdEscape(s string) string { return mdtext.EscapeLine(printable(s)) }

// printable replaces control characters other than tab and line breaks
// (which EscapeLine turns into spaces) with U+FFFD, so that a hostile
// label cannot drive the terminal of whoever cats the comment.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0x7f {
			return r
		}
		return utf8.RuneError
	}, s)
}

// subject names the element a change is about.
func subject(c Change, st style) string {
	var s string
	switch c.Element {
	case MapElement:
		return "map"
	case TransitionElement:
		s = "transition " + st.id(c.From) + " → " + st.id(c.To)
		if c.Kind != Added && c.Kind != Removed && c.Name != "" {
			s += " " + st.text(c.Name)
		}
		return s
	}
	s = string(c.Element) + " " + st.id(c.ID)
	if c.Name != "" && c.Kind != Renamed {
		s += " " + st.text(c.Name)
	}
	switch {
	case c.Element == MetricElement && c.Touchpoint != "":
		s += " (touchpoint " + st.id(c.Touchpoint) + ")"
	case c.Element == MetricElement || c.Element == TouchpointElement:
		if c.Stage != "" && c.Kind != Moved {
			s += " (stage " + st.id(c.Stage) + ")"
		}
	}
	return s
}

// number writes a number as the file would.
func number(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func signed(f float64) string {
	if f > 0 {
		return "+" + number(f)
	}
	return number(f)
}

// idFields hold ids or enumeration values, shown bare; other string fields
// are free text and shown quoted.
var idFields = map[string]bool{"channel": true, "owner": true, "evidence": true, "lang": true,
	"scope": true, "phase": true, "kind": true, "color": true, "better": true, "next": true, "personas": true,
	"include": true, "measurements": true}

// detail says what happened.
func detail(c Change, st style) string {
	switch c.Kind {
	case Added:
		switch {
		case c.Element == TransitionElement && c.Name != "":
			return "added " + st.text(c.Name)
		case c.Element == MetricElement && (c.New != nil || c.Target != nil):
			var parts []string
			if c.New != nil {
				parts = append(parts, "value "+number(c.New))
			}
			if c.Target != nil {
				parts = append(parts, "target "+number(*c.Target))
			}
			return "added (" + strings.Join(parts, ", ") + ")"
		}
		return "added"
	case Removed:
		return "removed"
	case Renamed:
		return "renamed " + st.text(fmt.Sprint(c.Old)) + " → " + st.text(fmt.Sprint(c.New))
	case Moved:
		return "moved from stage " + st.id(fmt.Sprint(c.Old)) + " to stage " + st.id(fmt.Sprint(c.New))
	case Reordered:
		return "reordered (position " + number(c.Old) + " → " + number(c.New) + ")"
	}
	field := c.Field
	if c.Persona != "" {
		field += " of " + st.id(c.Persona)
	}
	if c.AddedItems != nil || c.RemovedItems != nil {
		item := st.text
		if idFields[c.Field] {
			item = st.id
		}
		var parts []string
		if len(c.AddedItems) > 0 {
			parts = append(parts, "added "+joinWith(c.AddedItems, item))
		}
		if len(c.RemovedItems) > 0 {
			parts = append(parts, "removed "+joinWith(c.RemovedItems, item))
		}
		return field + ": " + strings.Join(parts, "; ")
	}
	if c.Field == "moment_of_truth" {
		return momentDetail(c, st)
	}
	val := func(v any) string {
		switch x := v.(type) {
		case float64:
			return number(x)
		case string:
			if idFields[c.Field] {
				return st.id(x)
			}
			return st.text(x)
		}
		return fmt.Sprint(v)
	}
	var s string
	switch {
	case c.Old == nil:
		s = field + ": set to " + val(c.New)
	case c.New == nil:
		s = field + ": removed (was " + val(c.Old) + ")"
	default:
		s = field + ": " + val(c.Old) + " → " + val(c.New)
	}
	var notes []string
	if c.Delta != nil {
		notes = append(notes, signed(*c.Delta))
	}
	if c.Trend != "" {
		notes = append(notes, c.Trend)
	}
	if c.Target != nil && c.Field == "value" {
		switch {
		case c.OnTarget != nil && *c.OnTarget:
			notes = append(notes, "meets target "+number(*c.Target))
		case c.TowardTarget != nil && *c.TowardTarget:
			notes = append(notes, "toward target "+number(*c.Target))
		case c.TowardTarget != nil:
			notes = append(notes, "away from target "+number(*c.Target))
		}
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}

func momentDetail(c Change, st style) string {
	oldOn, newOn := c.Old != false, c.New != false
	reason := func(v any) string {
		if s, ok := v.(string); ok {
			return ": " + st.text(s)
		}
		return ""
	}
	switch {
	case !oldOn:
		return "now a moment of truth" + reason(c.New)
	case !newOn:
		return "no longer a moment of truth"
	}
	o, n := "(no reason)", "(no reason)"
	if s, ok := c.Old.(string); ok {
		o = st.text(s)
	}
	if s, ok := c.New.(string); ok {
		n = st.text(s)
	}
	return "moment of truth reason: " + o + " → " + n
}

func joinWith(xs []string, f func(string) string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return strings.Join(out, ", ")
}
