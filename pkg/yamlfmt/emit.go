package yamlfmt

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

const indentStep = 2

// formatter writes one document in the canonical layout.
type formatter struct {
	src []string // the source, line by line (for blank lines and markers)
	b   strings.Builder
	// keep is set after a block scalar that keeps its trailing newlines
	// (`|+`): a blank line after it belongs to the scalar.
	keep bool
	// trails are the end-of-line comments written, in order (see align).
	trails []trail
}

func spaces(n int) string { return strings.Repeat(" ", n) }

// srcLine returns source line n (1-based), or "" when out of range.
func (f *formatter) srcLine(n int) string {
	if n < 1 || n > len(f.src) {
		return ""
	}
	return f.src[n-1]
}

// blankBefore reports whether the author left a blank line above the node
// (above its comments).
func (f *formatter) blankBefore(n *yaml.Node) bool {
	for l := n.Line - 1; l >= 1; l-- {
		t := strings.TrimSpace(f.srcLine(l))
		switch {
		case t == "":
			return true
		case strings.HasPrefix(t, "#"), t == "-", strings.HasPrefix(t, "- #"):
			continue
		default:
			return false
		}
	}
	return false
}

// fixFeet undoes a quirk of yaml.v3: a comment between two items of a
// sequence of mappings may be given to the first key of the second item as
// a foot comment. A foot comment that stands above its key in the source is
// turned back into a head comment (of the item, for a first key).
func (f *formatter) fixFeet(n *yaml.Node, item bool) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.FootComment == "" || !f.commentAbove(k.FootComment, k.Line) {
				continue
			}
			if i == 0 && item {
				n.HeadComment = joinComments(n.HeadComment, k.FootComment)
			} else {
				k.HeadComment = joinComments(k.FootComment, k.HeadComment)
			}
			k.FootComment = ""
		}
	}
	for _, c := range n.Content {
		f.fixFeet(c, n.Kind == yaml.SequenceNode)
	}
}

// entry is a mapping key or a sequence item, with the source column where
// it starts (the key, or the item's dash): a foot comment belongs to the
// innermost entry that starts at or left of the comment.
type entry struct {
	node *yaml.Node
	col  int
}

// rehomeFeet undoes another quirk of yaml.v3: it gives a comment below a
// nested block to the last key of the innermost mapping, whatever its
// indentation. A foot comment written left of its owner moves to the
// entry it lines up with, so it keeps its place and its indentation.
func (f *formatter) rehomeFeet(n *yaml.Node, stack []entry) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			f.rehomeFeet(c, stack)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			st := append(stack[:len(stack):len(stack)], entry{k, k.Column - 1})
			f.rehome(k, st)
			f.rehome(v, st)
			f.rehomeFeet(v, st)
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			st := append(stack[:len(stack):len(stack)], entry{it, f.dashCol(it)})
			f.rehome(it, st)
			f.rehomeFeet(it, st)
		}
	}
}

func (f *formatter) rehome(n *yaml.Node, stack []entry) {
	if n.FootComment == "" || len(stack) == 0 {
		return
	}
	c := f.commentCol(n.FootComment, n.Line)
	if c < 0 || c >= stack[len(stack)-1].col {
		return
	}
	target := stack[0].node
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].col <= c {
			target = stack[i].node
			break
		}
	}
	if target == n {
		return
	}
	target.FootComment = joinComments(n.FootComment, target.FootComment)
	n.FootComment = ""
}

// commentCol returns the source column (0-based) of the first line of
// comment c, looked for from line n on; -1 when it is not found.
func (f *formatter) commentCol(c string, n int) int {
	first := strings.TrimSpace(strings.SplitN(strings.TrimSpace(c), "\n", 2)[0])
	for l := max(n, 1); l <= len(f.src); l++ {
		line := f.src[l-1]
		if strings.TrimSpace(line) == first {
			return len([]rune(line)) - len([]rune(strings.TrimLeft(line, " \t")))
		}
	}
	return -1
}

// dashCol returns the column of the `- ` that starts a sequence item, or
// the item's own column for an item of a flow sequence.
func (f *formatter) dashCol(it *yaml.Node) int {
	line := []rune(f.srcLine(it.Line))
	i := it.Column - 2
	for i >= 0 && i < len(line) && line[i] == ' ' {
		i--
	}
	if i >= 0 && i < len(line) && line[i] == '-' {
		return i
	}
	return it.Column - 1
}

