package serve

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// fake renders a file as an SVG that shows its text; a file containing
// "broken" has an error whose message quotes the file.
type fake struct {
	mu    sync.Mutex
	count map[string]int
	total atomic.Int64
}

func (f *fake) render(_ context.Context, path string) (map[string][]byte, diag.Diagnostics, error) {
	f.total.Add(1)
	f.mu.Lock()
	if f.count == nil {
		f.count = map[string]int{}
	}
	f.count[path]++
	f.mu.Unlock()
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	text := strings.TrimSpace(string(src))
	if strings.Contains(text, "broken") {
		return nil, diag.Diagnostics{{Severity: diag.Error, Rule: "test", Message: text,
			Range: diag.Range{Filename: path, Start: diag.Pos{Line: 1, Column: 1}}}}, nil
	}
	if strings.Contains(text, "catalogue") {
		return nil, nil, nil
	}
	svg := func(v string) []byte {
		return []byte(`<?xml version="1.0"?>` + "\n" + `<svg id="` + v + `"><text>` + html.EscapeString(text) + `</text></svg>`)
	}
	return map[string][]byte{"map": svg("map"), "flow": svg("flow")}, nil, nil
}

func (f *fake) renders(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.count[path]
}

// save writes a file the way editors do: a temporary file renamed over it.
func save(t *testing.T, path, text string) {
	t.Helper()
	tmp := path + ".swp~"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

type running struct {
	t      *testing.T
	s      *Server
	base   string
	cancel context.CancelFunc
	done   chan error
}

func start(t *testing.T, path string, f *fake) *running {
	t.Helper()
	return startDebounce(t, path, f, 50*time.Millisecond)
}

func startDebounce(t *testing.T, path string, f *fake, debounce time.Duration) *running {
	t.Helper()
	s, err := New(Options{Path: path, Render: f.render, Debounce: debounce})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, s: s, base: "http://" + ln.Addr().String(), cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() { r.stop() })
	// Wait for the first renders.
	deadline := time.Now().Add(5 * time.Second)
	for {
		all := true
		s.mu.RLock()
		for _, e := range s.entries {
			all = all && e.rendered
		}
		s.mu.RUnlock()
		if all {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("first render did not finish")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return r
}

func (r *running) stop() error {
	r.cancel()
	select {
	case err := <-r.done:
		r.done <- err
		return err
	case <-time.After(5 * time.Second):
		r.t.Fatal("server did not shut down")
		return nil
	}
}

func (r *running) get(path string) (int, string) {
	r.t.Helper()
	resp, err := http.Get(r.base + path)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// stream opens /events and returns a channel of the data lines of "update"
// events.
func (r *running) stream() <-chan string {
	r.t.Helper()
	resp, err := http.Get(r.base + "/events")
	if err != nil {
		r.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		r.t.Fatalf("Content-Type %q", ct)
	}
	ch := make(chan string, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		isUpdate := false
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "event: update":
				isUpdate = true
			case strings.HasPrefix(line, "data: ") && isUpdate:
				ch <- strings.TrimPrefix(line, "data: ")
				isUpdate = false
			}
		}
	}()
	// Wait until the hub has the client, so no event is missed.
	for i := 0; r.s.hub.clientCount() == 0 && i < 500; i++ {
		time.Sleep(2 * time.Millisecond)
	}
	return ch
}

func waitEvent(t *testing.T, ch <-chan string, want string, within time.Duration) {
	t.Helper()
	timeout := time.After(within)
	for {
		select {
		case data, ok := <-ch:
			if !ok {
				t.Fatalf("event stream closed before %q", want)
			}
			if strings.Contains(data, want) {
				return
			}
		case <-timeout:
			t.Fatalf("no event containing %q within %v", want, within)
		}
	}
}

func TestSingleFileLiveUpdate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	save(t, path, "first version")
	f := &fake{}
	r := start(t, path, f)

	code, body := r.get("/")
	if code != 200 || !strings.Contains(body, "first version") || !strings.Contains(body, `id="view-map"`) || !strings.Contains(body, `id="view-flow"`) {
		t.Fatalf("GET / = %d:\n%s", code, body)
	}
	if strings.Contains(body, "<?xml") {
		t.Error("XML prolog inside the HTML page")
	}
	if !strings.Contains(body, "new EventSource(\"/events\")") {
		t.Error("page does not subscribe to events")
	}

	events := r.stream()
	began := time.Now()
	save(t, path, "second version")
	waitEvent(t, events, `"file":"`+path+`"`, time.Second)
	t.Logf("update seen %v after the save", time.Since(began))
	_, frag := r.get("/fragment?f=" + path)
	if !strings.Contains(frag, "second version") || strings.Contains(frag, "first version") {
		t.Fatalf("fragment not updated:\n%s", frag)
	}
	if _, svg := r.get("/svg?f=" + path + "&view=flow"); !strings.Contains(svg, "second version") {
		t.Errorf("/svg not updated: %s", svg)
	}
	if code, _ := r.get("/fragment?f=/etc/passwd"); code != 404 {
		t.Errorf("unknown file: %d, want 404", code)
	}
	if err := r.stop(); err != nil {
		t.Errorf("Serve returned %v", err)
	}
}

