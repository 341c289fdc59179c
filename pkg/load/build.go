package load

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/suggest"
	"gopkg.in/yaml.v3"
)

// Keys of each element, in the order format.md lists them (fmt and the
// suggestions use this order).
var (
	MapKeys        = []string{"cjm", "title", "description", "lang", "scope", "include", "measurements", "personas", "channels", "owners", "stages", "transitions"}
	PersonaKeys    = []string{"id", "name", "role", "goals", "needs", "pains", "quote"}
	ChannelKeys    = []string{"id", "name", "kind", "color"}
	OwnerKeys      = []string{"id", "name", "color"}
	StageKeys      = []string{"id", "name", "phase", "goal", "actions", "thoughts", "feelings", "emotion", "metrics", "opportunities", "strategies", "touchpoints"}
	TouchpointKeys = []string{"id", "name", "channel", "owner", "personas", "interactions", "emotion", "pains", "delights", "moment_of_truth", "next", "backstage", "evidence", "source", "metrics", "notes"}
	MetricKeys     = []string{"id", "name", "value", "target", "unit", "better"}
	TransitionKeys = []string{"from", "to", "label"}
)

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// file builds model elements from the nodes of one file.
type file struct {
	l    *loader
	name string
	// included is true for a file loaded through `include`.
	included bool
}

func (f *file) rng(n *yaml.Node) diag.Range { return rng(f.name, n) }

func (f *file) errorf(n *yaml.Node, rule, format string, args ...any) {
	f.l.add(diag.Errorf(f.rng(n), rule, format, args...))
}

// field is one key of a mapping and its value.
type field struct {
	key, val *yaml.Node
}

// null reports whether the value is empty (`key:` or `key: null`).
func null(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// blank reports whether the value is a text of nothing but spaces (two
// single quotes, or a quoted space); null values are not blank.
func blank(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && !null(n) && strings.TrimSpace(n.Value) == ""
}

// fields checks a mapping: keys are scalars, known and not repeated;
// required keys are present and not empty. It records where each value
// (and each item of a list value) starts in src and returns the known
// fields in source order.
func (f *file) fields(n *yaml.Node, what string, known, required []string, src *journey.Source) []field {
	out := make([]field, 0, len(n.Content)/2)
	src.Grow(len(n.Content) / 2)
	// seen[i] is the key node of known[i]; the keys of one element are
	// few, so a slice beats a map here (this loop runs for every element).
	var seenBuf [16]*yaml.Node
	seen := seenBuf[:0]
	if len(known) > len(seenBuf) {
		seen = make([]*yaml.Node, 0, len(known))
	}
	seen = seen[:len(known)]
	var unknown map[string]*yaml.Node // made on the first unknown key
	var suggested []string            // known keys suggested for unknown ones
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			f.errorf(k, RuleWrongType, "a key of a %s must be a plain name, not %s", what, Describe(k))
			continue
		}
		name := k.Value
		idx := index(known, name)
		var first *yaml.Node
		if idx >= 0 {
			first = seen[idx]
		} else {
			first = unknown[name]
		}
		if first != nil {
			f.errorf(k, RuleDuplicateKey, "`%s` is given twice in this %s (first on line %d); keep one", name, what, first.Line)
			continue
		}
		if idx < 0 {
			if unknown == nil {
				unknown = map[string]*yaml.Node{}
			}
			unknown[name] = k
			if c, ok := suggest.Closest(name, known); ok {
				suggested = append(suggested, c)
				src.SetMisspelt(c)
			}
			f.errorf(k, RuleUnknownKey, "unknown key `%s` in a %s%s", name, what, didYouMeanKey(name, known))
			continue
		}
		seen[idx] = k
		out = append(out, field{k, v})
		if null(v) {
			continue // an empty value is an absent key (Src.Has says no)
		}
		src.SetKey(name, f.rng(v))
		if v.Kind == yaml.SequenceNode {
			rs := make([]diag.Range, len(v.Content))
			for j, it := range v.Content {
				rs[j] = f.rng(it)
			}
			src.SetItems(name, rs)
		}
	}
	for _, req := range required {
		k := seen[index(known, req)]
		switch {
		case k == nil && contains(suggested, req):
			// `nmae: X` is reported once, as an unknown key that
			// suggests `name`, not also as a missing `name`.
		case k == nil:
			f.errorf(n, RuleMissingKey, "this %s has no `%s`; add `%s: …`", what, req, req)
		case null(valueOf(n, k)):
			f.errorf(k, RuleMissingKey, "`%s` of this %s is empty; give it a value", req, what)
		case blank(valueOf(n, k)):
			// `id: ''` is as empty as `id:`, and an empty id or name
			// breaks every output that links or labels by it.
			f.errorf(valueOf(n, k), RuleMissingKey, "`%s` of this %s is an empty text; give it a value", req, what)
		}
	}
	return out
}

