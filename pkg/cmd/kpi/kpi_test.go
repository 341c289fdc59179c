package kpi

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/kpi"
)

func hostile() []*kpi.Series {
	v, tg := 5.0, 10.0
	mt := &journey.Metric{ID: "m", Name: "=HYPERLINK(\"x\") | *bold*\x1b[31m", Unit: "@u", Better: "higher", Value: &v, Target: &tg}
	st := &journey.Stage{ID: "s"}
	return []*kpi.Series{{Map: "m.yaml", Stage: st, Metric: mt, Points: []kpi.Point{
		{Time: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Date: "2026-10", Value: 4, Source: "k.csv:2"},
		{Time: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Date: "2026-11", Value: 5, Source: "0123456789abcdef0123456789abcdef01234567"},
	}}}
}

// TestLabelsEscaped: a label cannot break the Markdown table, start a
// spreadsheet formula or reach the terminal as an escape sequence.
func TestLabelsEscaped(t *testing.T) {
	var md, csv, text bytes.Buffer
	if err := writeMarkdown(&md, hostile(), true); err != nil {
		t.Fatal(err)
	}
	if err := writeCSV(&csv, hostile(), false); err != nil {
		t.Fatal(err)
	}
	if err := writeText(&text, hostile(), true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), `\| \*bold\*`) || strings.Contains(md.String(), "\x1b") {
		t.Errorf("md:\n%s", md.String())
	}
	if !strings.Contains(csv.String(), `"'=HYPERLINK(""x"")`) || !strings.Contains(csv.String(), ",'@u,") {
		t.Errorf("csv:\n%s", csv.String())
	}
	if strings.Contains(text.String(), "\x1b") || !strings.Contains(text.String(), "0123456789ab\n") {
		t.Errorf("text:\n%s", text.String())
	}
	if !strings.Contains(md.String(), "| 2026-11 | 5 | 0123456789ab |") {
		t.Errorf("md history:\n%s", md.String())
	}
}

// TestFlags: bad --format and --since values are usage errors (exit 2).
func TestFlags(t *testing.T) {
	for _, args := range [][]string{{"--format", "xml", "m.yaml"}, {"--since", "last week", "m.yaml"}, {}} {
		ios, _, _, _ := iostreams.Test()
		cmd := NewCmdKPI(&cmdutil.Factory{IO: ios}, func(*Options) error { return nil })
		cmd.SetArgs(args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if _, ok := err.(*cmdutil.FlagError); !ok {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	var got *Options
	ios, _, _, _ := iostreams.Test()
	cmd := NewCmdKPI(&cmdutil.Factory{IO: ios}, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--history", "--metric", "a", "--metric", "b", "--since", "2026-01", "--fail-off-target", "--format", "json", "x.yaml"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !got.History || strings.Join(got.Metrics, ",") != "a,b" || got.Since != "2026-01" || !got.FailOffTarget || got.Format != "json" {
		t.Errorf("options %+v", got)
	}
}
