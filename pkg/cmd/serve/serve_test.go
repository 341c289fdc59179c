package serve

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	"github.com/cjm-dev/cjm/pkg/templates"
)

func TestNewCmdServe(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		wantPath string
		wantAddr string
		wantErr  string
	}{
		{"defaults", []string{"maps"}, "maps", "127.0.0.1:8080", ""},
		{"addr", []string{"--addr", "127.0.0.1:0", "m.yaml"}, "m.yaml", "127.0.0.1:0", ""},
		{"bad addr", []string{"--addr", "8080", "m.yaml"}, "", "", `--addr "8080" is not HOST:PORT`},
		{"no path", nil, "", "", "accepts 1 arg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdServe(&cmdutil.Factory{IO: ios}, func(_ context.Context, o *Options) error { got = o; return nil })
			cmd.SetArgs(tc.args)
			cmd.SetOut(io.Discard)
			cmd.SetErr(io.Discard)
			_, err := cmd.ExecuteC()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Path != tc.wantPath || got.Addr != tc.wantAddr {
				t.Errorf("path %q addr %q", got.Path, got.Addr)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeEndToEnd runs the real pipeline (check, view builders,
// Graphviz) on a free loopback port: GET the page, save a change, and see
// the new drawing.
func TestServeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	src, _ := templates.Get("b2b-funnel", "en")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	errOut := &syncBuffer{}
	ios.ErrOut = errOut
	opts := &Options{IO: ios, Root: dir, Path: path, Addr: "127.0.0.1:0",
		Listen: func(string, string) (net.Listener, error) { return ln, nil }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveRun(ctx, opts) }()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serveRun: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("no shutdown")
		}
	}()
	base := "http://" + ln.Addr().String()

	get := func(p string) string {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	waitFor := func(what string, within time.Duration, ok func(string) bool) string {
		deadline := time.Now().Add(within)
		for {
			body := get("/fragment?f=" + path)
			if ok(body) {
				return body
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s not seen within %v:\n%s", what, within, body)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("the first drawing", 60*time.Second, func(b string) bool { return strings.Contains(b, "<svg") })
	page := get("/")
	for _, want := range []string{`id="view-map"`, `id="view-flow"`, "Blog article on reporting chaos", "EventSource"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if !strings.Contains(errOut.String(), "serving "+path+" at http://"+ln.Addr().String()+"/") {
		t.Errorf("stderr: %q", errOut.String())
	}

	// A save with a renamed touchpoint shows up in the drawing.
	changed := bytes.Replace(src, []byte("Blog article on reporting chaos"), []byte("Podcast episode on reporting chaos"), 1)
	tmp := path + ".tmp"
	os.WriteFile(tmp, changed, 0o644)
	began := time.Now()
	os.Rename(tmp, path)
	waitFor("the new touchpoint", 5*time.Second, func(b string) bool { return strings.Contains(b, "Podcast episode") })
	t.Logf("new drawing served %v after the save", time.Since(began))

	// A broken save shows the findings instead.
	os.WriteFile(path, append(changed, []byte("\nbogus_key: 1\n")...), 0o644)
	body := waitFor("the findings", 5*time.Second, func(b string) bool { return strings.Contains(b, "bogus_key") })
	if strings.Contains(body, "<svg") {
		t.Error("a broken file still shows a diagram")
	}
}

// TestServeIncludedCatalogue: editing a catalogue that the map includes
// from a subdirectory updates the preview of the map.
func TestServeIncludedCatalogue(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "catalogue"), 0o755)
	for _, name := range []string{"abm-committee.yaml", "catalogue/company.yaml"} {
		src, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", filepath.FromSlash(name)))
		if err != nil {
			t.Skipf("example missing: %v", err)
		}
		os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), src, 0o644)
	}
	path := filepath.Join(dir, "abm-committee.yaml")
	cat := filepath.Join(dir, "catalogue", "company.yaml")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	ios.Quiet = true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serveRun(ctx, &Options{IO: ios, Root: dir, Path: path, Addr: "127.0.0.1:0",
			Listen: func(string, string) (net.Listener, error) { return ln, nil }})
	}()
	defer func() { cancel(); <-done }()
	fragment := func() string {
		resp, err := http.Get("http://" + ln.Addr().String() + "/fragment?f=" + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	waitFor := func(want string, within time.Duration) {
		deadline := time.Now().Add(within)
		for !strings.Contains(fragment(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("%q not seen within %v", want, within)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("LinkedIn ads", 60*time.Second)
	src, _ := os.ReadFile(cat)
	os.WriteFile(cat+".tmp", bytes.Replace(src, []byte("LinkedIn ads"), []byte("Sponsored posts"), 1), 0o644)
	os.Rename(cat+".tmp", cat)
	waitFor("Sponsored posts", 5*time.Second)
}