func valueOf(n, key *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i] == key {
			return n.Content[i+1]
		}
	}
	return key
}

func didYouMeanKey(name string, known []string) string {
	if s := suggest.DidYouMean(name, known); s != "" {
		return s
	}
	return "; the keys here are " + quoteList(known)
}

func quoteList(xs []string) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("`" + x + "`")
	}
	return b.String()
}

func index(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// mapping checks that n is a mapping; what names the element.
func (f *file) mapping(n *yaml.Node, what, hint string) bool {
	if n.Kind == yaml.MappingNode {
		return true
	}
	f.errorf(n, RuleWrongType, "expected a %s (%s), found %s", what, hint, Describe(n))
	return false
}

// str returns a text value. Numbers and booleans are taken as written
// (`name: 2024` is the text "2024"); lists and mappings are wrong.
func (f *file) str(fd field) string {
	v := fd.val
	if v.Kind != yaml.ScalarNode {
		f.errorf(v, RuleWrongType, "`%s` must be text, found %s", fd.key.Value, Describe(v))
		return ""
	}
	if null(v) {
		return ""
	}
	return v.Value
}

// ref returns a reference to an id (`channel`, `owner`): an empty text
// is an error, and the reference is then absent.
func (f *file) ref(fd field, kind string) string {
	if blank(fd.val) {
		f.errorf(fd.val, RuleEmptyReference, "`%s` is an empty text; name a %s id, or remove the key", fd.key.Value, kind)
		return ""
	}
	return f.str(fd)
}

// refs returns a list of references to ids (`personas`, `next`): an
// empty item is an error and is kept as "" (which package validate skips).
func (f *file) refs(fd field, kind string) []string {
	out := f.strs(fd)
	if fd.val.Kind != yaml.SequenceNode {
		return out
	}
	for i, it := range fd.val.Content {
		if i < len(out) && blank(it) {
			f.errorf(it, RuleEmptyReference, "an empty item in `%s`; name a %s id, or remove the item", fd.key.Value, kind)
			out[i] = ""
		}
	}
	return out
}

// strs returns a list of texts; an empty value is an empty list.
func (f *file) strs(fd field) []string {
	v := fd.val
	if null(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		f.errorf(v, RuleWrongType, "`%s` must be a list, found %s; write `%s: [%s]` or one `- item` per line",
			fd.key.Value, Describe(v), fd.key.Value, listHint(v))
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode || null(it) {
			f.errorf(it, RuleWrongType, "items of `%s` must be text, found %s", fd.key.Value, Describe(it))
			out = append(out, "")
			continue
		}
		out = append(out, it.Value)
	}
	return out
}

func listHint(v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode {
		return "…"
	}
	// In a `[…]` list these characters are syntax: the fix shown must
	// parse, so the item is quoted.
	if strings.ContainsAny(v.Value, ",:?#&*!|>'\"%@`[]{}") || strings.TrimSpace(v.Value) != v.Value {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v.Value) + `"`
	}
	return v.Value
}

