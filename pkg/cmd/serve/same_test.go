package serve

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/cmd/render"
	"github.com/cjm-dev/cjm/pkg/cmdutil"
	"github.com/cjm-dev/cjm/pkg/iostreams"
	pkgrender "github.com/cjm-dev/cjm/pkg/render"
)

// TestSameSVGAsRender: the preview serves, for every view, the very bytes
// that `cjm render -f svg` writes for the same map (its Graphviz runs in a
// worker process, render's in this one for a small batch).
func TestSameSVGAsRender(t *testing.T) {
	examples, _ := filepath.Glob(filepath.Join("..", "..", "..", "examples", "[^.]*.yaml"))
	if len(examples) == 0 {
		t.Skip("no examples")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644) // the include root
	os.Mkdir(filepath.Join(dir, "catalogue"), 0o755)
	cats, _ := filepath.Glob(filepath.Join("..", "..", "..", "examples", "catalogue", "*.yaml"))
	for _, f := range append(examples, cats...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel := filepath.Base(f)
		if filepath.Base(filepath.Dir(f)) == "catalogue" {
			rel = filepath.Join("catalogue", rel)
		}
		os.WriteFile(filepath.Join(dir, rel), src, 0o644)
	}
	path := filepath.Join(dir, "abm-committee.yaml")

	// cjm render -o OUT -f svg --view <every view> PATH
	out := t.TempDir()
	ios, _, _, errOut := iostreams.Test()
	cmd := render.NewCmdRender(&cmdutil.Factory{IO: ios, Root: dir}, nil)
	cmd.SetArgs([]string{"-o", out, "-f", "svg", "--view", strings.Join(pkgrender.ViewNames(), ","), path})
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	if err := cmd.Execute(); err != nil {
		t.Fatalf("render: %v\n%s", err, errOut)
	}

	// cjm serve PATH, through its worker pool.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sios, _, _, _ := iostreams.Test()
	sios.Quiet = true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serveRun(ctx, &Options{IO: sios, Root: dir, Path: path, Addr: "127.0.0.1:0",
			Listen: func(string, string) (net.Listener, error) { return ln, nil }})
	}()
	defer func() { cancel(); <-done }()
	get := func(view string) []byte {
		resp, err := http.Get("http://" + ln.Addr().String() + "/svg?f=" + url.QueryEscape(path) + "&view=" + view)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return nil
		}
		b, _ := io.ReadAll(resp.Body)
		return b
	}
	for _, v := range pkgrender.ViewNames() {
		name := "abm-committee.svg"
		if v != "map" {
			name = "abm-committee." + v + ".svg"
		}
		want, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		got := get(v)
		for got == nil && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			got = get(v)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s view: serve's SVG (%d bytes) differs from render's %s (%d bytes)", v, len(got), name, len(want))
		}
	}
}
