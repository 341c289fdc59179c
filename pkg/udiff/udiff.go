package udiff

import (
	"bytes"
	"fmt"
	"strings"
)

// maxCells bounds the line-matching table; beyond it the changed middle of
// the texts is shown as one replacement (still a correct diff, just not a
// minimal one).
const maxCells = 4 << 20

type op struct {
	kind byte // ' ', '-', '+'
	line string
}

// Unified returns the unified diff from a to b with context lines around
// each change, headed by the two names; nil when the texts are equal.
func Unified(aName, bName string, a, b []byte, context int) []byte {
	if bytes.Equal(a, b) {
		return nil
	}
	al, bl := split(a), split(b)
	ops := edits(al, bl)
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
	// Find runs of changes and the context around them.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-context)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			// A run of unchanged lines: does another change follow closely?
			j := end
			for j < len(ops) && ops[j].kind == ' ' {
				j++
			}
			if j < len(ops) && j-end <= 2*context {
				end = j
				continue
			}
			end = min(len(ops), end+context)
			break
		}
		writeHunk(&out, ops, start, end)
		i = end
	}
	return out.Bytes()
}

// split cuts text into lines; a last line without a newline is marked.
func split(s []byte) []string {
	if len(s) == 0 {
		return nil
	}
	text := string(s)
	noEOL := !strings.HasSuffix(text, "\n")
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if noEOL {
		lines[len(lines)-1] += "\n\\ No newline at end of file\n"
	}
	return lines
}

func writeHunk(out *bytes.Buffer, ops []op, start, end int) {
	// Line numbers (1-based) where the hunk starts in each text.
	aLine, bLine := 1, 1
	for _, o := range ops[:start] {
		if o.kind != '+' {
			aLine++
		}
		if o.kind != '-' {
			bLine++
		}
	}
	aCount, bCount := 0, 0
	for _, o := range ops[start:end] {
		if o.kind != '+' {
			aCount++
		}
		if o.kind != '-' {
			bCount++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", rangeOf(aLine, aCount), rangeOf(bLine, bCount))
	for _, o := range ops[start:end] {
		out.WriteByte(o.kind)
		out.WriteString(o.line)
	}
}

func rangeOf(line, count int) string {
	if count == 0 {
		line-- // an empty range names the line before it
	}
	if count == 1 {
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, count)
}

// edits returns a shortest edit script from a to b (longest common
// subsequence of lines), with common prefix and suffix trimmed first.
func edits(a, b []string) []op {
	var ops []op
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		ops = append(ops, op{' ', a[p]})
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	am, bm := a[p:len(a)-s], b[p:len(b)-s]
	ops = append(ops, middle(am, bm)...)
	for _, l := range a[len(a)-s:] {
		ops = append(ops, op{' ', l})
	}
	return ops
}

func middle(a, b []string) []op {
	n, m := len(a), len(b)
	var ops []op
	if n*m > maxCells {
		for _, l := range a {
			ops = append(ops, op{'-', l})
		}
		for _, l := range b {
			ops = append(ops, op{'+', l})
		}
		return ops
	}
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, op{' ', a[i]})
			i++
			j++
		case j < m && (i == n || t[i][j+1] > t[i+1][j]):
			ops = append(ops, op{'+', b[j]})
			j++
		default:
			ops = append(ops, op{'-', a[i]})
			i++
		}
	}
	return ops
}