// commentAbove reports whether the last line of comment c is the nearest
// comment above source line n.
func (f *formatter) commentAbove(c string, n int) bool {
	lines := strings.Split(strings.TrimSpace(c), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	for l := n - 1; l >= 1; l-- {
		t := strings.TrimSpace(f.srcLine(l))
		if t == "" {
			continue
		}
		return t == last
	}
	return false
}

func (f *formatter) blank() {
	if f.keep {
		return
	}
	s := f.b.String()
	if s == "" || strings.HasSuffix(s, "\n\n") {
		return
	}
	f.b.WriteByte('\n')
}

// comment writes a head or foot comment at the indentation, one line each,
// with runs of blank lines collapsed to one.
func (f *formatter) comment(text string, indent int) {
	if strings.TrimSpace(text) == "" {
		return
	}
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			f.blank()
			continue
		}
		f.b.WriteString(spaces(indent))
		f.b.WriteString(l)
		f.b.WriteByte('\n')
		f.keep = false
	}
}

func joinComments(cs ...string) string {
	var out []string
	for _, c := range cs {
		if strings.TrimSpace(c) != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, "\n")
}

// lineComment returns the trailing comment(s) for a line, with a leading
// space, or "".
func lineComment(cs ...string) string {
	var out []string
	for _, c := range cs {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, strings.ReplaceAll(c, "\n", " "))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " " + strings.Join(out, " ")
}

func (f *formatter) document(doc *yaml.Node) error {
	root := doc.Content[0]
	start, end := f.markers(root)
	if start >= 0 {
		var pre []string
		for _, l := range f.src[:start] {
			t := strings.TrimSpace(l)
			if t == "" {
				f.blank()
				continue
			}
			f.b.WriteString(t)
			f.b.WriteByte('\n')
			if strings.HasPrefix(t, "#") {
				pre = append(pre, t)
			}
		}
		// yaml.v3 gives the comments above `---`, and the one after it on
		// its line, to the first node; they are written with the marker
		// already.
		if mc := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(f.src[start]), "---")); strings.HasPrefix(mc, "#") {
			pre = append(pre, mc)
		}
		heads := []*string{&doc.HeadComment, &root.HeadComment}
		if root.Kind == yaml.MappingNode && len(root.Content) > 0 {
			heads = append(heads, &root.Content[0].HeadComment)
		}
		for _, h := range heads {
			pre = stripLeading(h, pre)
		}
		f.b.WriteString(strings.TrimSpace(f.src[start]))
		f.b.WriteByte('\n')
	}
	if strings.TrimSpace(doc.HeadComment) != "" {
		f.comment(doc.HeadComment, 0)
		f.b.WriteByte('\n')
	}
	if err := f.top(root); err != nil {
		return err
	}
	if strings.TrimSpace(doc.FootComment) != "" {
		f.blank()
		f.comment(doc.FootComment, 0)
	}
	if end {
		f.b.WriteString("...\n")
	}
	return nil
}

// stripLeading removes the lines of pre from the start of the comment *c
// and returns the lines it did not find there.
func stripLeading(c *string, pre []string) []string {
	if len(pre) == 0 || *c == "" {
		return pre
	}
	lines := strings.Split(*c, "\n")
	i := 0
	for i < len(lines) && len(pre) > 0 {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			i++
			continue
		}
		if t != pre[0] {
			break
		}
		pre = pre[1:]
		i++
	}
	*c = strings.Join(lines[i:], "\n")
	return pre
}

// markers finds an explicit document start (`---`) above the root node, as
// a 0-based line index or -1, and an explicit document end (`...`) after
// it.
func (f *formatter) markers(root *yaml.Node) (start int, end bool) {
	start = -1
	for i := 0; i < len(f.src) && i < root.Line-1; i++ {
		l := strings.TrimRight(f.src[i], " \t")
		if l == "---" || strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "---\t") {
			start = i
			break
		}
	}
	for i := len(f.src) - 1; i >= 0 && i >= root.Line; i-- {
		t := strings.TrimSpace(f.src[i])
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		end = t == "..." || strings.HasPrefix(t, "... ") || strings.HasPrefix(t, "...#")
		break
	}
	return start, end
}

