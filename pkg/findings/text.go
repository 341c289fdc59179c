package findings

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// TextOptions tune the text writer.
type TextOptions struct {
	// Color adds ANSI colours; the caller decides (a terminal, no
	// --no-color, no NO_COLOR).
	Color bool
}

const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiRed     = "\x1b[1;31m"
	ansiMagenta = "\x1b[1;35m"
	ansiGreen   = "\x1b[1;32m"
	ansiDim     = "\x1b[2m"
)

// WriteText writes findings as a compiler does:
//
//	path:line:col: error: message [rule]
//	   4 |   chanel: web
//	     |   ^~~~~~
//
// The source line comes from src when it holds the file; the caret sits
// under the column (columns count runes; tabs are kept so the caret lines
// up in any tab width). Control characters in messages and source lines
// are shown as U+FFFD so a hostile file cannot drive the terminal.
func WriteText(w io.Writer, ds diag.Diagnostics, src diag.Sources, opts TextOptions) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, d := range ds {
		sev, sevColor := "error", ansiRed
		if d.Severity == diag.Warning {
			sev, sevColor = "warning", ansiMagenta
		}
		fmt.Fprintf(bw, "%s %s %s %s\n",
			paint(ansiBold, sanitize(d.Range.String())+":"),
			paint(sevColor, sev+":"),
			sanitize(d.Message),
			paint(ansiDim, "["+sanitize(d.Rule)+"]"))
		if d.Range.Start.IsZero() {
			continue
		}
		line, ok := src.Line(d.Range.Filename, d.Range.Start.Line)
		if !ok {
			continue
		}
		line = sanitize(line)
		gutter := strconv.Itoa(d.Range.Start.Line)
		pad := strings.Repeat(" ", len(gutter))
		fmt.Fprintf(bw, " %s | %s\n", gutter, line)
		indent, mark := marker(line, d.Range)
		fmt.Fprintf(bw, " %s | %s%s\n", pad, indent, paint(ansiGreen, mark))
	}
	return bw.Flush()
}

// marker builds the caret line for r under line: an indent that copies
// tabs and pads every other rune by its display width, then the mark: a
// caret, and tildes to the end of the range when it ends on the same line
// (End is exclusive), covering the display width of the marked runes.
func marker(line string, r diag.Range) (indent, mark string) {
	var b strings.Builder
	start, stop := r.Start.Column, r.Start.Column+1
	if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
		stop = r.End.Column
	}
	width, col := 0, 1
	for _, c := range line {
		switch {
		case col < start && c == '\t':
			b.WriteByte('\t')
		case col < start:
			b.WriteString(strings.Repeat(" ", runeWidth(c)))
		case col < stop:
			width += runeWidth(c)
		}
		col++
	}
	if width < 1 {
		width = 1
	}
	return b.String(), "^" + strings.Repeat("~", width-1)
}

func runeWidth(c rune) int {
	w := uniseg.StringWidth(string(c))
	if w < 1 {
		return 1
	}
	return w
}

// sanitize replaces control characters other than tab, bidirectional
// controls (which would reorder the terminal's line, "Trojan Source") and
// invalid UTF-8 with U+FFFD, keeping one rune per rune so columns still
// line up.
func sanitize(s string) string {
	clean := true
	for _, c := range s {
		if unsafeRune(c) || c == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(c rune) rune {
		if unsafeRune(c) {
			return utf8.RuneError
		}
		return c
	}, s)
}

func unsafeRune(c rune) bool {
	return (unicode.IsControl(c) && c != '\t') || diag.IsBidiControl(c)
}

// WriteSummary writes the tally line, e.g. "2 errors, 1 warning in 3 files".
func WriteSummary(w io.Writer, ds diag.Diagnostics, files int) error {
	_, err := fmt.Fprintln(w, Summary(ds, files))
	return err
}
