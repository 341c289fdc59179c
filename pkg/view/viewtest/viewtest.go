package viewtest

import (
	"fmt"
	"math/rand/v2"

	"github.com/cjm-dev/cjm/pkg/journey"
)

func f(v float64) *float64 { return &v }

// Small returns a three-stage map that fills every lane of the map view:
// two personas, channels, owners, touchpoints with every field, KPIs and a
// step back. Each call returns a fresh map the caller may change.
func Small() *journey.Map {
	m := &journey.Map{
		File:    "small.yaml",
		Version: 1,
		Title:   "Small journey",
		Lang:    "en",
		Scope:   "full",
		Personas: []*journey.Persona{
			{ID: "buyer", Name: "Buyer", Role: "decision maker"},
			{ID: "user", Name: "User", Role: "user"},
		},
		Channels: []*journey.Channel{
			{ID: "web", Name: "Website", Kind: "digital"},
			{ID: "sales", Name: "Sales rep", Kind: "human", Color: "#336699"},
		},
		Owners: []*journey.Owner{
			{ID: "marketing", Name: "Marketing"},
			{ID: "sales", Name: "Sales"},
		},
	}
	m.Stages = []*journey.Stage{
		{
			ID: "aware", Name: "Awareness", Phase: "buying",
			Goal:          "Understand the problem",
			Actions:       []string{"Reads an article"},
			Thoughts:      []string{"There must be a better way"},
			Feelings:      []string{"Curious"},
			Metrics:       []*journey.Metric{{ID: "traffic", Name: "Traffic", Value: f(12000), Target: f(15000), Unit: "visits", Better: "higher"}},
			Opportunities: []string{"Case studies"},
			Strategies:    []string{"Content marketing"},
			Touchpoints: []*journey.Touchpoint{
				{ID: "article", Name: "Blog article", Channel: "web", Owner: "marketing",
					Interactions: []string{"Reads to the end"}, Emotion: &journey.Emotion{Value: 1},
					Delights: []string{"Clear numbers"}, Evidence: "observed", Next: []string{"demo"}},
			},
		},
		{
			ID: "eval", Name: "Evaluation", Phase: "buying",
			Goal: "Check the product",
			Touchpoints: []*journey.Touchpoint{
				{ID: "demo", Name: "Product demo", Channel: "sales", Owner: "sales",
					Emotion: &journey.Emotion{Value: -1}, Pains: []string{"Slow reply"},
					MomentOfTruth: &journey.MomentOfTruth{Reason: "Decides the shortlist"},
					Backstage:     []string{"Presales prepares data"}, Evidence: "assumed",
					Metrics: []*journey.Metric{{ID: "csat", Name: "CSAT", Value: f(4.6), Target: f(4.5), Better: "higher"}},
					Next:    []string{"contract", "article"}},
				{ID: "trial", Name: "Trial", Channel: "web", Next: []string{"contract"}},
			},
		},
		{
			ID: "use", Name: "Onboarding", Phase: "using",
			Emotion: &journey.Emotion{Value: 2},
			Touchpoints: []*journey.Touchpoint{
				{ID: "contract", Name: "Contract", Owner: "sales", Evidence: "reported"},
			},
		},
	}
	m.Transitions = []*journey.Transition{{From: "eval", To: "aware", Label: "New stakeholder"}}
	return m
}

// Hostile returns a map whose labels try to break DOT, HTML-like labels
// and SVG: markup, entities, quotes, backslashes, line breaks, control
// characters, emoji and right-to-left text.
func Hostile() *journey.Map {
	m := Small()
	m.File = "hostile.yaml"
	m.Title = `<script>alert(1)</script> & "quotes" \N \G`
	m.Personas[0].Name = `Tom & "Jerry"`
	m.Channels[0].Name = `</TD></TR></TABLE>>]; x [label="pwned"`
	m.Owners[0].Name = "<b>bold</b> &amp; \x01ctrl"
	s := m.Stages[0]
	s.Name = "Stage\nwith a break"
	s.Goal = `a\nb` + " — Cyrillic: Осознание, CJK: 日本語, emoji: 🙂👩‍💻, RTL: مرحبا"
	s.Actions = []string{"<script>alert(1)</script>", "&lt;already escaped&gt;", "}\n]\n\"\\"}
	s.Thoughts = []string{`"</FONT></TD></TR></TABLE>>];`}
	s.Touchpoints[0].Name = `<I>italic</I> {braces} [brackets]`
	s.Touchpoints[0].Notes = "tooltip \" with \\ quote"
	m.Stages[1].Touchpoints[0].MomentOfTruth.Reason = `"><svg onload=alert(1)>`
	m.Stages[0].Metrics[0].Unit = "<%>"
	m.Transitions[0].Label = `</TABLE> & "back"`
	// Graphviz's escapes (\N the node's name, \G the graph's, \L the
	// label …) must show as typed, in labels and in tooltips.
	m.Stages[1].Name = `Price \N \G \L \E \T \H \\ \l`
	m.Stages[1].Touchpoints[0].Name = `Demo \N \G \L \E \T \H \\ \l`
	return m
}

// Config shapes a synthetic map.
type Config struct {
	// Touchpoints is the total number of touchpoints.
	Touchpoints int
	// PerStage is the number of touchpoints per stage; 0 means 10.
	PerStage int
	// BackEdges is the share of touchpoints with a `next` link to an
	// earlier touchpoint (a step back); issue 3 measured with 0.1.
	BackEdges float64
	// PerPersona gives every touchpoint's emotion per persona.
	PerPersona bool
	// Lang is the map's language; "ru" writes Russian labels.
	Lang string
	// Seed varies the content; the same Config always gives the same map.
	Seed uint64
}

