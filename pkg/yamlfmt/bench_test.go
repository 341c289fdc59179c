package yamlfmt

import (
	"fmt"
	"strings"
	"testing"
)

// bigMap is a journey of n stages with ten touchpoints each.
func bigMap(n int) []byte {
	var b strings.Builder
	b.WriteString("# header\ntitle: Big\ncjm: 1\nstages:\n")
	for s := 0; s < n; s++ {
		fmt.Fprintf(&b, "- name: Stage %d\n  id: s%d\n  touchpoints:\n", s, s)
		for t := 0; t < 10; t++ {
			fmt.Fprintf(&b, "  - {name: 'Touchpoint %d.%d', id: t%d-%d, emotion: 1}\n", s, t, s, t)
			fmt.Fprintf(&b, "  - id: u%d-%d # note\n    name: Этап %d\n    pains: [slow, costly]\n    notes: |\n      line one\n      line two\n", s, t, t)
		}
	}
	return []byte(b.String())
}

func BenchmarkFormat(b *testing.B) {
	src := bigMap(100) // 2,000 touchpoints
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Format(src); err != nil {
			b.Fatal(err)
		}
	}
}