func TestRepeatedSavesRenderOnceForManyTabs(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	save(t, path, "v0")
	f := &fake{}
	// The saves of the burst come within the debounce interval (the
	// default is 50ms; slower under the race detector, so wider here).
	r := startDebounce(t, path, f, 250*time.Millisecond)
	var tabs []<-chan string
	for i := 0; i < 5; i++ {
		tabs = append(tabs, r.stream())
	}
	before := f.renders(path)
	for i := 1; i <= 10; i++ {
		save(t, path, "v"+strings.Repeat("x", i))
	}
	for _, tab := range tabs {
		waitEvent(t, tab, `"file":"`+path+`"`, 2*time.Second)
	}
	time.Sleep(400 * time.Millisecond) // would a second render follow?
	if n := f.renders(path) - before; n != 1 {
		t.Errorf("%d renders for one burst of saves seen by 5 tabs, want 1", n)
	}
	if _, frag := r.get("/fragment?f=" + path); !strings.Contains(frag, "v"+strings.Repeat("x", 10)) {
		t.Errorf("fragment is not the last save:\n%s", frag)
	}
	// Shutdown with open streams does not hang.
	if err := r.stop(); err != nil {
		t.Errorf("Serve returned %v", err)
	}
	for _, tab := range tabs {
		for range tab {
		}
	}
}

func TestBrokenFileShowsEscapedFindings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	save(t, path, "fine")
	r := start(t, path, &fake{})
	events := r.stream()
	save(t, path, `broken <script>alert("x")</script>`)
	waitEvent(t, events, path, time.Second)
	_, frag := r.get("/fragment?f=" + path)
	if strings.Contains(frag, "<script>") || !strings.Contains(frag, "&lt;script&gt;") {
		t.Errorf("findings not escaped:\n%s", frag)
	}
	if strings.Contains(frag, "<svg") {
		t.Errorf("a diagram is shown for a broken file:\n%s", frag)
	}
	if !strings.Contains(frag, "1 error, 0 warnings: fix the errors") {
		t.Errorf("no error count:\n%s", frag)
	}
	// Fixing the file brings the diagram back.
	save(t, path, "fixed")
	waitEvent(t, events, path, time.Second)
	if _, frag := r.get("/fragment?f=" + path); !strings.Contains(frag, "<svg") || !strings.Contains(frag, "fixed") {
		t.Errorf("diagram not back:\n%s", frag)
	}
}

