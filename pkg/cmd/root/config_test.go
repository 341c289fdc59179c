package root

import (
	"slices"
	"sort"
	"testing"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/config"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/render"
)

// TestConfigKnowsRender keeps the values .cjm.yaml accepts under render:
// equal to the formats and views of `cjm render`.
func TestConfigKnowsRender(t *testing.T) {
	formats := render.FormatNames()
	if !slices.Equal(sorted(formats), sorted(config.Formats)) {
		t.Errorf("config.Formats = %v, render's are %v", config.Formats, formats)
	}
	io, _, _, _ := iostreams.Test()
	f := &cmdutil.Factory{IO: io}
	cmd, _, err := NewCmdRoot(f).Find([]string{"render"})
	if err != nil {
		t.Fatal(err)
	}
	complete, ok := cmd.GetFlagCompletionFunc("view")
	if !ok {
		t.Fatal("render --view has no completion")
	}
	views, _ := complete(cmd, nil, "")
	var names []string
	for _, v := range views {
		names = append(names, string(v))
	}
	if !slices.Equal(sorted(names), sorted(config.Views)) {
		t.Errorf("config.Views = %v, render's are %v", config.Views, names)
	}
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	sort.Strings(out)
	return out
}