// enum returns a value that must be one of allowed.
func (f *file) enum(fd field, allowed []string) string {
	s := f.str(fd)
	if s == "" && null(fd.val) {
		return ""
	}
	if fd.val.Kind != yaml.ScalarNode {
		return ""
	}
	if !contains(allowed, s) {
		f.errorf(fd.val, RuleBadEnum, "`%s` cannot be %q; use one of %s", fd.key.Value, s, quoteList(allowed))
		return ""
	}
	return s
}

// number returns a finite number, or nil.
func (f *file) number(fd field, what string) *float64 {
	v, ok := f.float(fd.val, "`"+fd.key.Value+"`", what)
	if !ok {
		return nil
	}
	return &v
}

func (f *file) float(v *yaml.Node, name, what string) (float64, bool) {
	if null(v) {
		return 0, false
	}
	if tag := v.ShortTag(); v.Kind == yaml.ScalarNode && (tag == "!!int" || tag == "!!float") {
		// The common forms (12000, -1.5) parse directly; YAML's others
		// (0x1F, 0o17, 1e3 …) go through yaml.v3.
		x, err := strconv.ParseFloat(v.Value, 64)
		if err != nil || strings.ContainsAny(v.Value, "xXoO_") {
			err = v.Decode(&x)
		}
		if err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
			return x, true
		}
	}
	f.errorf(v, RuleWrongType, "%s must be %s, found %s", name, what, Describe(v))
	return 0, false
}

func (f *file) color(fd field) string {
	s := f.str(fd)
	if s == "" {
		return ""
	}
	if !colorRE.MatchString(s) {
		f.errorf(fd.val, RuleBadColor, "`color` must be a hex colour `#rrggbb` (e.g. `#1f77b4`), not %q", s)
		return ""
	}
	return s
}

// journey builds a map from the root node. included marks a file loaded
// through `include`: only its catalogue is used.
func (f *file) journey(root *yaml.Node, included bool) *journey.Map {
	if !f.mapping(root, "journey file", "keys such as `cjm: 1`, `title` and `stages`") {
		return nil
	}
	m := &journey.Map{File: f.name, Lang: "en", Scope: "full", Src: journey.NewSource(f.rng(root))}
	_, hasStages := findKey(root, "stages")
	fs := f.fields(root, "journey file", MapKeys, []string{"cjm"}, &m.Src)
	var version *yaml.Node
	for _, fd := range fs {
		if fd.key.Value == "cjm" {
			version = fd.val
		}
	}
	if version == nil || null(version) {
		return nil // reported as missing by fields
	}
	if version.Kind != yaml.ScalarNode || version.ShortTag() != "!!int" {
		f.errorf(version, RuleWrongType, "`cjm` is the format version, a whole number; write `cjm: 1`, not %s", Describe(version))
		return nil
	}
	if version.Value != "1" {
		f.errorf(version, RuleUnsupportedVer, "format version %s is not supported; the supported version is 1: write `cjm: 1`", version.Value)
		return nil
	}
	m.Version = journey.Version
	m.Catalogue = !hasStages
	if _, ok := findKey(root, "title"); !ok && !m.Catalogue && !included && !misspelt(root, "title", MapKeys) {
		f.errorf(root, RuleMissingKey, "this journey file has no `title`; add `title: …` (only a catalogue, a file without `stages`, may omit it)")
	}
	for _, fd := range fs {
		switch fd.key.Value {
		case "title":
			m.Title = f.str(fd)
			if m.Title == "" && !m.Catalogue && !included && fd.val.Kind == yaml.ScalarNode && !null(fd.val) {
				f.errorf(fd.val, RuleMissingKey, "`title` is empty; give the map a title")
			}
		case "description":
			m.Description = f.str(fd)
		case "lang":
			if s := f.enum(fd, journey.Languages); s != "" {
				m.Lang = s
			}
		case "scope":
			if s := f.enum(fd, journey.Scopes); s != "" {
				m.Scope = s
			}
		case "include":
			m.Include = f.strs(fd)
		case "measurements":
			if !included { // a catalogue's measurements are ignored, like its title
				m.Measurements = f.strs(fd)
			}
		case "personas":
			f.each(fd, "persona", func(n *yaml.Node) {
				if p := f.persona(n); p != nil {
					m.Personas = append(m.Personas, p)
				}
			})
		case "channels":
			f.each(fd, "channel", func(n *yaml.Node) {
				if c := f.channel(n); c != nil {
					m.Channels = append(m.Channels, c)
				}
			})
		case "owners":
			f.each(fd, "owner", func(n *yaml.Node) {
				if o := f.owner(n); o != nil {
					m.Owners = append(m.Owners, o)
				}
			})
		case "stages":
			if included {
				continue // reported by the includer; not merged
			}
			f.each(fd, "stage", func(n *yaml.Node) {
				if s := f.stage(n); s != nil {
					m.Stages = append(m.Stages, s)
				}
			})
		case "transitions":
			if included {
				continue
			}
			f.each(fd, "transition", func(n *yaml.Node) {
				if t := f.transition(n); t != nil {
					m.Transitions = append(m.Transitions, t)
				}
			})
		}
	}
	if fd, ok := findField(fs, "include"); ok && len(m.Include) > 0 {
		f.includes(m, fd)
	}
	if fd, ok := findField(fs, "measurements"); ok && !included && len(m.Measurements) > 0 {
		f.measurements(m, fd)
	}
	return m
}

