package cmdutil

import (
	"testing"

	"github.com/spf13/pflag"

	"github.com/cjm-dev/cjm/pkg/load"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"1048576", 1 << 20, false},
		{"20MiB", 20 << 20, false},
		{"20mib", 20 << 20, false},
		{"512K", 512 << 10, false},
		{"1.5GiB", 3 << 29, false},
		{"10MB", 10_000_000, false},
		{"3kB", 3000, false},
		{"100B", 100, false},
		{"", 0, true},
		{"-1", 0, true},
		{"MiB", 0, true},
		{"1e30GiB", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
	if s := FormatSize(10 << 20); s != "10MiB" {
		t.Errorf("FormatSize = %q", s)
	}
}

// TestMaxSizeFlag checks the one --max-size binding that every command
// that reads maps uses.
func TestMaxSizeFlag(t *testing.T) {
	var n int64
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	AddMaxSizeFlag(fs, &n)
	if n != load.DefaultMaxBytes {
		t.Errorf("default = %d, want %d", n, load.DefaultMaxBytes)
	}
	if got := fs.Lookup("max-size").DefValue; got != "10MiB" {
		t.Errorf("DefValue = %q", got)
	}
	if err := fs.Parse([]string{"--max-size", "20MiB"}); err != nil || n != 20<<20 {
		t.Errorf("--max-size 20MiB: %d, %v", n, err)
	}
	if err := fs.Parse([]string{"--max-size", "0"}); err == nil {
		t.Error("--max-size 0 accepted")
	}
}
