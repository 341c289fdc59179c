package reporttest

import "github.com/cjm-dev/cjm/pkg/journey"

// HostileLabels are labels that mean something in one output format or
// another: Markdown and HTML markup, backticks, table pipes, Mermaid's
// comments, statement ends, entity codes and keywords, CSV quotes and
// formulas, newlines, `<` and `&` (issue 9 #6). Every exporter's test
// feeds each to LabelMap and checks that the output parses and shows the
// label byte for byte where the format allows.
var HostileLabels = []string{
	"<b>bold</b> <script>alert(1)</script>",
	"`code` ``two`` ```",
	"a | b || c |",
	"100%% done %%{init: {}}%%",
	"a;b; c;",
	"#1 #35; C# #",
	"two\nlines\nhere",
	"tab\there",
	"x < y & z > w",
	"&amp; &#60; &lt; R&D",
	"[x](javascript:alert(1)) ![i](y)",
	"*em* _u_ ~~s~~ **b**",
	"\"quoted\", 'single', \"",
	"=SUM(A1) +1 -2 @x",
	"a: b: c:",
	"{braces} }{ {{",
	"title Title",
	"section Section",
	"back\\slash \\n \\",
	"Путь клиента 🚀",
}

// LabelMap returns a valid map that uses label as the title, a stage's
// name, a touchpoint's name, a persona's, a channel's and an owner's name,
// a pain point and a transition's label.
func LabelMap(label string) *journey.Map {
	return &journey.Map{
		Version:  1,
		Title:    label,
		Lang:     "en",
		Personas: []*journey.Persona{{ID: "p", Name: label}},
		Channels: []*journey.Channel{{ID: "c", Name: label, Kind: "digital"}},
		Owners:   []*journey.Owner{{ID: "o", Name: label}},
		Stages: []*journey.Stage{
			{ID: "s1", Name: label, Touchpoints: []*journey.Touchpoint{
				{ID: "t1", Name: label, Channel: "c", Owner: "o", Emotion: &journey.Emotion{Value: -1}, Pains: []string{label}},
			}},
			{ID: "s2", Name: "Second", Touchpoints: []*journey.Touchpoint{{ID: "t2", Name: "Other", Emotion: &journey.Emotion{Value: 1}}}},
		},
		Transitions: []*journey.Transition{{From: "s2", To: "s1", Label: label}},
	}
}