// Generate returns a synthetic map with cfg.Touchpoints touchpoints: a few
// personas, channels and owners, every lane filled in some stages, `next`
// links to the following touchpoints and cfg.BackEdges of them back.
func Generate(cfg Config) *journey.Map {
	per := cfg.PerStage
	if per <= 0 {
		per = 10
	}
	lang := cfg.Lang
	if lang == "" {
		lang = "en"
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x636a6d))
	words := wordsEN
	if lang == "ru" {
		words = wordsRU
	}
	phrase := func(n int) string {
		s := ""
		for i := 0; i < n; i++ {
			if i > 0 {
				s += " "
			}
			s += words[r.IntN(len(words))]
		}
		return s
	}
	m := &journey.Map{
		File:    fmt.Sprintf("synthetic-%d.yaml", cfg.Touchpoints),
		Version: 1,
		Title:   fmt.Sprintf("Synthetic journey, %d touchpoints", cfg.Touchpoints),
		Lang:    lang,
		Scope:   "full",
	}
	for i := 0; i < 3; i++ {
		m.Personas = append(m.Personas, &journey.Persona{ID: fmt.Sprintf("p%d", i), Name: phrase(2), Role: phrase(1)})
	}
	for i := 0; i < 8; i++ {
		m.Channels = append(m.Channels, &journey.Channel{ID: fmt.Sprintf("ch%d", i), Name: phrase(1), Kind: journey.ChannelKinds[i%3]})
	}
	for i := 0; i < 5; i++ {
		m.Owners = append(m.Owners, &journey.Owner{ID: fmt.Sprintf("own%d", i), Name: phrase(1)})
	}
	var all []*journey.Touchpoint
	nStages := (cfg.Touchpoints + per - 1) / per
	if nStages == 0 {
		nStages = 1
	}
	for si := 0; si < nStages; si++ {
		phase := "buying"
		if si >= nStages*2/3 {
			phase = "using"
		}
		s := &journey.Stage{ID: fmt.Sprintf("s%d", si), Name: phrase(2), Phase: phase, Goal: phrase(6)}
		if si%2 == 0 {
			s.Actions = []string{phrase(5), phrase(4)}
			s.Thoughts = []string{phrase(7)}
		}
		if si%3 == 0 {
			s.Feelings = []string{phrase(2)}
			s.Opportunities = []string{phrase(6)}
			s.Strategies = []string{phrase(5)}
			s.Metrics = []*journey.Metric{{ID: fmt.Sprintf("k%d", si), Name: phrase(2), Value: f(float64(r.IntN(1000))), Target: f(500), Unit: "pcs", Better: "higher"}}
		}
		for ti := 0; ti < per && len(all) < cfg.Touchpoints; ti++ {
			t := &journey.Touchpoint{
				ID:      fmt.Sprintf("t%d", len(all)),
				Name:    phrase(3),
				Channel: fmt.Sprintf("ch%d", r.IntN(8)),
				Owner:   fmt.Sprintf("own%d", r.IntN(5)),
			}
			v := float64(r.IntN(5) - 2)
			if cfg.PerPersona {
				e := &journey.Emotion{}
				for _, p := range m.Personas {
					e.PerPersona = append(e.PerPersona, journey.PersonaEmotion{Persona: p.ID, Value: float64(r.IntN(5) - 2)})
				}
				t.Emotion = e
			} else {
				t.Emotion = &journey.Emotion{Value: v}
			}
			if v < 0 {
				t.Pains = []string{phrase(5)}
			}
			if v > 0 {
				t.Delights = []string{phrase(4)}
			}
			if r.IntN(6) == 0 {
				t.MomentOfTruth = &journey.MomentOfTruth{Reason: phrase(4)}
			}
			if r.IntN(3) == 0 {
				t.Interactions = []string{phrase(4)}
			}
			if r.IntN(4) == 0 {
				t.Backstage = []string{phrase(4)}
			}
			t.Evidence = journey.EvidenceKinds[r.IntN(4)]
			s.Touchpoints = append(s.Touchpoints, t)
			all = append(all, t)
		}
		m.Stages = append(m.Stages, s)
	}
	// Forward links: each touchpoint to the next, sometimes one further.
	for i, t := range all {
		if i+1 < len(all) {
			t.Next = append(t.Next, all[i+1].ID)
		}
		if i+3 < len(all) && r.IntN(4) == 0 {
			t.Next = append(t.Next, all[i+3].ID)
		}
	}
	// Steps back.
	back := int(float64(len(all)) * cfg.BackEdges)
	for k := 0; k < back; k++ {
		i := 1 + r.IntN(len(all)-1)
		j := r.IntN(i)
		if i-j > 3*per {
			j = i - 1 - r.IntN(3*per)
		}
		all[i].Next = append(all[i].Next, all[j].ID)
	}
	for si := 1; si < nStages; si += 7 {
		m.Transitions = append(m.Transitions, &journey.Transition{From: m.Stages[si].ID, To: m.Stages[si-1].ID, Label: phrase(4)})
	}
	return m
}

var wordsEN = []string{
	"customer", "reads", "article", "demo", "price", "contract", "support", "team", "quickly",
	"report", "onboarding", "trial", "renewal", "call", "meeting", "email", "website", "search",
	"compares", "vendors", "budget", "approval", "security", "review", "integration", "data",
}

var wordsRU = []string{
	"клиент", "читает", "статью", "демонстрация", "цена", "договор", "поддержка", "команда",
	"быстро", "отчёт", "внедрение", "пилот", "продление", "звонок", "встреча", "письмо", "сайт",
	"поиск", "сравнивает", "поставщиков", "бюджет", "согласование", "безопасность", "проверка",
	"интеграция", "данные",
}
