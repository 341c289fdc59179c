package jsonmodel

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/golden"
	"github.com/cjm-dev/cjm/pkg/report/reporttest"
)

func TestExamples(t *testing.T) {
	for _, ex := range reporttest.Examples(t) {
		t.Run(ex.Name, func(t *testing.T) {
			got, err := Render(ex.Map)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", ex.Name+".json"), got)
			checkStable(t, got)
		})
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		full bool
	}{{"full", true}, {"hostile", false}} {
		t.Run(tc.name, func(t *testing.T) {
			m := reporttest.HostileMap()
			if tc.full {
				m = reporttest.FullMap()
			}
			got, err := Render(m)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".json"), got)
			checkStable(t, got)
		})
	}
}

// checkStable decodes the output strictly into the model (no unknown
// keys), re-encodes it to the same bytes, and checks that no list is null.
func checkStable(t *testing.T, data []byte) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Model
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("decoding back: %v", err)
	}
	if m.CJM != 1 {
		t.Errorf("cjm = %d, want 1", m.CJM)
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"cjm\": 1,")) {
		t.Error(`"cjm" is not the first key`)
	}
	if bytes.Contains(data, []byte(": null")) {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasSuffix(strings.TrimRight(line, ","), "null") {
				key := strings.TrimSpace(strings.SplitN(line, ":", 2)[0])
				switch key {
				case `"emotion"`, `"moment_of_truth"`, `"value"`, `"target"`, `"off_target"`:
				default:
					t.Errorf("%s is null", key)
				}
			}
		}
	}
}

func TestHostileSurvives(t *testing.T) {
	m := reporttest.HostileMap()
	got, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Model
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if back.Title != m.Title || back.Stages[0].Touchpoints[0].Name != m.Stages[0].Touchpoints[0].Name {
		t.Error("labels did not survive byte for byte")
	}
	// No HTML escaping: a label is stored as written.
	if !strings.Contains(string(got), "<script>") {
		t.Error("expected labels unescaped by HTML rules (SetEscapeHTML(false))")
	}
}

func TestDerived(t *testing.T) {
	mdl := Build(reporttest.FullMap())
	aw := mdl.Stages[0]
	// The booth is the CIO's only (issue 9 #13).
	if aw.Emotion == nil || !aw.Emotion.Derived || len(aw.Emotion.PerPersona) != 2 ||
		aw.Emotion.PerPersona[0].Persona != "cio" || aw.Emotion.PerPersona[0].Value != 0.5 ||
		aw.Emotion.PerPersona[1].Persona != "analyst" || aw.Emotion.PerPersona[1].Value != 1 {
		t.Errorf("awareness emotion = %+v, want derived cio 0.5, analyst 1", aw.Emotion)
	}
	ev := mdl.Stages[1]
	if ev.Emotion == nil || ev.Emotion.Derived || ev.Emotion.Value != -1 {
		t.Errorf("evaluation emotion = %+v, want given -1", ev.Emotion)
	}
	if mdl.Stages[3].Emotion != nil {
		t.Errorf("renewal emotion = %+v, want null", mdl.Stages[3].Emotion)
	}
	demo := ev.Touchpoints[0]
	if !demo.IsPain || !demo.IsDelight || demo.MomentOfTruth == nil || demo.ChannelName != "Account executive" {
		t.Errorf("demo = %+v", demo)
	}
	if want := []string{"cio", "analyst"}; !reflect.DeepEqual(aw.Touchpoints[0].Personas, want) {
		t.Errorf("article personas = %v, want every persona %v", aw.Touchpoints[0].Personas, want)
	}
	if off := aw.Metrics[0].OffTarget; off == nil || !*off {
		t.Errorf("traffic off_target = %v, want true", off)
	}
	if !mdl.Transitions[0].StepBack || mdl.Transitions[1].StepBack {
		t.Errorf("transitions = %+v", mdl.Transitions)
	}
}

// TestHostileLabels: every hostile label reads back from the JSON byte for
// byte, wherever the map uses it (issue 9 #6).
func TestHostileLabels(t *testing.T) {
	for _, label := range reporttest.HostileLabels {
		t.Run(label, func(t *testing.T) {
			got, err := Render(reporttest.LabelMap(label))
			if err != nil {
				t.Fatal(err)
			}
			var back Model
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("the JSON does not parse: %v", err)
			}
			tp := back.Stages[0].Touchpoints[0]
			for what, v := range map[string]string{
				"title": back.Title, "persona": back.Personas[0].Name, "channel": back.Channels[0].Name,
				"owner": back.Owners[0].Name, "stage": back.Stages[0].Name, "touchpoint": tp.Name,
				"channel_name": tp.ChannelName, "owner_name": tp.OwnerName, "pain": tp.Pains[0],
				"transition": back.Transitions[0].Label,
			} {
				if v != label {
					t.Errorf("%s = %q, want %q", what, v, label)
				}
			}
		})
	}
}
