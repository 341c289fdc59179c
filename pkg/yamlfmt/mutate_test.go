package yamlfmt

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestCommentAnywhere puts a comment line at every place and indentation
// of the fixtures: whenever the result is valid YAML, it must format
// (comments are never a reason to refuse), to a fixed point, keeping the
// comment.
func TestCommentAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, path := range []string{"testdata/format/rich.in.yaml", "testdata/format/comments.in.yaml", "testdata/format/feet.in.yaml"} {
		lines := strings.Split(string(read(t, path)), "\n")
		for i := range lines {
			for _, ind := range []int{0, 2, 4, 6, 8, 10} {
				mut := append(append(append([]string{}, lines[:i]...), strings.Repeat(" ", ind)+"# injected"), lines[i:]...)
				src := []byte(strings.Join(mut, "\n"))
				if _, err := parse(src); err != nil {
					continue
				}
				out, err := Format(src)
				if err != nil {
					var se *SyntaxError
					if !errors.As(err, &se) {
						t.Errorf("%s, line %d, indent %d: %v", path, i+1, ind, err)
					}
					continue
				}
				if !bytes.Contains(out, []byte("# injected")) {
					t.Errorf("%s, line %d, indent %d: comment lost", path, i+1, ind)
				}
			}
		}
	}
}

// TestTrailingCommentAnywhere ends every line of the fixtures with a
// comment in turn, and puts blank lines everywhere.
func TestTrailingCommentAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, path := range []string{"testdata/format/rich.in.yaml", "testdata/format/comments.in.yaml", "testdata/format/scalars.in.yaml"} {
		lines := strings.Split(string(read(t, path)), "\n")
		for i := range lines {
			for _, mut := range [][]string{
				append(append(append([]string{}, lines[:i]...), lines[i]+" # injected"), lines[i+1:]...),
				append(append(append([]string{}, lines[:i]...), ""), lines[i:]...),
			} {
				src := []byte(strings.Join(mut, "\n"))
				if _, err := parse(src); err != nil {
					continue
				}
				if _, err := Format(src); err != nil {
					var se *SyntaxError
					if !errors.As(err, &se) {
						t.Errorf("%s, line %d: %v\n%s", path, i+1, err, src)
					}
				}
			}
		}
	}
}
