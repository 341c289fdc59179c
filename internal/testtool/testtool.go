// Package testtool is how a test asks for an outside program (chromium,
// pdftoppm, nvim, soffice, node …): where it is missing the test skips
// with a message on a developer's machine, and fails under CI=true, where
// .ci/run installs every such program and a skip would hide a broken step.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing skips the test with why, or fails it with why under CI=true.
func Missing(t testing.TB, why string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s (CI=true: .ci/run must install it)", why)
	}
	t.Skip(why)
}

// Need returns the path of the first of names found on PATH; when none
// is, it calls Missing with a message naming install, the way to get it.
func Need(t testing.TB, install string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	Missing(t, names[0]+" not found: "+install)
	return ""
}