// misspelt reports whether an unknown key of n is a near miss of key (so
// the unknown-key finding already says "did you mean `key`?").
func misspelt(n *yaml.Node, key string, known []string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode || contains(known, k.Value) {
			continue
		}
		if c, ok := suggest.Closest(k.Value, known); ok && c == key {
			return true
		}
	}
	return false
}

func findKey(n *yaml.Node, key string) (*yaml.Node, bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind == yaml.ScalarNode && n.Content[i].Value == key {
			return n.Content[i+1], true
		}
	}
	return nil, false
}

func findField(fs []field, key string) (field, bool) {
	for _, fd := range fs {
		if fd.key.Value == key {
			return fd, true
		}
	}
	return field{}, false
}

// each calls fn for every item of a list of elements.
func (f *file) each(fd field, what string, fn func(*yaml.Node)) {
	v := fd.val
	if null(v) {
		return
	}
	if v.Kind != yaml.SequenceNode {
		f.errorf(v, RuleWrongType, "`%s` must be a list of %ss (one `- id: …` per %s), found %s", fd.key.Value, what, what, Describe(v))
		return
	}
	for _, it := range v.Content {
		fn(it)
	}
}

func (f *file) persona(n *yaml.Node) *journey.Persona {
	if !f.mapping(n, "persona", "with `id` and `name`") {
		return nil
	}
	p := &journey.Persona{Src: journey.NewSource(f.rng(n))}
	for _, fd := range f.fields(n, "persona", PersonaKeys, []string{"id", "name"}, &p.Src) {
		switch fd.key.Value {
		case "id":
			p.ID = f.str(fd)
		case "name":
			p.Name = f.str(fd)
		case "role":
			p.Role = f.str(fd)
		case "goals":
			p.Goals = f.strs(fd)
		case "needs":
			p.Needs = f.strs(fd)
		case "pains":
			p.Pains = f.strs(fd)
		case "quote":
			p.Quote = f.str(fd)
		}
	}
	return p
}

func (f *file) channel(n *yaml.Node) *journey.Channel {
	if !f.mapping(n, "channel", "with `id` and `name`") {
		return nil
	}
	c := &journey.Channel{Kind: "digital", Src: journey.NewSource(f.rng(n))}
	for _, fd := range f.fields(n, "channel", ChannelKeys, []string{"id", "name"}, &c.Src) {
		switch fd.key.Value {
		case "id":
			c.ID = f.str(fd)
		case "name":
			c.Name = f.str(fd)
		case "kind":
			if s := f.enum(fd, journey.ChannelKinds); s != "" {
				c.Kind = s
			}
		case "color":
			c.Color = f.color(fd)
		}
	}
	return c
}