func TestDirectoryIndex(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.yaml")
	cat := filepath.Join(dir, "sub", "company.yaml")
	os.MkdirAll(filepath.Dir(cat), 0o755)
	save(t, a, "cjm: 1 # map a")
	save(t, cat, "cjm: 1 # catalogue")
	os.WriteFile(filepath.Join(dir, "other.yaml"), []byte("name: not a journey\n"), 0o644)
	f := &fake{}
	r := start(t, dir, f)

	_, body := r.get("/")
	for _, want := range []string{"<title>cjm serve — " + dir + "</title>", `href="/map?f=` + strings.ReplaceAll(a, "/", "%2F") + `"`, ">a.yaml<", ">sub/company.yaml<", "catalogue"} {
		if !strings.Contains(body, want) {
			t.Errorf("index lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "other.yaml") {
		t.Error("index lists a YAML file that is not a journey")
	}
	events := r.stream()

	// A new map appears in the index.
	b := filepath.Join(dir, "sub", "b.yml")
	save(t, b, "cjm: 1 # map b")
	waitEvent(t, events, `"file":"`+b+`"`, 2*time.Second)
	if _, idx := r.get("/fragment"); !strings.Contains(idx, ">sub/b.yml<") {
		t.Errorf("new map not in the index:\n%s", idx)
	}

	// A change to the catalogue re-renders the maps that may include it.
	before := f.renders(a)
	save(t, cat, "cjm: 1 # catalogue, changed")
	waitEvent(t, events, `"file":"`+a+`"`, 2*time.Second)
	if f.renders(a) != before+1 {
		t.Errorf("map a rendered %d times after a catalogue change, want 1", f.renders(a)-before)
	}

	// A removed map leaves the index.
	os.Remove(b)
	waitEvent(t, events, `"file":""`, 2*time.Second)
	if _, idx := r.get("/fragment"); strings.Contains(idx, "b.yml") {
		t.Errorf("removed map still listed:\n%s", idx)
	}
	if code, _ := r.get("/map?f=" + b); code != 404 {
		t.Errorf("removed map page: %d", code)
	}
}

func TestHostCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	save(t, path, "x")
	r := start(t, path, &fake{})
	for host, want := range map[string]int{"localhost:8080": 200, "127.0.0.1": 200, "[::1]:1": 200, "evil.example:8080": 403} {
		req, _ := http.NewRequest("GET", r.base+"/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestNew(t *testing.T) {
	if _, err := New(Options{Path: "testdata/none.yaml", Render: (&fake{}).render}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing path: %v", err)
	}
	if _, err := New(Options{Path: "."}); err == nil {
		t.Error("no renderer accepted")
	}
}

// deps reads "include: PATH" lines, as a stand-in for the loader.
func deps(file string) []string {
	src, _ := os.ReadFile(file)
	var out []string
	for _, line := range strings.Split(string(src), "\n") {
		if p, ok := strings.CutPrefix(line, "include: "); ok {
			out = append(out, filepath.Join(filepath.Dir(file), p))
		}
	}
	return out
}

func TestIncludedFileOutsideWatchedDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "maps", "journey.yaml")
	cat := filepath.Join(dir, "shared", "company.yaml")
	other := filepath.Join(dir, "maps", "unrelated.yaml")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.MkdirAll(filepath.Dir(cat), 0o755)
	save(t, cat, "catalogue v1")
	save(t, other, "x")
	save(t, path, "include: ../shared/company.yaml")
	f := &fake{}
	s, err := New(Options{Path: path, Render: f.render, Deps: deps, Debounce: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	r := &running{t: t, s: s, base: "http://" + ln.Addr().String(), cancel: cancel, done: done}
	for i := 0; f.renders(path) == 0 && i < 500; i++ {
		time.Sleep(5 * time.Millisecond)
	}
	events := r.stream()

	save(t, cat, "catalogue v2")
	waitEvent(t, events, `"file":"`+path+`"`, time.Second)
	if n := f.renders(path); n != 2 {
		t.Errorf("%d renders, want 2 (start, catalogue change)", n)
	}

	// A YAML file the map does not read changes nothing.
	save(t, other, "y")
	time.Sleep(300 * time.Millisecond)
	if n := f.renders(path); n != 2 {
		t.Errorf("%d renders after an unrelated change, want 2", n)
	}
}

// TestContinuousChangesStillRender: a file that never stops changing is
// rendered at least once a maxWait, not starved by the debounce.
func TestContinuousChangesStillRender(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	save(t, path, "v0")
	f := &fake{}
	r := startDebounce(t, path, f, 200*time.Millisecond)
	before := f.renders(path)
	stop := time.Now().Add(maxWait + 700*time.Millisecond)
	for i := 0; time.Now().Before(stop); i++ {
		save(t, path, "v"+strings.Repeat("x", i%7))
		time.Sleep(30 * time.Millisecond)
	}
	if n := f.renders(path) - before; n < 1 {
		t.Errorf("no render during %v of continuous saves", maxWait+700*time.Millisecond)
	}
	_ = r
}

// TestContentSecurityPolicy: the page's script is the one the policy
// allows, byte for byte (a changed script without a changed hash would be
// blocked by browsers).
func TestContentSecurityPolicy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	save(t, path, "x")
	r := start(t, path, &fake{})
	resp, err := http.Get(r.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	start := strings.Index(string(body), "<script>") + len("<script>")
	end := strings.Index(string(body), "</script>")
	if start < len("<script>") || end < start {
		t.Fatal("no script in the page")
	}
	sum := sha256.Sum256(body[start:end])
	if want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, "script-src "+want) {
		t.Errorf("CSP %q does not allow the page's script (%s)", csp, want)
	}
	if strings.Count(string(body), "<script") != 1 {
		t.Error("more than one script")
	}
}

// A browser opens connections ahead of need (preconnect) and may never send
// a request on them. net/http's Shutdown waits up to 5 s for such a
// connection; Ctrl-C must still stop serve at once and cleanly.
func TestShutdownWithIdleNewConnection(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	save(t, path, "x")
	r := start(t, path, &fake{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(r.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	time.Sleep(50 * time.Millisecond) // let the server accept it
	began := time.Now()
	if err := r.stop(); err != nil {
		t.Errorf("Serve returned %v after a shutdown asked for by its context, want nil", err)
	}
	if d := time.Since(began); d > 1500*time.Millisecond {
		t.Errorf("shutdown took %v with a connection that sent no request, want under 1.5 s", d)
	}
}

// Browsers ask every page's site for /favicon.ico; a 404 there is an error
// in the page's console.
func TestFavicon(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journey.yaml")
	save(t, path, "x")
	r := start(t, path, &fake{})
	if code, _ := r.get("/favicon.ico"); code != http.StatusNoContent {
		t.Errorf("GET /favicon.ico: status %d, want %d", code, http.StatusNoContent)
	}
}
