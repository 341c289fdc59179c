package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/pkg/check"
	"github.com/cjm-dev/cjm/pkg/load"
)

// The YAML sample at the top of the README is what people copy first: it
// must pass `cjm validate --strict`.
func TestReadmeSample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	start := strings.Index(s, "```yaml\n")
	if start < 0 {
		t.Fatal("README.md has no ```yaml sample")
	}
	s = s[start+len("```yaml\n"):]
	end := strings.Index(s, "```")
	if end < 0 {
		t.Fatal("README.md's yaml sample is not closed")
	}
	res := check.Bytes("README.md sample", []byte(s[:end]), load.Options{Root: t.TempDir()})
	if len(res.Diags) > 0 {
		t.Errorf("the README sample has findings:\n%v", res.Diags)
	}
}