// top writes the root node.
func (f *formatter) top(n *yaml.Node) error {
	if isBlock(n) {
		f.comment(n.HeadComment, 0)
		if p := props(n); p != "" {
			f.b.WriteString(strings.TrimSpace(p))
			f.endLine(n.Line, n.LineComment)
		}
		var err error
		if n.Kind == yaml.MappingNode {
			err = f.mapping(n, 0, "")
		} else {
			err = f.sequence(n, 0, "")
		}
		if err != nil {
			return err
		}
		f.comment(n.FootComment, 0)
		return nil
	}
	f.comment(n.HeadComment, 0)
	s, block, err := f.scalarOrFlow(n)
	if err != nil {
		return err
	}
	f.b.WriteString(strings.TrimPrefix(s, " "))
	f.endLine(n.Line, n.LineComment)
	if block != "" {
		f.blockScalarBody(block, 0)
	}
	f.comment(n.FootComment, 0)
	return nil
}

// isBlock reports whether n is written as a block collection: a non-empty
// mapping or sequence the author wrote in block style, or a flow one that
// holds comments (flow style has no room for them).
func isBlock(n *yaml.Node) bool {
	if (n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode) || len(n.Content) == 0 {
		return false
	}
	if n.Style&yaml.FlowStyle == 0 {
		return true
	}
	for _, c := range n.Content {
		if hasComments(c) {
			return true
		}
	}
	return false
}

func hasComments(n *yaml.Node) bool {
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		return true
	}
	for _, c := range n.Content {
		if hasComments(c) {
			return true
		}
	}
	return false
}

// props returns the node's anchor and explicit tag, each followed by a
// space, or "".
func props(n *yaml.Node) string {
	var s string
	if n.Kind != yaml.ScalarNode && n.Style&yaml.TaggedStyle != 0 && n.Tag != "" {
		s += n.Tag + " "
	}
	if n.Anchor != "" {
		s += "&" + n.Anchor + " "
	}
	return s
}

// hoisted returns the head comments that belong above the first line of a
// block collection written after a `- ` (the first entry's own comments).
func hoisted(n *yaml.Node) string {
	if len(n.Content) == 0 {
		return ""
	}
	switch n.Kind {
	case yaml.MappingNode:
		k, v := n.Content[0], n.Content[1]
		if isBlock(v) {
			return k.HeadComment
		}
		return joinComments(k.HeadComment, v.HeadComment)
	case yaml.SequenceNode:
		it := n.Content[0]
		h := it.HeadComment
		if isBlock(it) && props(it) == "" {
			h = joinComments(h, it.LineComment, hoisted(it))
		}
		return h
	}
	return ""
}

// mapping writes a block mapping at indent. When first is not empty, the
// first key goes on the current line after first (a `- `), and its head
// comments have been written above by the caller.
func (f *formatter) mapping(n *yaml.Node, indent int, first string) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode && k.Kind != yaml.AliasNode {
			return fmt.Errorf("line %d: cannot format a mapping key that is itself a collection", k.Line)
		}
		lead := spaces(indent)
		if i == 0 && first != "" {
			lead = first
		} else {
			if i > 0 && f.blankBefore(k) {
				f.blank()
			}
			if isBlock(v) {
				f.comment(k.HeadComment, indent)
			} else {
				f.comment(joinComments(k.HeadComment, v.HeadComment), indent)
			}
		}
		key, _, err := f.scalarOrFlow(k)
		if err != nil {
			return err
		}
		if k.Kind == yaml.AliasNode {
			key += " " // `*a : v`, not `*a: v` (the colon would join the alias name)
		}
		if key == "" {
			key = "null" // an empty key (`? ` with nothing) is a null
		}
		f.b.WriteString(lead + key + ":")
		f.keep = false
		if err := f.value(v, indent, k.Line, k.LineComment); err != nil {
			return err
		}
		f.comment(v.FootComment, indent)
		f.comment(k.FootComment, indent)
	}
	return nil
}

// value writes the value of a mapping entry or sequence item, after the
// `key:` or `-` already written, and ends the line(s). lc is a line comment
// carried from the key; line is the source line of the key or dash.
func (f *formatter) value(v *yaml.Node, indent, line int, lc string) error {
	if isBlock(v) {
		p := props(v)
		if p != "" {
			p = " " + strings.TrimSpace(p)
		}
		f.b.WriteString(p)
		f.endLine(line, lc, v.LineComment)
		f.comment(v.HeadComment, indent+indentStep)
		var err error
		if v.Kind == yaml.MappingNode {
			err = f.mapping(v, indent+indentStep, "")
		} else {
			err = f.sequence(v, indent+indentStep, "")
		}
		return err
	}
	s, block, err := f.scalarOrFlow(v)
	if err != nil {
		return err
	}
	if s != "" && block == "" && strings.TrimSpace(lc) != "" && strings.TrimSpace(v.LineComment) != "" {
		// `key: # a` with the value on the next line, `[] # b`: two
		// comments, so the value stays on a line of its own.
		f.endLine(line, lc)
		f.b.WriteString(spaces(indent+indentStep) + s)
		f.endLine(v.Line, v.LineComment)
		return nil
	}
	if s != "" {
		f.b.WriteString(" " + s)
	}
	f.endLine(line, lc, v.LineComment)
	if block != "" {
		f.blockScalarBody(block, indent)
	}
	return nil
}

