package yamlfmt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// SyntaxError is a YAML error that stops a file from being formatted.
type SyntaxError struct {
	// Line is 1-based, or 0 when the parser did not say.
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func syntaxError(err error) *SyntaxError {
	msg := err.Error()
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &SyntaxError{Line: n, Msg: m[2]}
	}
	return &SyntaxError{Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// Format returns src in the canonical layout. The result parses to the same
// data as src, keeps every comment, and formats to itself. A file that is
// not valid YAML gives a *SyntaxError; a file Format cannot lay out without
// losing something (which would be a bug) gives another error and no output.
func Format(src []byte) ([]byte, error) {
	out, err := format(src)
	if err != nil {
		return nil, err
	}
	// A comment yaml.v3 attached oddly may move once; the layout is stable
	// after that, so a second pass settles it.
	for pass := 0; ; pass++ {
		again, err := format(out)
		if err != nil {
			return nil, fmt.Errorf("cannot format: the canonical layout does not parse again (%v)", err)
		}
		if bytes.Equal(again, out) {
			break
		}
		if pass == 2 {
			return nil, errors.New("cannot format: the layout does not settle (please report this file)")
		}
		out = again
	}
	if err := samePayload(src, out); err != nil {
		return nil, err
	}
	return out, nil
}

// samePayload checks that formatting kept the data and every comment.
func samePayload(src, out []byte) error {
	a, err := parse(src)
	if err != nil {
		return err
	}
	b, err := parse(out)
	if err != nil {
		return fmt.Errorf("cannot format: the canonical layout does not parse again (%v)", err)
	}
	if (a == nil) != (b == nil) {
		return errors.New("cannot format: the document would change")
	}
	if a == nil {
		return nil
	}
	reorder(a)
	if !equalData(a, b) {
		return errors.New("cannot format: the data would change (please report this file)")
	}
	if !reflect.DeepEqual(comments(a, nil), comments(b, nil)) {
		return errors.New("cannot format: a comment would be lost (please report this file)")
	}
	return nil
}

// parse reads the single document of src; nil when src holds no document.
func parse(src []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil
		}
		return nil, syntaxError(err)
	}
	var more yaml.Node
	switch err := dec.Decode(&more); {
	case err == io.EOF:
	case err != nil:
		return nil, syntaxError(err)
	default:
		return nil, &SyntaxError{Line: more.Line, Msg: "a journey file holds one YAML document; this is a second one"}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, nil
	}
	return &doc, nil
}

func format(src []byte) ([]byte, error) {
	doc, err := parse(src)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		// Nothing but comments (or nothing): leave it as written.
		return src, nil
	}
	f := &formatter{src: splitLines(src)}
	f.fixFeet(doc.Content[0], false)
	f.rehomeFeet(doc, nil)
	reorder(doc)
	if err := f.document(doc); err != nil {
		return nil, err
	}
	return []byte(f.align(f.b.String())), nil
}

func splitLines(src []byte) []string {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	return strings.Split(s, "\n")
}

// reorder sorts the keys of every mapping the format knows into the spec's
// order, keeping unknown keys after them in their original order. A YAML
// file without a top-level `cjm` key is not a journey file: its keys keep
// their order.
func reorder(doc *yaml.Node) {
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "cjm" {
			first := root.Content[0]
			sortMapping(root, topShape)
			// The comment above the first key is the file's header (the
			// schema modeline, say): it stays at the top when the key moves.
			if root.Content[0] != first && first.HeadComment != "" {
				doc.HeadComment = joinComments(doc.HeadComment, first.HeadComment)
				first.HeadComment = ""
			}
			return
		}
	}
}

func sortMapping(m *yaml.Node, s *shape) {
	type pair struct{ k, v *yaml.Node }
	pairs := make([]pair, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		pairs = append(pairs, pair{m.Content[i], m.Content[i+1]})
	}
	rank := func(p pair) int {
		if p.k.Kind != yaml.ScalarNode {
			return len(s.keys)
		}
		return s.rank(p.k.Value)
	}
	sort.SliceStable(pairs, func(i, j int) bool { return rank(pairs[i]) < rank(pairs[j]) })
	for i, p := range pairs {
		m.Content[2*i], m.Content[2*i+1] = p.k, p.v
		if p.k.Kind != yaml.ScalarNode {
			continue
		}
		item, ok := s.items[p.k.Value]
		if !ok || p.v.Kind != yaml.SequenceNode {
			continue
		}
		for _, el := range p.v.Content {
			if el.Kind == yaml.MappingNode {
				sortMapping(el, item)
			}
		}
	}
}

// equalData reports whether two trees hold the same data, ignoring layout,
// style and comments.
func equalData(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return false
	}
	switch a.Kind {
	case yaml.AliasNode:
		return a.Value == b.Value
	case yaml.ScalarNode:
		if a.ShortTag() != b.ShortTag() {
			return false
		}
		if a.ShortTag() == "!!null" || a.Value == b.Value {
			return true
		}
		var va, vb any
		if a.Decode(&va) != nil || b.Decode(&vb) != nil {
			return false
		}
		return reflect.DeepEqual(va, vb)
	}
	for i := range a.Content {
		if !equalData(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// comments returns every comment line of the tree, sorted.
func comments(n *yaml.Node, acc []string) []string {
	for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		for _, l := range strings.Split(c, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				acc = append(acc, l)
			}
		}
	}
	for _, c := range n.Content {
		acc = comments(c, acc)
	}
	if n.Kind == yaml.DocumentNode {
		sort.Strings(acc)
	}
	return acc
}
