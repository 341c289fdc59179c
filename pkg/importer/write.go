package importer

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/yamlfmt"
)

// Write returns m as a journey file in the canonical layout (the bytes
// `cjm fmt` leaves as they are). origin, when not empty, names the input
// in a comment on the first line. Only what is set is written: defaults
// (lang en, scope full, channel kind digital, metric better higher) are
// left out. When m has includes, the personas, channels and owners that
// came from them (Origin) stay in their catalogues and are not written.
func Write(m *journey.Map, origin string) ([]byte, error) {
	root := mapping()
	if origin != "" {
		root.HeadComment = "# Imported from " + strings.ReplaceAll(origin, "\n", " ") + " by cjm import."
	}
	add(root, "cjm", num(float64(journey.Version)))
	addStr(root, "title", m.Title)
	addStr(root, "description", m.Description)
	if m.Lang != "" && m.Lang != "en" {
		addStr(root, "lang", m.Lang)
	}
	if m.Scope != "" && m.Scope != "full" {
		addStr(root, "scope", m.Scope)
	}
	if len(m.Include) > 0 {
		add(root, "include", strList(m.Include, true))
	}
	if len(m.Measurements) > 0 {
		add(root, "measurements", strList(m.Measurements, true))
	}
	own := func(o journey.Origin) bool { return len(m.Include) == 0 || !o.Included() }
	if seq := sequence(false); len(m.Personas) > 0 {
		for _, p := range m.Personas {
			if own(p.Origin) {
				seq.Content = append(seq.Content, persona(p))
			}
		}
		addSeq(root, "personas", seq)
	}
	if seq := sequence(false); len(m.Channels) > 0 {
		for _, c := range m.Channels {
			if !own(c.Origin) {
				continue
			}
			n := flowMapping()
			addStr(n, "id", c.ID)
			addStr(n, "name", c.Name)
			if c.Kind != "" && c.Kind != "digital" {
				addStr(n, "kind", c.Kind)
			}
			addStr(n, "color", c.Color)
			seq.Content = append(seq.Content, n)
		}
		addSeq(root, "channels", seq)
	}
	if seq := sequence(false); len(m.Owners) > 0 {
		for _, o := range m.Owners {
			if !own(o.Origin) {
				continue
			}
			n := flowMapping()
			addStr(n, "id", o.ID)
			addStr(n, "name", o.Name)
			addStr(n, "color", o.Color)
			seq.Content = append(seq.Content, n)
		}
		addSeq(root, "owners", seq)
	}
	stages := sequence(false)
	for _, s := range m.Stages {
		stages.Content = append(stages.Content, stage(s))
	}
	add(root, "stages", stages)
	if len(m.Transitions) > 0 {
		seq := sequence(false)
		for _, t := range m.Transitions {
			n := flowMapping()
			addStr(n, "from", t.From)
			addStr(n, "to", t.To)
			addStr(n, "label", t.Label)
			seq.Content = append(seq.Content, n)
		}
		add(root, "transitions", seq)
	}

	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	out, err := yamlfmt.Format(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("the journey file does not format: %w", err)
	}
	return out, nil
}

func persona(p *journey.Persona) *yaml.Node {
	n := mapping()
	addStr(n, "id", p.ID)
	addStr(n, "name", p.Name)
	addStr(n, "role", p.Role)
	addList(n, "goals", p.Goals)
	addList(n, "needs", p.Needs)
	addList(n, "pains", p.Pains)
	addStr(n, "quote", p.Quote)
	return n
}

func stage(s *journey.Stage) *yaml.Node {
	n := mapping()
	addStr(n, "id", s.ID)
	addStr(n, "name", s.Name)
	addStr(n, "phase", s.Phase)
	addStr(n, "goal", s.Goal)
	addList(n, "actions", s.Actions)
	addList(n, "thoughts", s.Thoughts)
	addList(n, "feelings", s.Feelings)
	if s.Emotion != nil {
		add(n, "emotion", emotion(s.Emotion))
	}
	addMetrics(n, s.Metrics)
	addList(n, "opportunities", s.Opportunities)
	addList(n, "strategies", s.Strategies)
	if len(s.Touchpoints) > 0 {
		seq := sequence(false)
		for _, t := range s.Touchpoints {
			seq.Content = append(seq.Content, touchpoint(t))
		}
		add(n, "touchpoints", seq)
	}
	return n
}

func touchpoint(t *journey.Touchpoint) *yaml.Node {
	n := mapping()
	addStr(n, "id", t.ID)
	addStr(n, "name", t.Name)
	addStr(n, "channel", t.Channel)
	addStr(n, "owner", t.Owner)
	if len(t.Personas) > 0 {
		add(n, "personas", strList(t.Personas, true))
	}
	addList(n, "interactions", t.Interactions)
	if t.Emotion != nil {
		add(n, "emotion", emotion(t.Emotion))
	}
	addList(n, "pains", t.Pains)
	addList(n, "delights", t.Delights)
	if mot := t.MomentOfTruth; mot != nil {
		if mot.Reason == "" {
			add(n, "moment_of_truth", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		} else {
			addStr(n, "moment_of_truth", mot.Reason)
		}
	}
	if len(t.Next) > 0 {
		add(n, "next", strList(t.Next, true))
	}
	addList(n, "backstage", t.Backstage)
	addStr(n, "evidence", t.Evidence)
	addStr(n, "source", t.Source)
	addMetrics(n, t.Metrics)
	addStr(n, "notes", t.Notes)
	return n
}

func addMetrics(n *yaml.Node, ms []*journey.Metric) {
	if len(ms) == 0 {
		return
	}
	seq := sequence(false)
	for _, x := range ms {
		m := flowMapping()
		addStr(m, "id", x.ID)
		addStr(m, "name", x.Name)
		if x.Value != nil {
			add(m, "value", num(*x.Value))
		}
		if x.Target != nil {
			add(m, "target", num(*x.Target))
		}
		addStr(m, "unit", x.Unit)
		if x.Better != "" && x.Better != "higher" {
			addStr(m, "better", x.Better)
		}
		seq.Content = append(seq.Content, m)
	}
	add(n, "metrics", seq)
}

func emotion(e *journey.Emotion) *yaml.Node {
	if !e.IsPerPersona() {
		return num(e.Value)
	}
	n := mapping()
	for _, pe := range e.PerPersona {
		add(n, pe.Persona, num(pe.Value))
	}
	return n
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

func flowMapping() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
}

func sequence(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func num(v float64) *yaml.Node {
	if v == float64(int64(v)) {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(int64(v), 10)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v, 'f', -1, 64)}
}

func add(n *yaml.Node, key string, v *yaml.Node) {
	n.Content = append(n.Content, str(key), v)
}

// addSeq adds a list unless it is empty.
func addSeq(n *yaml.Node, key string, seq *yaml.Node) {
	if len(seq.Content) > 0 {
		add(n, key, seq)
	}
}

func addStr(n *yaml.Node, key, v string) {
	if v != "" {
		add(n, key, str(v))
	}
}

func addList(n *yaml.Node, key string, xs []string) {
	if len(xs) > 0 {
		add(n, key, strList(xs, false))
	}
}

// flowWidth is the longest list of ids written on one line.
const flowWidth = 80

// strList is a list of strings: short lists of ids in flow style ([a,
// b]), free text and long lists in block style, one item a line.
func strList(xs []string, flow bool) *yaml.Node {
	width := 0
	for _, x := range xs {
		width += len(x) + 2
	}
	seq := sequence(flow && width <= flowWidth)
	for _, x := range xs {
		seq.Content = append(seq.Content, str(x))
	}
	return seq
}