// sequence writes a block sequence at indent; first as for mapping.
func (f *formatter) sequence(n *yaml.Node, indent int, first string) error {
	for i, it := range n.Content {
		lead := spaces(indent)
		if i == 0 && first != "" {
			lead = first
		} else {
			if i > 0 && f.blankBefore(it) {
				f.blank()
			}
			f.comment(it.HeadComment, indent)
		}
		if isBlock(it) && props(it) == "" {
			if i > 0 || first == "" {
				f.comment(joinComments(it.LineComment, hoisted(it)), indent)
			}
			var err error
			if it.Kind == yaml.MappingNode {
				err = f.mapping(it, indent+indentStep, lead+"- ")
			} else {
				err = f.sequence(it, indent+indentStep, lead+"- ")
			}
			if err != nil {
				return err
			}
		} else {
			f.b.WriteString(lead + "-")
			f.keep = false
			if err := f.value(it, indent, it.Line, ""); err != nil {
				return err
			}
		}
		f.comment(it.FootComment, indent)
	}
	return nil
}

// scalarOrFlow returns the text of a scalar, alias or flow collection that
// goes on the current line (empty for a plain empty null), and for a block
// scalar (`|`, `>`) the body lines that follow it, indented for the top
// level.
func (f *formatter) scalarOrFlow(n *yaml.Node) (head, body string, err error) {
	switch n.Kind {
	case yaml.AliasNode:
		return "*" + n.Value, "", nil
	case yaml.ScalarNode:
		if n.Anchor == "" && n.Tag == "!!null" && n.Value == "" && n.Style&yaml.TaggedStyle == 0 {
			return "", "", nil
		}
		head, body, err = f.scalarText(n, false)
		if err != nil {
			return "", "", err
		}
		if body != "" {
			f.keep = strings.Contains(head, "+")
		}
		return anchor(n) + head, body, nil
	}
	s, err := f.flow(n)
	return s, "", err
}

func anchor(n *yaml.Node) string {
	if n.Anchor == "" {
		return ""
	}
	return "&" + n.Anchor + " "
}

// blockScalarBody writes the body of a block scalar, re-indented under a
// parent at indent.
func (f *formatter) blockScalarBody(body string, indent int) {
	body = strings.TrimSuffix(body, "\n")
	for _, l := range strings.Split(body, "\n") {
		if l != "" {
			f.b.WriteString(spaces(indent) + l)
		}
		f.b.WriteByte('\n')
	}
}

// flow writes a collection in flow style on one line.
func (f *formatter) flow(n *yaml.Node) (string, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return "*" + n.Value, nil
	case yaml.ScalarNode:
		s, _, err := f.scalarText(n, true)
		if err != nil {
			return "", err
		}
		if s == "" {
			s = `""`
			if n.ShortTag() == "!!null" {
				s = "null"
			}
		}
		return anchor(n) + s, nil
	case yaml.MappingNode:
		parts := make([]string, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, err := f.flow(n.Content[i])
			if err != nil {
				return "", err
			}
			if n.Content[i].Kind == yaml.AliasNode {
				k += " "
			}
			v, err := f.flow(n.Content[i+1])
			if err != nil {
				return "", err
			}
			parts = append(parts, k+": "+v)
		}
		return props(n) + "{" + strings.Join(parts, ", ") + "}", nil
	case yaml.SequenceNode:
		parts := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := f.flow(c)
			if err != nil {
				return "", err
			}
			parts = append(parts, v)
		}
		return props(n) + "[" + strings.Join(parts, ", ") + "]", nil
	}
	return "", fmt.Errorf("line %d: unexpected YAML node", n.Line)
}

// encode marshals a lone scalar node and returns its text without the
// final newline (a block scalar keeps its body lines, indented by two).
func encode(n *yaml.Node) (text string, err error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(indentStep)
	if err := enc.Encode(n); err != nil {
		return "", fmt.Errorf("line %d: %v", n.Line, err)
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	s := strings.TrimSuffix(buf.String(), "\n")
	s = strings.TrimSuffix(s, "\n...")
	return s, nil
}
