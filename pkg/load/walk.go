package load

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/suggest"
)

// Walker reads a small settings file (the project configuration
// .cjm.yaml, a render theme) node by node, so every finding keeps its line
// and column: unknown keys with a suggestion, repeated keys, aliases,
// values of the wrong type or out of range. The one copy of those rules for
// files that are not journey maps; the journey loader has its own walk.
type Walker struct {
	// Name is the file's name in findings; File names it in messages
	// (".cjm.yaml", "a theme").
	Name string
	File string
	// Diags collects the findings.
	Diags diag.Diagnostics
}

// Document parses src, returning its top node, or nil when the file is
// empty (or holds only `~`) or cannot be parsed (the syntax findings are in
// w.Diags then, as SyntaxErrors gives them).
func (w *Walker) Document(src []byte) *yaml.Node {
	if ds := SyntaxErrors(w.Name, src); len(ds) > 0 {
		w.Diags = append(w.Diags, ds...)
		return nil
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		w.Diags = append(w.Diags, diag.Errorf(diag.Range{Filename: w.Name, Start: diag.Pos{Line: 1, Column: 1}}, RuleYAMLSyntax, "%s", err))
		return nil
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].ShortTag() == "!!null" {
		return nil
	}
	return doc.Content[0]
}

// At is the position of n.
func (w *Walker) At(n *yaml.Node) diag.Range {
	return diag.Range{Filename: w.Name, Start: diag.Pos{Line: n.Line, Column: n.Column}}
}

// Errorf reports an error at n.
func (w *Walker) Errorf(n *yaml.Node, rule, format string, args ...any) {
	w.Diags = append(w.Diags, diag.Errorf(w.At(n), rule, format, args...))
}

// Fields walks a mapping and returns its key and value nodes, reporting
// keys not in known (nil: any key), repeated keys, aliases and a node that
// is not a mapping. what names the mapping in messages.
func (w *Walker) Fields(n *yaml.Node, what string, known []string) [][2]*yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		w.Errorf(n, RuleAlias, "anchors and aliases are not supported in %s; write the value out", w.File)
		return nil
	}
	if n.Kind != yaml.MappingNode {
		w.Errorf(n, RuleWrongType, "%s must be a mapping (`key: value` lines), not %s", what, Describe(n))
		return nil
	}
	var out [][2]*yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case known != nil && !slices.Contains(known, k.Value):
			w.Errorf(k, RuleUnknownKey, "unknown key `%s` in %s%s", k.Value, what, Hint(k.Value, known))
		case seen[k.Value]:
			w.Errorf(k, RuleDuplicateKey, "`%s` is given twice in %s; keep one", k.Value, what)
		case v.Kind == yaml.AliasNode || v.Anchor != "":
			w.Errorf(v, RuleAlias, "anchors and aliases are not supported in %s; write the value out", w.File)
		default:
			seen[k.Value] = true
			out = append(out, [2]*yaml.Node{k, v})
		}
	}
	return out
}

// Hint is "; did you mean `x`?", or the list of the known values.
func Hint(s string, known []string) string {
	if h := suggest.DidYouMean(s, known); h != "" {
		return h
	}
	q := make([]string, len(known))
	for i, x := range known {
		q[i] = "`" + x + "`"
	}
	return "; use one of " + strings.Join(q, ", ")
}

// Text returns a scalar's text, reporting other nodes.
func (w *Walker) Text(v *yaml.Node, key string) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" || v.ShortTag() == "!!map" {
		w.Errorf(v, RuleWrongType, "`%s` must be a text, not %s", key, Describe(v))
		return "", false
	}
	return v.Value, true
}

// Enum returns a scalar's text when it is one of allowed, reporting it
// otherwise (and returning "").
func (w *Walker) Enum(v *yaml.Node, key string, allowed []string) string {
	s, ok := w.Text(v, key)
	if !ok {
		return ""
	}
	if !slices.Contains(allowed, s) {
		w.Errorf(v, RuleBadEnum, "`%s: %s` is not allowed%s", key, s, Hint(s, allowed))
		return ""
	}
	return s
}

// List returns the items of a list of texts (a single text is a list of
// one), each one of allowed unless allowed is nil, without repeats.
func (w *Walker) List(v *yaml.Node, key string, allowed []string) []string {
	var out []string
	for _, it := range w.Items(v) {
		var s string
		if allowed == nil {
			var ok bool
			if s, ok = w.Text(it, key); !ok {
				continue
			}
		} else if s = w.Enum(it, key, allowed); s == "" {
			continue
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if out == nil {
		out = []string{}
	}
	return out
}

// Items returns the items of a list, or v itself when it is not one (a
// single value is a list of one).
func (w *Walker) Items(v *yaml.Node) []*yaml.Node {
	if v.Kind == yaml.SequenceNode {
		return v.Content
	}
	return []*yaml.Node{v}
}

// Number returns a number from lo to hi, reporting anything else.
func (w *Walker) Number(v *yaml.Node, key string, lo, hi float64) (float64, bool) {
	tag := v.ShortTag()
	if v.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") {
		w.Errorf(v, RuleWrongType, "`%s` must be a number, not %s", key, Describe(v))
		return 0, false
	}
	x, err := strconv.ParseFloat(v.Value, 64)
	if err != nil || math.IsNaN(x) || x < lo || x > hi {
		w.Errorf(v, RuleBadEnum, "`%s: %s` is out of range; use a number from %g to %g", key, v.Value, lo, hi)
		return 0, false
	}
	return x, true
}
