package validate_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/diag"
	"github.com/cjm-dev/cjm/pkg/load"
	"github.com/cjm-dev/cjm/pkg/validate"
)

// run loads src and validates it, failing on loader findings: these
// fixtures are about the validator.
func run(t *testing.T, src string) diag.Diagnostics {
	t.Helper()
	m, ds, _ := load.Bytes("m.yaml", []byte(src), load.Options{})
	if len(ds) > 0 {
		t.Fatalf("loader findings: %v", ds)
	}
	return validate.Map(m).Normalize()
}

func got(ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%d:%d %s %s\n", d.Range.Start.Line, d.Range.Start.Column, d.Severity, d.Rule)
	}
	return b.String()
}

// A valid map uses every declaration, so that fixtures built on it
// report only what they add.
const base = `cjm: 1
title: T
personas:
  - {id: cio, name: CIO}
  - {id: cfo, name: CFO}
channels:
  - {id: web, name: Web}
owners:
  - {id: sales, name: Sales}
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - {id: article, name: Article, channel: web, owner: sales}
`

// TestRules checks each validation rule with its exact line and column,
// its severity and the words that say what to do.
func TestRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // "line:col severity rule" per finding
		msg  string // part of the first finding's message
	}{
		{"valid", base, "", ""},
		{"bad persona id", strings.Replace(base, "{id: cio,", "{id: Big Boss,", 1) + "    opportunities: []\n",
			"4:10 error bad-id\n", "e.g. `big-boss`"},
		{"bad id: too long", strings.Replace(base, "id: awareness", "id: "+strings.Repeat("a", 65), 1),
			"11:9 error bad-id\n", "at most 64 characters"},
		{"bad id: leading dash", strings.Replace(base, "{id: web,", "{id: -web,", 1), "7:10 error bad-id\n14:47 error unknown-channel\n", ""},
		{"bad touchpoint id", strings.Replace(base, "{id: article,", "{id: Статья,", 1), "14:14 error bad-id\n", "is not valid"},
		{"bad metric id", base + "    metrics: [{id: Traffic, name: T}]\n", "15:20 error bad-id\n", "e.g. `traffic`"},
		{"duplicate persona", base[:strings.Index(base, "channels:")] + "  - {id: cio, name: Again}\n" + base[strings.Index(base, "channels:"):],
			"6:10 error duplicate-id\n", "duplicate persona id `cio`: the first is at line 4"},
		{"duplicate touchpoint across stages", base + "  - id: other\n    name: O\n    touchpoints: [{id: article, name: Again}]\n",
			"17:24 error duplicate-id\n", "the first is at line 14"},
		{"duplicate stage", base + "  - id: awareness\n    name: Again\n    touchpoints: [{id: t2, name: T2}]\n",
			"15:9 error duplicate-id\n", "duplicate stage id"},
		{"duplicate metric in a stage", base + "    metrics:\n      - {id: m, name: M}\n      - {id: m, name: M2}\n",
			"17:14 error duplicate-id\n", "duplicate metric id"},
		{"same metric id in two stages is a duplicate", base + "    metrics: [{id: m, name: M}]\n  - id: s2\n    name: S2\n    metrics: [{id: m, name: M}]\n    touchpoints: [{id: t2, name: T2}]\n", "18:20 error duplicate-id\n", "duplicate metric id `m`: the first is at line 15"},
		{"same metric id in a stage and a touchpoint is a duplicate", strings.Replace(base, "owner: sales}", "owner: sales, metrics: [{id: m, name: M}]}", 1) + "    metrics: [{id: m, name: M}]\n", "15:20 error duplicate-id\n", "duplicate metric id `m`: the first is at line 14"},
		{"same id for a channel and an owner is fine", strings.Replace(base, "{id: web, name: Web}", "{id: web, name: Web}\n  - {id: sales, name: Sales call, kind: human}", 1) +
			"      - {id: call, name: Call, channel: sales, owner: sales}\n", "", ""},
		{"no stages", "cjm: 1\ntitle: T\nstages: []\n", "3:9 error no-stages\n", "add at least one"},
		{"unknown channel", strings.Replace(base, "channel: web", "channel: wbe", 1), "14:47 error unknown-channel\n", "unknown channel `wbe`; did you mean `web`?"},
		{"unknown channel, none declared", strings.Replace(strings.Replace(base, "channels:\n  - {id: web, name: Web}\n", "", 1), "channel: web, ", "channel: web, ", 1),
			"12:47 error unknown-channel\n", "the map declares no channels"},
		{"unknown channel, nothing close", strings.Replace(base, "channel: web", "channel: billboard", 1), "7:5 warning unused-channel\n14:47 error unknown-channel\n", "use one of `web`"},
		{"unknown owner", strings.Replace(base, "owner: sales", "owner: sale", 1), "14:59 error unknown-owner\n", "did you mean `sales`?"},
		{"unknown persona in personas", strings.Replace(base, "owner: sales}", "owner: sales, personas: [cio, ceo]}", 1),
			"5:5 warning unused-persona\n14:82 error unknown-persona\n", "unknown persona `ceo`; did you mean `cio`?"},
		{"unknown persona in emotion", strings.Replace(base, "owner: sales}", "owner: sales, emotion: {cio: 1, cxo: 0}}", 1),
			"14:84 error unknown-persona\n", "unknown persona `cxo`"},
		{"unknown persona in stage emotion", base + "    emotion: {cio: 1, ceo: -1}\n", "15:23 error unknown-persona\n", ""},
		{"unknown next", strings.Replace(base, "owner: sales}", "owner: sales, next: [artcle]}", 1), "14:73 error unknown-touchpoint\n", "did you mean `article`?"},
		{"unknown stage in a transition", base + "transitions:\n  - {from: awarenes, to: nowhere}\n",
			"16:12 error unknown-stage\n16:26 error unknown-stage\n", "did you mean `awareness`?"},
		{"emotion too high", strings.Replace(base, "owner: sales}", "owner: sales, emotion: 3}", 1), "14:75 error emotion-range\n", "outside [-2, 2]"},
		{"emotion too low in a stage", base + "    emotion: -2.5\n", "15:14 error emotion-range\n", ""},
		{"emotion per persona out of range", base + "    emotion: {cio: 2, cfo: -7}\n", "15:28 error emotion-range\n", "of persona `cfo`"},
		{"emotion at the bounds", base + "    emotion: {cio: 2, cfo: -2}\n", "", ""},
		{"stage without touchpoints", base + "  - id: empty\n    name: Empty\n", "15:5 warning stage-without-touchpoints\n", "add the moments of contact"},
		{"stage with empty touchpoints", base + "  - id: empty\n    name: Empty\n    touchpoints: []\n", "15:5 warning stage-without-touchpoints\n", ""},
		{"moment of truth without owner", base + "      - {id: demo, name: Demo, moment_of_truth: true}\n", "15:49 warning moment-of-truth-without-owner\n", "name the team responsible"},
		{"pains without opportunities", base + "      - {id: demo, name: Demo, owner: sales, pains: [slow]}\n", "11:5 warning pains-without-opportunities\n", "under `opportunities`"},
		{"negative emotion is a pain", base + "      - {id: demo, name: Demo, emotion: {cio: 1, cfo: -1}}\n", "11:5 warning pains-without-opportunities\n", ""},
		{"pains with opportunities", base + "      - {id: demo, name: Demo, pains: [slow]}\n    opportunities: [faster]\n", "", ""},
		{"unused persona", strings.Replace(base, "owner: sales}", "owner: sales, personas: [cio]}", 1), "5:5 warning unused-persona\n", "persona `cfo` meets no touchpoint"},
		{"persona used by a per-persona emotion", strings.Replace(base, "owner: sales}", "owner: sales, personas: [cio]}\n      - {id: t2, name: T2, personas: [cio], emotion: {cfo: 1}}", 1),
			"15:55 warning emotion-for-absent-persona\n", "not in this touchpoint's `personas`"},
		{"persona used by a stage emotion", strings.Replace(base, "owner: sales}", "owner: sales, personas: [cio]}", 1) + "    emotion: {cfo: 1}\n", "", ""},
		{"no touchpoint uses no persona", "cjm: 1\ntitle: T\npersonas: [{id: p, name: P}]\nstages: [{id: s, name: S}]\n",
			"3:12 warning unused-persona\n4:10 warning stage-without-touchpoints\n", ""},
		{"unused channel", strings.Replace(base, "{id: web, name: Web}", "{id: web, name: Web}\n  - {id: phone, name: Phone, kind: human}", 1), "8:5 warning unused-channel\n", "channel `phone` is used by no touchpoint"},
		{"unused owner", strings.Replace(base, "{id: sales, name: Sales}", "{id: sales, name: Sales}\n  - {id: cs, name: CS}", 1), "10:5 warning unused-owner\n", "owner `cs` owns no touchpoint"},
		{"catalogue declares freely", "cjm: 1\npersonas: [{id: p, name: P}]\nchannels: [{id: c, name: C}]\nowners: [{id: o, name: O}]\n", "", ""},
		{"unreachable touchpoint", base + "      - {id: demo, name: Demo, owner: sales, next: [call]}\n      - {id: call, name: Call, owner: sales}\n",
			"15:9 warning unreachable-touchpoint\n", "no `next` leads to touchpoint `demo`"},
		{"first touchpoint needs no next", strings.Replace(base, "owner: sales}", "owner: sales, next: [demo]}", 1) + "      - {id: demo, name: Demo, owner: sales}\n", "", ""},
		{"next backwards reaches", strings.Replace(base, "owner: sales}", "owner: sales, next: [demo]}", 1) + "      - {id: demo, name: Demo, owner: sales, next: [article]}\n", "", ""},
		{"no next at all", base + "      - {id: demo, name: Demo, owner: sales}\n", "", ""},
		{"target without value", base + "    metrics: [{id: m, name: M, target: 10}]\n", "15:40 warning target-without-value\n", "add the current `value`"},
		{"value without target is fine", base + "    metrics: [{id: m, name: M, value: 10}]\n", "", ""},
		{"touchpoint metric target without value", strings.Replace(base, "owner: sales}", "owner: sales, metrics: [{id: csat, name: CSAT, target: 4.5}]}", 1), "14:107 warning target-without-value\n", ""},
		{"self transition", base + "transitions:\n  - {from: awareness, to: awareness}\n", "16:5 warning self-transition\n", "to itself"},
		{"self next", strings.Replace(base, "owner: sales}", "owner: sales, next: [article]}", 1), "14:73 warning self-next\n", "lists itself"},
		{"duplicate persona reference", strings.Replace(base, "owner: sales}", "owner: sales, personas: [cio, cfo, cio]}", 1), "14:87 warning duplicate-reference\n", "listed twice"},
		{"duplicate next", strings.Replace(base, "owner: sales}", "owner: sales, next: [demo, demo]}", 1) + "      - {id: demo, name: D, owner: sales}\n", "14:79 warning duplicate-reference\n", ""},
		// issue 9 #23: `personas: []` reads as "nobody" but means everybody.
		{"empty personas list", strings.Replace(base, "owner: sales}", "owner: sales, personas: []}", 1), "14:76 warning empty-personas\n", "drop the key"},
		{"empty personas list, block style", base + "      - id: demo\n        name: Demo\n        owner: sales\n        personas: []\n", "18:19 warning empty-personas\n", "touchpoint `demo`"},
		{"personas with nothing is absent", strings.Replace(base, "owner: sales}", "owner: sales, personas: }", 1), "", ""},
		// issue 9 #10: numbers whose differences overflow are refused.
		{"metric value beyond the bound", base + "    metrics: [{id: m, name: M, value: -1.7976931348623157e308, target: 1.7976931348623157e308}]\n",
			"15:39 error metric-range\n15:72 error metric-range\n", "the value -1.7976931348623157e+308 of metric `m` is beyond ±1e15"},
		{"metric target beyond the bound", base + "    metrics: [{id: m, name: M, value: 1, target: 1e16}]\n", "15:50 error metric-range\n", "the target 1e+16"},
		{"metric at the bound", base + "    metrics: [{id: m, name: M, value: -1e15, target: 1e15}]\n", "", ""},
		{"touchpoint metric beyond the bound", strings.Replace(base, "owner: sales}", "owner: sales, metrics: [{id: m, name: M, value: 2e15}]}", 1), "14:100 error metric-range\n", ""},
		// issue 9 #25: the "use one of" list names each id once.
		{"unknown channel lists a duplicate id once", strings.Replace(strings.Replace(base, "{id: web, name: Web}", "{id: web, name: Web}\n  - {id: web, name: Web again}", 1), "channel: web", "channel: billboard", 1),
			"7:5 warning unused-channel\n8:10 error duplicate-id\n15:47 error unknown-channel\n", "or use one of `web`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := run(t, tt.src)
			if os.Getenv("CARETS") != "" {
				srcs := diag.Sources{"m.yaml": []byte(tt.src)}
				for _, d := range ds {
					line, _ := srcs.Line("m.yaml", d.Range.Start.Line)
					t.Logf("%s\n%s\n%s^", d.Rule, line, strings.Repeat(" ", len([]rune(line[:0]))+d.Range.Start.Column-1))
				}
			}
			if g := got(ds); g != tt.want {
				t.Fatalf("findings:\n%swant:\n%s%v", g, tt.want, ds)
			}
			if tt.msg != "" {
				var hit bool
				for _, d := range ds {
					hit = hit || strings.Contains(d.Message, tt.msg)
				}
				if !hit {
					t.Errorf("no message says %q: %v", tt.msg, ds)
				}
			}
			for _, d := range ds {
				r, ok := validate.Lookup(d.Rule)
				if !ok {
					t.Errorf("rule %q is not in validate.Rules", d.Rule)
				} else if r.Severity != d.Severity {
					t.Errorf("rule %q reported as %s, registered as %s", d.Rule, d.Severity, r.Severity)
				}
			}
		})
	}
}

