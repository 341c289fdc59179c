package render

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps the import rules of docs/architecture.md: the library
// knows nothing of cobra or of any command, and no command imports
// another.
func TestImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	const mod = "github.com/cjm-dev/cjm/"
	for _, d := range deps(mod + "pkg/render") {
		if strings.Contains(d, "cobra") || strings.HasPrefix(d, mod+"pkg/cmd") || strings.HasPrefix(d, mod+"pkg/iostreams") {
			t.Errorf("pkg/render imports %s", d)
		}
	}
	// Only the commands (and their shared helpers) know cobra.
	list, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", mod+"pkg/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(list)), "\n") {
		f := strings.Fields(line)
		// pkg/cmdutil holds the helpers the commands share (as gh's
		// cmdutil does): it is part of the command layer.
		if len(f) == 0 || strings.HasPrefix(f[0], mod+"pkg/cmd/") || f[0] == mod+"pkg/cmdutil" {
			continue
		}
		for _, imp := range f[1:] {
			if strings.Contains(imp, "spf13/cobra") {
				t.Errorf("the library package %s imports cobra", f[0])
			}
		}
	}
	out, err := exec.Command("go", "list", mod+"pkg/cmd/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range strings.Fields(string(out)) {
		if cmd == mod+"pkg/cmd/root" {
			continue // the root command assembles the others
		}
		for _, d := range deps(cmd) {
			if strings.HasPrefix(d, mod+"pkg/cmd/") && d != cmd {
				t.Errorf("%s imports the command %s", cmd, d)
			}
		}
	}
}
