package udiff

import (
	"bytes"

	gudiff "github.com/aymanbagabas/go-udiff"
	"github.com/aymanbagabas/go-udiff/lcs"
)

// Unified returns the unified diff from a to b with context lines around
// each change, headed by the two names; nil when the texts are equal. A
// last line without a newline is marked `\ No newline at end of file`, as
// diff -u does.
//
// Lines are matched as whole lines, as diff -u matches them: each distinct
// line becomes one symbol and go-udiff's lcs package (x/tools' Myers
// search, bounded so that any input takes little time) aligns the two
// sequences; go-udiff writes the hunks.
func Unified(aName, bName string, a, b []byte, context int) []byte {
	if bytes.Equal(a, b) {
		return nil
	}
	al, bl := lines(a), lines(b)
	code := map[string]rune{}
	symbols := func(ls [][]byte) []rune {
		out := make([]rune, len(ls))
		for i, l := range ls {
			r, ok := code[string(l)]
			if !ok {
				r = rune(len(code))
				code[string(l)] = r
			}
			out[i] = r
		}
		return out
	}
	sa, sb := symbols(al), symbols(bl)
	// Byte offsets of the lines of a (and of its end).
	offA := offsets(al)
	offB := offsets(bl)
	var edits []gudiff.Edit
	// Searched from b to a and turned round: where several alignments
	// are as short, this one agrees with GNU diff -u more often (on a
	// swap of two lines, say) than the search from a to b.
	for _, d := range lcs.DiffRunes(sb, sa) {
		edits = append(edits, gudiff.Edit{
			Start: offA[d.ReplStart], End: offA[d.ReplEnd],
			New: string(b[offB[d.Start]:offB[d.End]]),
		})
	}
	out, err := gudiff.ToUnified(aName, bName, string(a), edits, context)
	if err != nil {
		// The edits come from a and b: they always apply. Should that
		// ever break, a whole-file replacement is still a correct diff.
		out, _ = gudiff.ToUnified(aName, bName, string(a), []gudiff.Edit{{Start: 0, End: len(a), New: string(b)}}, context)
	}
	return []byte(out)
}

// lines cuts text after each newline; a last line without one is a line.
func lines(s []byte) [][]byte {
	var out [][]byte
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

func offsets(ls [][]byte) []int {
	off := make([]int, len(ls)+1)
	for i, l := range ls {
		off[i+1] = off[i] + len(l)
	}
	return off
}
