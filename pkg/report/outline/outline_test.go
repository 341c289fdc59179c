package outline

import (
	"reflect"
	"slices"
	"testing"

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
	if !aw.Emotion.Set || !aw.Emotion.Derived || aw.Emotion.Value != 0.5 {
		t.Errorf("awareness emotion = %+v, want derived 0.5", aw.Emotion)
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
	if sb := r.StepsBack[1]; sb.FromTouchpoint != "Product demo" || sb.ToTouchpoint != "Blog article" {
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

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		in       float64
		num, emo string
	}{
		{0, "0", "0"}, {1, "1", "+1"}, {-1, "\u22121", "\u22121"}, {0.5, "0.5", "+0.5"},
		{1.0 / 3, "0.33", "+0.33"}, {-0.001, "0", "0"}, {12000, "12000", "+12000"},
	} {
		if got := FormatNumber(tc.in); got != tc.num {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.in, got, tc.num)
		}
		if got := FormatEmotion(tc.in); got != tc.emo {
			t.Errorf("FormatEmotion(%v) = %q, want %q", tc.in, got, tc.emo)
		}
	}
	v := 95.0
	if got := Quantity(&v, "%"); got != "95%" {
		t.Errorf("Quantity %% = %q", got)
	}
	if got := Quantity(nil, "days"); got != "" {
		t.Errorf("Quantity(nil) = %q", got)
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