func (f *file) owner(n *yaml.Node) *journey.Owner {
	if !f.mapping(n, "owner", "with `id` and `name`") {
		return nil
	}
	o := &journey.Owner{Src: journey.NewSource(f.rng(n))}
	for _, fd := range f.fields(n, "owner", OwnerKeys, []string{"id", "name"}, &o.Src) {
		switch fd.key.Value {
		case "id":
			o.ID = f.str(fd)
		case "name":
			o.Name = f.str(fd)
		case "color":
			o.Color = f.color(fd)
		}
	}
	return o
}

func (f *file) stage(n *yaml.Node) *journey.Stage {
	if !f.mapping(n, "stage", "with `id`, `name` and `touchpoints`") {
		return nil
	}
	s := &journey.Stage{Src: journey.NewSource(f.rng(n))}
	for _, fd := range f.fields(n, "stage", StageKeys, []string{"id", "name"}, &s.Src) {
		switch fd.key.Value {
		case "id":
			s.ID = f.str(fd)
		case "name":
			s.Name = f.str(fd)
		case "phase":
			s.Phase = f.enum(fd, journey.Phases)
		case "goal":
			s.Goal = f.str(fd)
		case "actions":
			s.Actions = f.strs(fd)
		case "thoughts":
			s.Thoughts = f.strs(fd)
		case "feelings":
			s.Feelings = f.strs(fd)
		case "emotion":
			s.Emotion = f.emotion(fd)
		case "metrics":
			s.Metrics = f.metrics(fd)
		case "opportunities":
			s.Opportunities = f.strs(fd)
		case "strategies":
			s.Strategies = f.strs(fd)
		case "touchpoints":
			f.each(fd, "touchpoint", func(n *yaml.Node) {
				if t := f.touchpoint(n); t != nil {
					s.Touchpoints = append(s.Touchpoints, t)
				}
			})
		}
	}
	return s
}

func (f *file) touchpoint(n *yaml.Node) *journey.Touchpoint {
	if !f.mapping(n, "touchpoint", "with `id` and `name`") {
		return nil
	}
	t := &journey.Touchpoint{Src: journey.NewSource(f.rng(n))}
	for _, fd := range f.fields(n, "touchpoint", TouchpointKeys, []string{"id", "name"}, &t.Src) {
		switch fd.key.Value {
		case "id":
			t.ID = f.str(fd)
		case "name":
			t.Name = f.str(fd)
		case "channel":
			t.Channel = f.ref(fd, "channel")
		case "owner":
			t.Owner = f.ref(fd, "owner")
		case "personas":
			t.Personas = f.refs(fd, "persona")
		case "interactions":
			t.Interactions = f.strs(fd)
		case "emotion":
			t.Emotion = f.emotion(fd)
		case "pains":
			t.Pains = f.strs(fd)
		case "delights":
			t.Delights = f.strs(fd)
		case "moment_of_truth":
			t.MomentOfTruth = f.momentOfTruth(fd)
		case "next":
			t.Next = f.refs(fd, "touchpoint")
		case "backstage":
			t.Backstage = f.strs(fd)
		case "evidence":
			t.Evidence = f.enum(fd, journey.EvidenceKinds)
		case "source":
			t.Source = f.str(fd)
		case "metrics":
			t.Metrics = f.metrics(fd)
		case "notes":
			t.Notes = f.str(fd)
		}
	}
	return t
}

// momentOfTruth reads `true`, `false` or a reason.
func (f *file) momentOfTruth(fd field) *journey.MomentOfTruth {
	v := fd.val
	if null(v) {
		return nil
	}
	if v.Kind == yaml.ScalarNode {
		switch v.ShortTag() {
		case "!!bool":
			var b bool
			if err := v.Decode(&b); err == nil {
				if b {
					return &journey.MomentOfTruth{}
				}
				return nil
			}
		case "!!str":
			return &journey.MomentOfTruth{Reason: v.Value}
		}
	}
	f.errorf(v, RuleWrongType, "`moment_of_truth` must be `true` or a text saying why, found %s", Describe(v))
	return nil
}

