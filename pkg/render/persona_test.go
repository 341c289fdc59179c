package render

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/view"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

// A render for some personas names every output after them, draws the
// map view for them, and refuses a persona the map lacks.
func TestPersonas(t *testing.T) {
	m := viewtest.Load(t, "../../examples/abm-committee.yaml")
	outs, err := Render(context.Background(), m, Options{Formats: []string{"dot", "md"}, Views: []string{"map", "flow"},
		Personas: []string{"it-lead", "cfo"}, File: "maps/abm.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range outs {
		names = append(names, o.Name)
	}
	want := "abm.persona-cfo+it-lead.dot abm.persona-cfo+it-lead.flow.dot abm.persona-cfo+it-lead.md"
	if strings.Join(names, " ") != want {
		t.Errorf("names = %v, want %s", names, want)
	}
	mapDOT := string(outs[0].Data)
	if !strings.Contains(mapDOT, "-emotion-cfo-curve") || strings.Contains(mapDOT, "-emotion-procurement-") {
		t.Error("the map view is not drawn for the CFO and the head of IT")
	}
	// The report links the SVGs by their persona names.
	if md := string(outs[2].Data); !strings.Contains(md, "abm.persona-cfo+it-lead.svg") {
		t.Error("the report does not link the persona map")
	}
	if got := PersonaBase("b2b", nil); got != "b2b" {
		t.Errorf("no personas: %q", got)
	}
	_, err = Render(context.Background(), m, Options{Personas: []string{"ceo"}})
	if !errors.Is(err, view.ErrUnknownPersona) {
		t.Errorf("unknown persona: %v", err)
	}
}
