package testtool

import "testing"

func TestNeedFindsATool(t *testing.T) {
	if p := Need(t, "it is part of every system", "sh"); p == "" {
		t.Fatal("sh not found")
	}
}

func TestMissingFailsInCI(t *testing.T) {
	t.Setenv("CI", "true")
	ft := &fakeT{TB: t}
	func() {
		defer func() { recover() }()
		Missing(ft, "tool x not found")
	}()
	if !ft.failed || ft.skipped {
		t.Errorf("under CI=true: failed %v, skipped %v; want a failure", ft.failed, ft.skipped)
	}
	t.Setenv("CI", "")
	ft = &fakeT{TB: t}
	func() {
		defer func() { recover() }()
		Missing(ft, "tool x not found")
	}()
	if ft.failed || !ft.skipped {
		t.Errorf("outside CI: failed %v, skipped %v; want a skip", ft.failed, ft.skipped)
	}
}

// fakeT records Fatalf and Skip instead of ending the test.
type fakeT struct {
	testing.TB
	failed, skipped bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Fatalf(string, ...any) { f.failed = true; panic("fatal") }
func (f *fakeT) Skip(...any)           { f.skipped = true; panic("skip") }