func TestNil(t *testing.T) {
	if ds := validate.Map(nil); ds != nil {
		t.Errorf("Map(nil) = %v", ds)
	}
}

func TestRulesRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range validate.Rules {
		if seen[r.Name] {
			t.Errorf("rule %q listed twice", r.Name)
		}
		seen[r.Name] = true
		if r.Description == "" || !strings.HasSuffix(r.Description, ".") {
			t.Errorf("rule %q: description %q", r.Name, r.Description)
		}
		if strings.ToLower(r.Name) != r.Name || strings.ContainsAny(r.Name, " _") {
			t.Errorf("rule %q is not kebab-case", r.Name)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Big Boss": "big-boss", "Sales  Team!": "sales-team", "ok": "ok", "Статья": "", "a_b": "a_b"} {
		if got := validate.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidID(t *testing.T) {
	for _, id := range []string{"a", "0", "a-b_c", "x" + strings.Repeat("y", 63), "-a", "_a", "A", "a b", "", "x" + strings.Repeat("y", 64), "é", "a.b", "a\n"} {
		if got, want := validate.ValidID(id), validate.IDPattern.MatchString(id); got != want {
			t.Errorf("ValidID(%q) = %v, the pattern says %v", id, got, want)
		}
	}
}

func TestNoStagesNotRepeated(t *testing.T) {
	// Items that failed to load were reported by the loader: no no-stages on top.
	m, ds, _ := load.Bytes("m.yaml", []byte("cjm: 1\ntitle: T\nstages: [a, b]\n"), load.Options{})
	if len(ds) != 2 {
		t.Fatalf("loader: %v", ds)
	}
	if vs := validate.Map(m); len(vs) != 0 {
		t.Errorf("validator: %v", vs)
	}
}

func TestTargetWithEmptyValue(t *testing.T) {
	ds := run(t, base+"    metrics: [{id: m, name: M, value: , target: 10}]\n")
	if g := got(ds); g != "15:49 warning target-without-value\n" {
		t.Errorf("findings: %s", g)
	}
	m, lds, _ := load.Bytes("m.yaml", []byte(base+"    metrics: [{id: m, name: M, value: lots, target: 10}]\n"), load.Options{})
	if len(lds) != 1 || lds[0].Rule != load.RuleWrongType {
		t.Fatalf("loader: %v", lds)
	}
	if vs := validate.Map(m); len(vs) != 0 {
		t.Errorf("a value that failed to load is not missing: %v", vs)
	}
}

// TestUseOneOfNamesEachIDOnce checks the whole "use one of" list of an
// unknown reference: ids declared twice (a duplicate-id error of their own)
// and empty ids are not listed, and "and N more" counts distinct ids.
func TestUseOneOfNamesEachIDOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString("cjm: 1\ntitle: T\nchannels:\n")
	for i := range 10 {
		fmt.Fprintf(&b, "  - {id: c%d, name: C}\n  - {id: c%d, name: Again}\n", i, i)
	}
	b.WriteString("stages:\n  - id: s\n    name: S\n    touchpoints: [{id: t, name: T, channel: billboard}]\n")
	ds := run(t, b.String())
	var msg string
	for _, d := range ds {
		if d.Rule == validate.RuleUnknownChannel {
			msg = d.Message
		}
	}
	want := "use one of `c0`, `c1`, `c2`, `c3`, `c4`, `c5`, `c6`, `c7` and 2 more"
	if !strings.HasSuffix(msg, want) {
		t.Errorf("message %q\ndoes not end with %q", msg, want)
	}
}
