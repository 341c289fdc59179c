package diag

import "testing"

func TestRuneClasses(t *testing.T) {
	for r, want := range map[rune][2]bool{
		0x00: {true, false}, '\t': {false, false}, '\n': {false, false}, '\r': {true, false},
		0x1b: {true, false}, ' ': {false, false}, 0x7e: {false, false}, 0x7f: {true, false},
		0x85: {true, false}, 0x9f: {true, false}, 0xa0: {false, false}, 0x2029: {false, false},
		0x202a: {false, true}, 0x202e: {false, true}, 0x202f: {false, false}, 0x2065: {false, false},
		0x2066: {false, true}, 0x2069: {false, true}, 0x206a: {false, false}, 'ж': {false, false},
	} {
		if got := [2]bool{IsControl(r), IsBidiControl(r)}; got != want {
			t.Errorf("%U: control, bidi = %v, want %v", r, got, want)
		}
	}
}
