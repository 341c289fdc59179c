package outline

import (
	"reflect"
	"slices"
	"testing"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

func TestBuild(t *testing.T) {
	r := Build(reporttest.FullMap())

	if got := len(r.Inventory); got != 5 {
		t.Errorf("inventory has %d touchpoints, want 5", got)
	}
	if !r.Inventory[0].AllPersonas || !reflect.DeepEqual(r.Inventory[0].Personas, []string{"CIO", "Analyst"}) {
		t.Errorf("a touchpoint without personas is met by everyone: %+v", r.Inventory[0])
	}

	aw := r.Stages[0]
	// The booth is the CIO's only: the CIO's awareness is the mean of the
	// article and the booth, the analyst's the article alone (issue 9 #13).
	if want := []PersonaValue{{"CIO", 0.5}, {"Analyst", 1}}; !aw.Emotion.Set || !aw.Emotion.Derived || !reflect.DeepEqual(aw.Emotion.PerPersona, want) {
		t.Errorf("awareness emotion = %+v, want derived CIO 0.5, Analyst 1", aw.Emotion)
	}
	if r.Stages[1].Emotion.Derived {
		t.Error("evaluation's own emotion reported as derived")
	}
	if r.Stages[3].Emotion.Set {
		t.Error("renewal has no touchpoints, so no emotion")
	}

	wantKPIs := []string{"Site traffic", "Days to demo", "Time to value", "NPS"}
	var got []string
	for _, k := range r.KPIs {
		got = append(got, k.Name)
	}
	if !reflect.DeepEqual(got, wantKPIs) {
		t.Errorf("KPIs in order %v, want %v (stage by stage)", got, wantKPIs)
	}
	status := map[string]Status{}
	for _, k := range r.KPIs {
		status[k.Name] = k.Status
	}
	if status["Site traffic"] != OffTarget || status["Days to demo"] != OffTarget || status["Time to value"] != OnTarget || status["NPS"] != NoStatus {
		t.Errorf("statuses = %v", status)
	}

	if want := []string{"Website", "Account executive", "Trade show", ""}; !reflect.DeepEqual(r.Omnichannel.Columns, want) {
		t.Errorf("omnichannel columns = %q, want %q", r.Omnichannel.Columns, want)
	}
	if got := r.Omnichannel.Rows[2].Cells[3]; !reflect.DeepEqual(got, []string{"Documentation"}) {
		t.Errorf("touchpoints without a channel = %q", got)
	}
	if want := []string{"Marketing", "Sales", "Customer success", ""}; !reflect.DeepEqual(r.Ownership.Columns, want) {
		t.Errorf("ownership columns = %q, want %q", r.Ownership.Columns, want)
	}

	if len(r.StepsBack) != 2 {
		t.Fatalf("steps back = %+v, want the transition and the demo's next link", r.StepsBack)
	}
	if sb := r.StepsBack[1]; sb.FromTouchpoint != "2.1 Product demo" || sb.ToTouchpoint != "1.1 Blog article" {
		t.Errorf("next link step back = %+v", sb)
	}

	var painStages []string
	for _, p := range r.Pains {
		painStages = append(painStages, p.Stage)
	}
	if want := []string{"Awareness", "Evaluation", "Onboarding"}; !reflect.DeepEqual(painStages, want) {
		t.Errorf("pain rows %v, want %v", painStages, want)
	}
}

func TestUnusedColumnsDropped(t *testing.T) {
	m := reporttest.FullMap()
	m.Stages[1].Touchpoints[0].Channel = "web"
	m.Stages[2].Touchpoints[0].Channel = "web"
	m.Stages[2].Touchpoints[1].Channel = "web"
	r := Build(m)
	if want := []string{"Website", "Trade show"}; !reflect.DeepEqual(r.Omnichannel.Columns, want) {
		t.Errorf("columns = %q, want only the used channels %q", r.Omnichannel.Columns, want)
	}
}

// The outline writes numbers, quantities and emotions with i18n's one
// formatter, in the map's language, and numbers touchpoints as the map
// does.
func TestFormattedInTheMapsLanguage(t *testing.T) {
	v, tg := 12000.5, 2.1
	m := &journey.Map{Version: 1, Lang: "ru", Stages: []*journey.Stage{
		{ID: "a", Name: "A", Touchpoints: []*journey.Touchpoint{{ID: "x", Name: "X"}}},
		{ID: "b", Name: "B", Touchpoints: []*journey.Touchpoint{
			{ID: "y", Name: "Y", Emotion: &journey.Emotion{Value: -0.5}},
			{ID: "z", Name: "Z", Metrics: []*journey.Metric{
				{ID: "m", Name: "M", Value: &v, Target: &tg, Unit: "%", Better: "lower"},
			}},
		}},
	}}
	r := Build(m)
	var refs []string
	for _, tp := range r.Inventory {
		refs = append(refs, tp.Ref)
	}
	if want := []string{"1.1", "2.1", "2.2"}; !slices.Equal(refs, want) {
		t.Errorf("refs = %v, want %v", refs, want)
	}
	if got := r.Inventory[1].Emotion.String(); got != "\u22120,5" {
		t.Errorf("emotion = %q", got)
	}
	k := r.KPIs[0]
	if k.ValueText != "12\u00a0000,5\u00a0%" || k.TargetText != "2,1\u00a0%" || k.Ref != "2.2" {
		t.Errorf("KPI = %q / %q (ref %q)", k.ValueText, k.TargetText, k.Ref)
	}
	if k.Status != OffTarget || k.Mark() != "▼" || k.StatusKey() != "kpi.off" || k.DirectionKey() != "kpi.lower" {
		t.Errorf("KPI status %v, mark %q, keys %q %q", k.Status, k.Mark(), k.StatusKey(), k.DirectionKey())
	}
}

func TestFigures(t *testing.T) {
	list := []View{{"map", "Map"}, {"flow", "Flow"}, {"other", "Other"}}
	got := Figures(list, map[string]int{"zeta": 1, "flow": 1, "map": 1})
	if want := []View{{"map", "Map"}, {"flow", "Flow"}}; !slices.Equal(got, want) {
		t.Errorf("Figures = %v, want %v (list order, only views present and listed)", got, want)
	}
	got = Figures(nil, map[string]string{"zeta": "", "alpha": ""})
	if want := []View{{"alpha", "alpha"}, {"zeta", "zeta"}}; !slices.Equal(got, want) {
		t.Errorf("Figures(nil) = %v, want %v", got, want)
	}
}

// TestSkipsAhead: transitions to a later stage and `next` links that pass
// over a stage are listed as skips ahead (issue 9 #12: they appeared in
// no report); a `next` to the following stage is the journey's order.
func TestSkipsAhead(t *testing.T) {
	m := &journey.Map{Version: 1, Stages: []*journey.Stage{
		{ID: "awareness", Name: "Awareness", Touchpoints: []*journey.Touchpoint{{ID: "ad", Name: "Ad", Next: []string{"demo", "checkout"}}}},
		{ID: "evaluation", Name: "Evaluation", Touchpoints: []*journey.Touchpoint{{ID: "demo", Name: "Demo"}}},
		{ID: "purchase", Name: "Purchase", Touchpoints: []*journey.Touchpoint{{ID: "checkout", Name: "Checkout"}}},
	}, Transitions: []*journey.Transition{
		{From: "awareness", To: "purchase", Label: "Skips evaluation"},
		{From: "purchase", To: "evaluation", Label: "Back"},
	}}
	r := Build(m)
	want := []StepBack{
		{From: "Awareness", To: "Purchase", Label: "Skips evaluation"},
		{From: "Awareness", To: "Purchase", FromTouchpoint: "1.1 Ad", ToTouchpoint: "3.1 Checkout"},
	}
	if !reflect.DeepEqual(r.SkipsAhead, want) {
		t.Errorf("skips ahead = %+v, want %+v", r.SkipsAhead, want)
	}
	if len(r.StepsBack) != 1 || r.StepsBack[0].Label != "Back" {
		t.Errorf("steps back = %+v", r.StepsBack)
	}
}
