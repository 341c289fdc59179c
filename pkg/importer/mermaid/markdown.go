package mermaid

import (
	"regexp"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/importer"
)

// fenceOpen is a CommonMark fence that opens a Mermaid code block:
// ```mermaid or ~~~mermaid, indented by at most three spaces.
var fenceOpen = regexp.MustCompile("^( {0,3})(`{3,}|~{3,})[ \t]*mermaid(?:[ \t].*)?$")

// isMarkdown reports whether src holds a fenced Mermaid block (a README,
// a wiki page) rather than a bare diagram.
func isMarkdown(src []byte) bool {
	for _, line := range strings.Split(string(src), "\n") {
		if fenceOpen.MatchString(strings.TrimRight(line, "\r")) {
			return true
		}
	}
	return false
}

// fromMarkdown keeps only the first fenced Mermaid block that holds a
// journey: every other character becomes a space (line breaks stay), so
// that lines and columns remain those of the Markdown file. It returns
// nil when no block holds a journey, the 1-based line where the block's
// content starts, and a warning for each further journey block.
func fromMarkdown(filename string, src []byte) ([]byte, int, diag.Diagnostics) {
	lines := strings.SplitAfter(string(src), "\n")
	var ds diag.Diagnostics
	keep := -1 // first line of the chosen block's content
	keepEnd := -1
	for i := 0; i < len(lines); i++ {
		m := fenceOpen.FindStringSubmatch(strings.TrimRight(lines[i], "\r\n"))
		if m == nil {
			continue
		}
		fence := m[2]
		end := len(lines)
		for j := i + 1; j < len(lines); j++ {
			l := strings.TrimRight(lines[j], "\r\n")
			t := strings.TrimLeft(l, " ")
			if len(l)-len(t) <= 3 && strings.HasPrefix(t, fence[:1]) && strings.TrimRight(t, fence[:1]+" \t") == "" && len(strings.TrimRight(t, " \t")) >= len(fence) {
				end = j
				break
			}
		}
		if journeyBlock(lines[i+1 : end]) {
			if keep < 0 {
				keep, keepEnd = i+1, end
			} else {
				ds = append(ds, diag.Warningf(importer.At(filename, i+1, 1), importer.RuleLost,
					"only the first Mermaid journey of a Markdown file is imported; put this one in a file of its own to import it"))
			}
		}
		i = end
	}
	if keep < 0 {
		return nil, 0, diag.Diagnostics{diag.Errorf(importer.At(filename, 1, 1), importer.RuleLayout,
			"the Markdown file has no ```mermaid block that starts with `journey`")}
	}
	var b strings.Builder
	for i, l := range lines {
		if i >= keep && i < keepEnd {
			b.WriteString(l)
			continue
		}
		for _, r := range l {
			if r == '\n' || r == '\r' {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return []byte(b.String()), keep + 1, ds
}

// journeyBlock reports whether a block's first line that is not blank, a
// `%%` comment or front matter is `journey`.
func journeyBlock(lines []string) bool {
	inFront := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "---" && (i == 0 || inFront):
			inFront = !inFront
		case inFront, t == "", strings.HasPrefix(t, "%%"):
		default:
			return t == "journey" || strings.HasPrefix(t, "journey ") || strings.HasPrefix(t, "journey\t")
		}
	}
	return false
}
