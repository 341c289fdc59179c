package mermaid

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/journey"
)

// NeutralScore is the score of a task with no emotion: Mermaid requires a
// score on every task (a task line without one does not parse, and a
// non-numeric one draws at NaN), so such a task is drawn neutral and the
// line before it is the comment NoEmotionComment.
const NeutralScore = 3

// NoEmotionComment is the Mermaid comment line before a task drawn
// NeutralScore because neither the touchpoint nor its stage gives the
// task's personas an emotion; it tells "no emotion" from an emotion of 0
// in the .mmd text (Mermaid draws both the same).
const NoEmotionComment = "%% no emotion recorded: drawn neutral"

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
		if len(s.Touchpoints) == 0 {
			// The stage's own emotion, if any, as a task named after it.
			for _, g := range groups(m, ix, nil, s) {
				if g.set {
					b.WriteString(indent + "    " + task(taskName(s.Name), g.score, g.who) + "\n")
				}
			}
			continue
		}
		for _, t := range s.Touchpoints {
			name := taskName(t.Name)
			if name == "" {
				name = taskName(t.ID)
			}
			for _, g := range groups(m, ix, t, s) {
				if !g.set {
					b.WriteString(indent + "    " + NoEmotionComment + "\n")
				}
				b.WriteString(indent + "    " + task(name, g.score, g.who) + "\n")
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

// group is one task line: the personas who feel the same score.
type group struct {
	score int
	set   bool // false: no emotion, drawn NeutralScore
	who   []*journey.Persona
}

// groups returns the task lines of touchpoint t of stage s (or, when t is
// nil, of the stage itself): one line per distinct score with the
// personas who feel it. A persona's score is the touchpoint's emotion for
// them, else the stage's own emotion for them, else none. Groups come in
// the order of the touchpoint's per-persona values, then of the map's
// personas; personas within a group in the map's order; "no emotion"
// last.
func groups(m *journey.Map, ix *journey.Index, t *journey.Touchpoint, s *journey.Stage) []group {
	var te *journey.Emotion
	if t != nil {
		te = t.Emotion
	}
	value := func(persona string) (float64, bool) {
		if v, ok := te.For(persona); ok {
			return v, true
		}
		return s.Emotion.For(persona)
	}
	var who []*journey.Persona
	for _, p := range m.Personas {
		if t == nil || t.Meets(p.ID) {
			who = append(who, p)
		}
	}
	if len(who) == 0 || !te.IsPerPersona() && !s.Emotion.IsPerPersona() {
		// One value for everyone: the touchpoint's, else the stage's.
		v, ok := te.Mean()
		if !ok {
			v, ok = s.Emotion.Mean()
		}
		if !ok {
			return []group{{score: NeutralScore, who: who}}
		}
		return []group{{score: Score(v), set: true, who: who}}
	}
	var order []*journey.Persona
	if te.IsPerPersona() {
		for _, pe := range te.PerPersona {
			if p := ix.Persona(pe.Persona); p != nil {
				order = append(order, p)
			}
		}
	}
	order = append(order, who...)
	rank := map[string]int{}
	for i, p := range m.Personas {
		rank[p.ID] = i
	}
	var out []group
	index := map[int]int{} // score (-1: none) -> position in out
	seen := map[string]bool{}
	for _, p := range order {
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		key, g := -1, group{score: NeutralScore}
		if v, ok := value(p.ID); ok {
			key, g = Score(v), group{score: Score(v), set: true}
		}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, g)
		}
		out[i].who = append(out[i].who, p)
	}
	for i := range out {
		sortPersonas(out[i].who, rank)
	}
	// "No emotion" goes last.
	if i, ok := index[-1]; ok && i != len(out)-1 {
		none := out[i]
		out = append(append(out[:i:i], out[i+1:]...), none)
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
