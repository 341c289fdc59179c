package schema

import (
	"bytes"
	"testing"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/schema"
)

func TestNewCmdSchema(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		wantErr bool
	}{
		{"no args", nil, false},
		{"an argument", []string{"x"}, true},
		{"unknown flag", []string{"--pretty"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var called bool
			cmd := NewCmdSchema(&cmdutil.Factory{IO: ios}, func(*Options) error { called = true; return nil })
			cmd.SetArgs(tc.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			_, err := cmd.ExecuteC()
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if called == tc.wantErr {
				t.Errorf("run called = %v", called)
			}
		})
	}
}

func TestSchemaRun(t *testing.T) {
	ios, _, out, errOut := iostreams.Test()
	if err := schemaRun(&Options{IO: ios}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), schema.JSON()) {
		t.Error("stdout is not the schema")
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr: %q", errOut)
	}
}
