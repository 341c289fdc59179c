package mermaid

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// NeutralScore is the score of a touchpoint with no emotion.
const NeutralScore = 3

// Render returns the .mmd text of m's journey diagram.
func Render(m *journey.Map) ([]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("mermaid: no map")
	}
	var b bytes.Buffer
	Write(&b, m, "")
	return b.Bytes(), nil
}

// Write writes the diagram to b, each line after indent (the Markdown
// report writes it into a fenced block).
func Write(b *bytes.Buffer, m *journey.Map, indent string) {
	ix := journey.NewIndex(m)
	b.WriteString(indent + "journey\n")
	if t := Label(m.Title); t != "" {
		b.WriteString(indent + "  title " + t + "\n")
	}
	for _, s := range m.Stages {
		name := Label(s.Name)
		if name == "" {
			name = Label(s.ID)
		}
		b.WriteString(indent + "  section " + name + "\n")
		for _, t := range s.Touchpoints {
			for _, task := range tasks(m, ix, t) {
				b.WriteString(indent + "    " + task + "\n")
			}
		}
	}
}

// Score maps an emotion in [-2, 2] onto Mermaid's 1..5, rounding half away
// from zero and clamping.
func Score(v float64) int {
	s := int(math.Round(v)) + 3
	return min(max(s, 1), 5)
}

// tasks returns the task lines of a touchpoint: one line, or, when the
// personas feel it differently, one line per distinct score with the
// personas who gave it (in persona order).
func tasks(m *journey.Map, ix *journey.Index, t *journey.Touchpoint) []string {
	name := taskName(t.Name)
	if name == "" {
		name = taskName(t.ID)
	}
	var who []*journey.Persona
	for _, p := range m.Personas {
		if t.Meets(p.ID) {
			who = append(who, p)
		}
	}
	if !t.Emotion.IsPerPersona() {
		score := NeutralScore
		if v, ok := t.Emotion.Mean(); ok {
			score = Score(v)
		}
		return []string{task(name, score, who)}
	}
	var order []int
	group := map[int][]*journey.Persona{}
	for _, pe := range t.Emotion.PerPersona {
		p := ix.Persona(pe.Persona)
		if p == nil {
			continue
		}
		s := Score(pe.Value)
		if _, seen := group[s]; !seen {
			order = append(order, s)
		}
		group[s] = append(group[s], p)
	}
	// Keep the personas in the map's order within each group.
	rank := map[string]int{}
	for i, p := range m.Personas {
		rank[p.ID] = i
	}
	var out []string
	for _, s := range order {
		g := group[s]
		sortPersonas(g, rank)
		out = append(out, task(name, s, g))
	}
	if len(out) == 0 {
		out = append(out, task(name, NeutralScore, who))
	}
	return out
}

func sortPersonas(ps []*journey.Persona, rank map[string]int) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && rank[ps[j].ID] < rank[ps[j-1].ID]; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func task(name string, score int, who []*journey.Persona) string {
	line := name + ": " + strconv.Itoa(score)
	if len(who) > 0 {
		actors := make([]string, 0, len(who))
		for _, p := range who {
			a := actor(p.Name)
			if a == "" {
				a = actor(p.ID)
			}
			actors = append(actors, a)
		}
		line += ": " + strings.Join(actors, ", ")
	}
	return line
}

// Label escapes text for a title, a section or a task name: line breaks
// and tabs become spaces, and the characters the journey grammar or
// Mermaid's preprocessing give a meaning become entity codes.
func Label(s string) string {
	var b strings.Builder
	s = strings.TrimSpace(strings.Join(strings.Fields(s), " "))
	for _, r := range s {
		switch r {
		case ':', '#', ';', '%', '<', '>', '&', '"', '`', '{', '}':
			b.WriteString("#" + strconv.Itoa(int(r)) + ";")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// keywords start a statement of the journey grammar (case-insensitively);
// a task name that starts with one would be read as that statement.
var keywords = []string{"journey", "title", "section", "acctitle", "accdescr"}

// taskName escapes a task name; its first letter becomes an entity code
// when the name starts with a keyword of the grammar.
func taskName(s string) string {
	l := Label(s)
	lower := strings.ToLower(l)
	for _, k := range keywords {
		if strings.HasPrefix(lower, k) {
			return "#" + strconv.Itoa(int(l[0])) + ";" + l[1:]
		}
	}
	return l
}

// actor escapes a persona name for the actor list, where a comma separates
// actors.
func actor(s string) string {
	return strings.ReplaceAll(Label(s), ",", "#44;")
}
