package suggest

import "strings"

// MaxDistance is the largest edit distance at which Closest still suggests
// a name.
const MaxDistance = 3

// Distance returns the optimal-string-alignment edit distance between a and
// b, counted in runes: insertions, deletions, substitutions and swaps of two
// neighbouring runes each cost 1 ("nmae" is one edit from "name").
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	if n == 0 {
		return m
	}
	if m == 0 {
		return n
	}
	// Three rows are enough for the transposition step.
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// Closest returns the candidate nearest to name, and false when none is
// within MaxDistance edits or the match would replace most of name (so "xy"
// never suggests "id"). Letter case is ignored. On a tie the earlier
// candidate wins, so the answer is the same on every run.
func Closest(name string, candidates []string) (string, bool) {
	lname := strings.ToLower(name)
	n := len([]rune(name))
	best, bestD := "", MaxDistance+1
	for _, c := range candidates {
		if c == name {
			continue
		}
		// A length difference is a lower bound of the distance: skip
		// hopeless candidates without the quadratic comparison.
		if lc := len([]rune(c)); lc > n+MaxDistance || lc < n-MaxDistance {
			continue
		}
		d := Distance(lname, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > MaxDistance || bestD >= n {
		return "", false
	}
	return best, true
}

// DidYouMean returns "; did you mean `x`?" for the closest candidate, or ""
// when there is none. Messages append it after what is wrong.
func DidYouMean(name string, candidates []string) string {
	if c, ok := Closest(name, candidates); ok {
		return "; did you mean `" + c + "`?"
	}
	return ""
}