const emotionWant = "a number from -2 to 2"

// emotion reads a number or a mapping persona id → number. The range is
// checked by package validate.
func (f *file) emotion(fd field) *journey.Emotion {
	v := fd.val
	if null(v) {
		return nil
	}
	e := &journey.Emotion{Src: journey.NewSource(f.rng(v))}
	switch v.Kind {
	case yaml.ScalarNode:
		x, ok := f.float(v, "`emotion`", emotionWant+" (or a mapping persona id: number)")
		if !ok {
			return nil
		}
		e.Value = x
		return e
	case yaml.MappingNode:
		if len(v.Content) == 0 {
			f.errorf(v, RuleWrongType, "`emotion` is an empty mapping; give a number, or one `persona-id: number` per persona")
			return nil
		}
		e.PerPersona = []journey.PersonaEmotion{}
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, val := v.Content[i], v.Content[i+1]
			if k.Kind != yaml.ScalarNode || null(k) {
				f.errorf(k, RuleWrongType, "keys of a per-persona `emotion` must be persona ids, found %s", Describe(k))
				continue
			}
			if blank(k) {
				f.errorf(k, RuleEmptyReference, "an empty persona id in this `emotion`; name a persona id, or remove the entry")
				continue
			}
			if first, dup := seen[k.Value]; dup {
				f.errorf(k, RuleDuplicateKey, "persona `%s` is given twice in this `emotion` (first on line %d); keep one", k.Value, first.Line)
				continue
			}
			seen[k.Value] = k
			x, ok := f.float(val, "the emotion of `"+k.Value+"`", emotionWant)
			if !ok {
				continue
			}
			e.Src.SetKey(k.Value, f.rng(val))
			e.PerPersona = append(e.PerPersona, journey.PersonaEmotion{Persona: k.Value, Value: x, Src: f.rng(k)})
		}
		if len(e.PerPersona) == 0 {
			return nil
		}
		return e
	}
	f.errorf(v, RuleWrongType, "`emotion` must be %s, or a mapping persona id: number, found %s", emotionWant, Describe(v))
	return nil
}

func (f *file) metrics(fd field) []*journey.Metric {
	var out []*journey.Metric
	f.each(fd, "metric", func(n *yaml.Node) {
		if !f.mapping(n, "metric", "with `id`, `name` and usually `value` and `target`") {
			return
		}
		m := &journey.Metric{Better: "higher", Src: journey.NewSource(f.rng(n))}
		for _, fd := range f.fields(n, "metric", MetricKeys, []string{"id", "name"}, &m.Src) {
			switch fd.key.Value {
			case "id":
				m.ID = f.str(fd)
			case "name":
				m.Name = f.str(fd)
			case "value":
				m.Value = f.number(fd, "a number")
				m.Stated = m.Value
			case "target":
				m.Target = f.number(fd, "a number")
			case "unit":
				m.Unit = f.str(fd)
			case "better":
				if s := f.enum(fd, journey.Directions); s != "" {
					m.Better = s
				}
			}
		}
		out = append(out, m)
	})
	return out
}

func (f *file) transition(n *yaml.Node) *journey.Transition {
	if !f.mapping(n, "transition", "with `from` and `to` stage ids") {
		return nil
	}
	t := &journey.Transition{Src: journey.NewSource(f.rng(n))}
	for _, fd := range f.fields(n, "transition", TransitionKeys, []string{"from", "to"}, &t.Src) {
		switch fd.key.Value {
		case "from":
			t.From = f.str(fd)
		case "to":
			t.To = f.str(fd)
		case "label":
			t.Label = f.str(fd)
		}
	}
	return t
}
