package load

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/diag"
	"gopkg.in/yaml.v3"
)

// got lists findings as "line:col rule", in order.
func got(ds diag.Diagnostics) []string {
	ds = ds.Normalize()
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = fmt.Sprintf("%d:%d %s", d.Range.Start.Line, d.Range.Start.Column, d.Rule)
	}
	return out
}

const head = "cjm: 1\ntitle: T\n"

// TestLoaderRules checks every loader rule with its exact line and column
// (and, where it matters, the words of the message).
func TestLoaderRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
		msg  string // a part of the first finding's message
	}{
		{"valid", head + "stages:\n  - {id: a, name: A}\n", nil, ""},
		{"catalogue", "cjm: 1\npersonas:\n  - {id: a, name: A}\n", nil, ""},
		{"empty file", "", []string{"1:1 empty-file"}, "empty"},
		{"only spaces", "  \n\n", []string{"1:1 empty-file"}, "empty"},
		{"only comments", "# nothing\n", []string{"1:1 empty-file"}, "only comments"},
		{"empty document", "---\n", []string{"1:1 empty-file"}, ""},
		{"invalid utf-8", "cjm: 1\ntitle: Пр\xffивет\n", []string{"2:10 invalid-utf8"}, "UTF-8"},
		{"invalid utf-8 first byte", "\xfe", []string{"1:1 invalid-utf8"}, ""},
		{"tab indentation", head + "stages:\n\t- id: a\n", []string{"4:1 tab-indentation"}, "replace the tab with spaces"},
		{"tab after spaces", head + "stages:\n  - id: a\n  \tname: A\n", []string{"5:3 tab-indentation"}, ""},
		{"tab in a block scalar", "cjm: 1\ndescription: |\n  \tcode\ntitle: T\n", []string{"3:3 tab-indentation"}, ""},
		{"tab far from a syntax error", "cjm: 1\ntitle: \"a\n\tb\"\nlang: en\nx: y\nstages: [\n", []string{"6:1 yaml-syntax"}, ""},
		{"tab before a comment", "cjm: 1\n\t# c\ntitle: T\n", []string{"2:1 tab-indentation"}, ""},
		{"syntax: bad mapping", "cjm: 1\ntitle: a: b\n", []string{"2:1 yaml-syntax"}, "mapping values are not allowed"},
		{"syntax: unclosed flow", head + "stages: [\n", []string{"3:1 yaml-syntax"}, ""},
		{"syntax: unclosed quote", head + "stages:\n  - id: a\n    name: \"A\n", []string{"5:5 yaml-syntax"}, ""},
		// yaml.v3 prints parser errors' lines 0-based: the construct's own line is reported.
		{"syntax: unclosed flow list inside a stage", head + "stages:\n  - id: a\n    name: [unclosed\n", []string{"5:5 yaml-syntax"}, "close the `[` list opened here"},
		{"syntax: unclosed flow mapping", head + "personas:\n  - {id: a, name: A\n", []string{"4:3 yaml-syntax"}, "close the `{` mapping opened here"},
		// A line that breaks a block list is found and named.
		{"syntax: key between dash and item keys", head + "stages:\n  - id: a\n    name: b\n   goal: x\n", []string{"6:4 yaml-syntax"}, "list that starts on line 4"},
		{"syntax: key at the dash's depth", head + "stages:\n  - id: a\n    touchpoints:\n      - id: x\n        name: y\n      name2: z\n     - id: q\n", []string{"8:7 yaml-syntax"}, "list that starts on line 6"},
		{"several documents", head + "stages: []\n---\ncjm: 1\n", []string{"4:1 multiple-documents"}, "one map per file"},
		{"anchor and alias", head + "personas:\n  - &p {id: a, name: A}\n  - *p\n", []string{"4:5 yaml-alias", "5:5 yaml-alias"}, ""},
		{"merge key", head + "x: &b {a: 1}\ny:\n  <<: *b\n", []string{"3:4 yaml-alias", "5:7 yaml-alias"}, ""},
		{"not a mapping", "- a\n- b\n", []string{"1:1 wrong-type"}, "found a list"},
		{"scalar document", "hello\n", []string{"1:1 wrong-type"}, ""},
		{"missing cjm", "title: T\nstages: []\n", []string{"1:1 missing-key"}, "`cjm`"},
		{"empty cjm", "cjm:\ntitle: T\n", []string{"1:1 missing-key"}, ""},
		{"cjm as text", "cjm: one\ntitle: T\n", []string{"1:6 wrong-type"}, "cjm: 1"},
		{"cjm as float", "cjm: 1.0\n", []string{"1:6 wrong-type"}, ""},
		{"cjm 2", "cjm: 2\ntitle: T\n", []string{"1:6 unsupported-version"}, "supported version is 1"},
		{"missing title", "cjm: 1\nstages:\n  - {id: a, name: A}\n", []string{"1:1 missing-key"}, "`title`"},
		{"empty title", "cjm: 1\ntitle: \"\"\nstages:\n  - {id: a, name: A}\n", []string{"2:8 missing-key"}, ""},
		{"unknown top-level key", head + "stage: []\n", []string{"3:1 unknown-key"}, "did you mean `stages`?"},
		{"unknown key, no suggestion", head + "colour_scheme: x\nstages: [{id: a, name: A}]\n", []string{"3:1 unknown-key"}, "the keys here are"},
		{"unknown stage key", head + "stages:\n  - id: a\n    name: A\n    touchpoint: []\n", []string{"6:5 unknown-key"}, "unknown key `touchpoint` in a stage; did you mean `touchpoints`?"},
		{"unknown touchpoint key", head + "stages:\n  - id: a\n    name: A\n    touchpoints:\n      - {id: t, name: T, chanel: web}\n", []string{"7:26 unknown-key"}, "did you mean `channel`?"},
		{"unknown persona key", head + "personas:\n  - {id: a, name: A, goal: [x]}\n", []string{"4:22 unknown-key"}, "did you mean `goals`?"},
		{"unknown metric key", head + "stages:\n  - id: a\n    name: A\n    metrics: [{id: m, name: M, valeu: 1}]\n", []string{"6:32 unknown-key"}, "did you mean `value`?"},
		{"duplicate key", head + "title: U\n", []string{"3:1 duplicate-key"}, "first on line 2"},
		{"non-scalar key", head + "[a]: 1\n", []string{"3:1 wrong-type"}, ""},
		{"missing id", head + "personas:\n  - name: A\n", []string{"4:5 missing-key"}, "has no `id`"},
		{"misspelt required key", head + "personas:\n  - {id: a, nmae: A}\n", []string{"4:13 unknown-key"}, "did you mean `name`?"},
		{"misspelt title", "cjm: 1\ntitel: T\nstages: [{id: a, name: A}]\n", []string{"2:1 unknown-key"}, "did you mean `title`?"},
		{"missing name", head + "channels:\n  - id: a\n", []string{"4:5 missing-key"}, "has no `name`"},
		{"empty name", head + "owners:\n  - id: a\n    name:\n", []string{"5:5 missing-key"}, "empty"},
		{"transition without to", head + "transitions:\n  - {from: a}\n", []string{"4:5 missing-key"}, "`to`"},
		{"title as list", "cjm: 1\ntitle: [a]\n", []string{"2:8 wrong-type"}, "must be text"},
		{"stages as mapping", head + "stages: {a: 1}\n", []string{"3:9 wrong-type"}, "list of stages"},
		{"stage as text", head + "stages:\n  - awareness\n", []string{"4:5 wrong-type"}, "expected a stage"},
		{"pains as text", head + "personas:\n  - {id: a, name: A, pains: slow}\n", []string{"4:29 wrong-type"}, "write `pains: [slow]`"},
		{"thought as text, with a question mark", head + "stages:\n  - id: a\n    name: A\n    thoughts: Will it work?\n", []string{"6:15 wrong-type"}, "write `thoughts: [\"Will it work?\"]`"},
		{"pain as text, with a quote", head + "personas:\n  - {id: a, name: A, pains: 'Says \"no\", twice'}\n", []string{"4:29 wrong-type"}, "write `pains: [\"Says \\\"no\\\", twice\"]`"},
		{"list item as mapping", head + "personas:\n  - {id: a, name: A, goals: [{x: 1}]}\n", []string{"4:30 wrong-type"}, ""},
		{"emotion as text", head + "stages:\n  - {id: a, name: A, emotion: high}\n", []string{"4:31 wrong-type"}, "number from -2 to 2"},
		{"emotion as list", head + "stages:\n  - {id: a, name: A, emotion: [1]}\n", []string{"4:31 wrong-type"}, ""},
		{"emotion empty mapping", head + "stages:\n  - {id: a, name: A, emotion: {}}\n", []string{"4:31 wrong-type"}, "empty mapping"},
		{"emotion per persona text", head + "stages:\n  - {id: a, name: A, emotion: {p: bad}}\n", []string{"4:35 wrong-type"}, "emotion of `p`"},
		{"emotion per persona twice", head + "stages:\n  - {id: a, name: A, emotion: {p: 1, p: 2}}\n", []string{"4:38 duplicate-key"}, ""},
		{"emotion nan", head + "stages:\n  - {id: a, name: A, emotion: .nan}\n", []string{"4:31 wrong-type"}, ""},
		{"metric value text", head + "stages:\n  - id: a\n    name: A\n    metrics: [{id: m, name: M, value: lots}]\n", []string{"6:39 wrong-type"}, "a number"},
		{"metric target infinite", head + "stages:\n  - id: a\n    name: A\n    metrics: [{id: m, name: M, value: 1, target: .inf}]\n", []string{"6:50 wrong-type"}, ""},
		{"moment of truth number", head + "stages:\n  - id: a\n    name: A\n    touchpoints: [{id: t, name: T, moment_of_truth: 3}]\n", []string{"6:53 wrong-type"}, "`true` or a text"},
		{"bad lang", head + "lang: de\n", []string{"3:7 bad-enum"}, "use one of `en`, `ru`"},
		{"bad scope", head + "scope: all\n", []string{"3:8 bad-enum"}, "`buyer`, `customer`, `full`"},
		{"bad phase", head + "stages:\n  - {id: a, name: A, phase: after}\n", []string{"4:29 bad-enum"}, "`buying`, `using`"},
		{"bad kind", head + "channels:\n  - {id: a, name: A, kind: email}\n", []string{"4:28 bad-enum"}, "`digital`, `human`, `physical`"},
		{"bad evidence", head + "stages:\n  - id: a\n    name: A\n    touchpoints: [{id: t, name: T, evidence: guessed}]\n", []string{"6:46 bad-enum"}, "`observed`, `reported`, `inferred`, `assumed`"},
		{"bad better", head + "stages:\n  - id: a\n    name: A\n    metrics: [{id: m, name: M, better: less}]\n", []string{"6:40 bad-enum"}, "`higher`, `lower`"},
		{"bad color", head + "channels:\n  - {id: a, name: A, color: red}\n", []string{"4:29 bad-color"}, "#rrggbb"},
		{"short color", head + "owners:\n  - {id: a, name: A, color: \"#fff\"}\n", []string{"4:29 bad-color"}, ""},
		{"include not a list", head + "include: cat.yaml\n", []string{"3:10 wrong-type"}, "write `include: [cat.yaml]`"},
		// Empty texts (issue 9 #9): an empty id, name or reference is as
		// missing as an absent one, and is reported where it is.
		{"empty id", head + "stages:\n  - id: ''\n    name: A\n", []string{"4:9 missing-key"}, "`id` of this stage is an empty text"},
		{"blank name", head + "personas:\n  - {id: a, name: \" \"}\n", []string{"4:19 missing-key"}, "`name` of this persona is an empty text"},
		{"two stages with empty ids", head + "stages:\n  - {id: '', name: A}\n  - {id: \"\", name: B}\n", []string{"4:10 missing-key", "5:10 missing-key"}, ""},
		{"empty from", head + "transitions:\n  - {from: '', to: b}\n", []string{"4:12 missing-key"}, "`from` of this transition"},
		{"empty next item", head + "stages:\n  - id: a\n    name: A\n    touchpoints:\n      - {id: t, name: T, next: ['']}\n", []string{"7:33 empty-reference"}, "an empty item in `next`; name a touchpoint id"},
		{"empty personas item", head + "stages:\n  - id: a\n    name: A\n    touchpoints:\n      - {id: t, name: T, personas: [cio, '']}\n", []string{"7:42 empty-reference"}, "name a persona id"},
		{"empty channel", head + "stages:\n  - id: a\n    name: A\n    touchpoints:\n      - {id: t, name: T, channel: ''}\n", []string{"7:35 empty-reference"}, "`channel` is an empty text"},
		{"empty owner", head + "stages:\n  - id: a\n    name: A\n    touchpoints:\n      - {id: t, name: T, owner: \"\"}\n", []string{"7:33 empty-reference"}, "`owner` is an empty text"},
		{"empty persona in an emotion", head + "stages:\n  - id: a\n    name: A\n    touchpoints:\n      - {id: t, name: T, emotion: {'': 1}}\n", []string{"7:36 empty-reference"}, "empty persona id"},
		// Control characters (issue 9 #6): escaped ones get through YAML
		// and are refused at their escape; raw ones where they are.
		{"escaped nul in a name", head + "stages:\n  - {id: a, name: \"A\\0\"}\n", []string{"4:21 control-character"}, "U+0000 (NUL)"},
		{"escaped escape in a thought", head + "stages:\n  - id: a\n    name: A\n    thoughts: [ok, \"\\x1b[31mred\"]\n", []string{"6:21 control-character"}, "U+001B (escape)"},
		{"escaped carriage return", head + "description: \"a\\rb\"\nstages: [{id: a, name: A}]\n", []string{"3:16 control-character"}, "carriage return"},
		{"escaped C1 control", head + "stages: [{id: a, name: \"\\x9b\"}]\n", []string{"3:25 control-character"}, "U+009B"},
		{"escaped DEL in a key", head + "\"x\\x7f\": 1\nstages: [{id: a, name: A}]\n", []string{"3:1 unknown-key", "3:3 control-character"}, "unknown key"},
		{"tab and newline are fine", head + "description: \"a\\tb\\nc\"\nstages: [{id: a, name: A}]\n", nil, ""},
		{"raw escape", head + "stages:\n  - {id: a, name: A\x1b}\n", []string{"4:20 control-character"}, "not allowed in a journey file"},
		{"raw nul in a comment", head + "# a\x00b\nstages: [{id: a, name: A}]\n", []string{"3:4 control-character"}, ""},
		{"raw C1 control", head + "stages: [{id: a, name: A\u009bB}]\n", []string{"3:25 control-character"}, "U+009B"},
		{"bidi override is a warning", head + "stages:\n  - {id: a, name: \"abc\u202edef\"}\n", []string{"4:23 bidi-character"}, "U+202E (right-to-left override)"},
		{"escaped bidi isolate", head + "stages:\n  - {id: a, name: \"\\u2066x\\u2069\"}\n", []string{"4:20 bidi-character"}, "U+2066 (left-to-right isolate)"},
		{"escape on the second line of a quoted text", head + "stages:\n  - id: a\n    name: \"first line\n      and \\e[0m\"\n", []string{"6:11 control-character"}, "U+001B (escape)"},
		{"escaped backslash is no escape", head + "stages:\n  - {id: a, name: \"\\\\x1b \\x01\"}\n", []string{"4:26 control-character"}, "U+0001"},
		{"bidi in a plain key", head + "stages:\n  - {id: a, name: A}\nab\u202ecd: 1\n", []string{"5:1 unknown-key", "5:3 bidi-character"}, ""},
		{"control and bidi in one text", head + "stages:\n  - {id: a, name: \"\\u202e\\x1b\"}\n", []string{"4:20 bidi-character", "4:26 control-character"}, ""},
		// The syntax hint names the characters that need quotes in a flow
		// list and shows the quoted list (issue 9 #19).
		{"question in a flow list", head + "stages:\n  - id: a\n    name: A\n    thoughts: [Will it work?]\n", []string{"6:5 yaml-syntax"},
			"quote items that hold `:`, `,`, `?`, `#`, `&`, `*` or `!`; for example `thoughts: [\"Will it work?\"]`"},
		{"hash in a flow list", head + "stages:\n  - id: a\n    name: A\n    thoughts: [Is it #1?, fine]\n", []string{"6:5 yaml-syntax"},
			"for example `thoughts: [\"Is it #1?\", \"fine\"]`"},
		{"star in a flow list", head + "stages:\n  - id: a\n    name: A\n    feelings: [*meh*]\n", []string{"6:5 yaml-syntax"}, "quote the text; for example `feelings: [\"*meh*\"]`"},
		{"unknown alias in a flow list", head + "stages:\n  - id: a\n    name: A\n    feelings: [ok, *meh]\n", []string{"6:5 yaml-syntax"}, "YAML alias, which cjm does not support: quote the text; for example `feelings: [\"ok\", \"*meh\"]`"},
		{"bang in a flow list", head + "stages:\n  - id: a\n    name: A\n    feelings: [ok, !wow]\n", []string{"6:5 yaml-syntax"}, "for example `feelings: [\"ok\", \"!wow\"]`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds, srcs := Bytes("m.yaml", []byte(tt.src), Options{})
			g := got(ds)
			if strings.Join(g, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("findings:\n%s\nwant:\n%s\n(%v)", strings.Join(g, "\n"), strings.Join(tt.want, "\n"), ds)
			}
			if tt.msg != "" && !strings.Contains(ds[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", ds[0].Message, tt.msg)
			}
			for _, d := range ds {
				if d.Range.Filename != "m.yaml" {
					t.Errorf("finding without the file name: %v", d)
				}
			}
			if len(tt.want) == 0 && m == nil {
				t.Error("no map")
			}
			if string(srcs["m.yaml"]) != tt.src {
				t.Error("Sources does not hold the file")
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	for src, want := range map[string]float64{"12000": 12000, "-1.5": -1.5, "0x1F": 31, "0o17": 15, "1e3": 1000, "+2": 2, ".5": 0.5} {
		m, ds, _ := Bytes("n.yaml", []byte("cjm: 1\ntitle: T\nstages:\n  - {id: a, name: A, metrics: [{id: m, name: M, value: "+src+"}]}\n"), Options{})
		if len(ds) > 0 {
			t.Errorf("%s: %v", src, ds)
			continue
		}
		if got := *m.Stages[0].Metrics[0].Value; got != want {
			t.Errorf("%s = %v, want %v", src, got, want)
		}
	}
}

func TestByteOrderMark(t *testing.T) {
	m, ds, _ := Bytes("bom.yaml", []byte("\xef\xbb\xbfcjm: 1\ntitle: T\nstages: [{id: a, name: A, emotion: x}]\n"), Options{})
	if m == nil || len(ds) != 1 || ds[0].Range.Start != (diag.Pos{Line: 3, Column: 36}) {
		t.Errorf("with a BOM: %v", ds)
	}
}

// TestSuggestedFixesParse checks that the fix a message shows for a list
// (a syntax error in a `[…]` list, a text where a list belongs) is YAML that
// parses to the list meant.
func TestSuggestedFixesParse(t *testing.T) {
	tests := []struct{ line, marker, key string }{
		{"    thoughts: [Will it work?, Is it #1?, Now!]", "for example `", "thoughts"},
		{"    feelings: [ok, !wow]", "for example `", "feelings"},
		{"    feelings: [ok, *meh]", "for example `", "feelings"},
		{"    feelings: [ok, *meh*]", "for example `", "feelings"},
		{"    thoughts: Will it work?", "write `", "thoughts"},
		{"    actions: 'Ask: \"why\\ not?\", then # wait'", "write `", "actions"},
	}
	for _, tt := range tests {
		src := head + "stages:\n  - id: a\n    name: A\n" + tt.line + "\n"
		_, ds, _ := Bytes("m.yaml", []byte(src), Options{})
		if len(ds) != 1 {
			t.Fatalf("%s: %v", tt.line, ds)
		}
		msg := ds[0].Message
		i := strings.Index(msg, tt.marker)
		if i < 0 {
			t.Fatalf("%s: no fix in %q", tt.line, msg)
		}
		fix := msg[i+len(tt.marker):]
		fix = fix[:strings.IndexByte(fix, '`')]
		var v map[string][]string
		if err := yaml.Unmarshal([]byte(fix), &v); err != nil || len(v[tt.key]) == 0 {
			t.Errorf("%s: the fix %q does not parse to a list: %v %v", tt.line, fix, v, err)
		}
	}
}

// TestCharFindingsCapped checks that a file full of escaped control
// characters gets a bounded number of findings.
func TestCharFindingsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(head + "stages:\n  - id: a\n    name: A\n    thoughts:\n")
	for range 2 * maxCharFindings {
		b.WriteString("      - \"\\0 \\u202e\"\n")
	}
	_, ds, _ := Bytes("m.yaml", []byte(b.String()), Options{})
	var ctrl, bidi int
	for _, d := range ds {
		switch d.Rule {
		case RuleControlChar:
			ctrl++
		case RuleBidiChar:
			bidi++
		}
	}
	if ctrl != maxCharFindings || bidi != maxCharFindings {
		t.Errorf("%d control and %d bidi findings, want %d each", ctrl, bidi, maxCharFindings)
	}
}
