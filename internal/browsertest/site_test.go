package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestSiteInBrowser builds the site of a copy of examples/ with the real
// cjm binary, serves it under a sub-path, and loads every page in headless
// Chromium, following every internal link: no console error (a CSP
// violation is one), no failed request, no request that leaves the site,
// every internal link answered, every image drawn, and the sorting script
// (allowed by its hash) running. The index is loaded from file:// too.
func TestSiteInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the browser test of cjm site")
	}
	browser := chromiumPath(t)
	bin := buildCJM(t)
	src := filepath.Dir(copyExamples(t, "saas-onboarding"))
	out := filepath.Join(t.TempDir(), "public")
	if b, err := exec.Command(bin, "--root", src, "site", src, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("cjm site: %v\n%s", err, b)
	}

	const sub = "/team/maps/"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.StripPrefix(sub, http.FileServer(http.Dir(out)))}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	base := "http://" + ln.Addr().String() + sub

	ctx := newBrowser(t, browser)
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	w := watchSite(t, tab, base)

	queue := []string{base + "index.html"}
	seen := map[string]bool{queue[0]: true}
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		links := w.visit(t, page)
		for _, l := range links {
			u, err := url.Parse(l)
			if err != nil {
				t.Errorf("%s: bad link %q", page, l)
				continue
			}
			u.Fragment = ""
			abs := u.String()
			if !strings.HasPrefix(abs, base) {
				continue // a link in a map's description: not followed, never fetched
			}
			if seen[abs] {
				continue
			}
			seen[abs] = true
			if strings.HasSuffix(u.Path, ".html") {
				queue = append(queue, abs)
				continue
			}
			resp, err := http.Get(abs)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("%s: link %s: %v %v", page, abs, err, resp)
			}
			if resp != nil {
				resp.Body.Close()
			}
		}
	}
	pages := 0
	for u := range seen {
		if strings.HasSuffix(u, ".html") {
			pages++
		}
	}
	// index, 5 pages across maps, 3 map pages
	if pages < 9 {
		t.Errorf("followed links to %d pages, want at least 9 (index, 5 pages across maps, 3 maps)", pages)
	}
	w.check(t)

	// The same index from file://: thumbnails drawn, no console error.
	w.base = "file://"
	w.visit(t, "file://"+filepath.ToSlash(filepath.Join(out, "index.html")))
	w.check(t)
}

// siteWatch records what a tab's pages do: console errors and exceptions,
// failed requests, requests outside base.
type siteWatch struct {
	tab  context.Context
	base string

	mu       sync.Mutex
	problems []string
	current  string
}

func watchSite(t *testing.T, tab context.Context, base string) *siteWatch {
	w := &siteWatch{tab: tab, base: base}
	add := func(format string, args ...any) {
		w.mu.Lock()
		w.problems = append(w.problems, w.current+": "+fmt.Sprintf(format, args...))
		w.mu.Unlock()
	}
	// Subscribed before the first navigation (chromedp enables the
	// network domain of every tab).
	requests := pump(tab, network.RequestWillBeSent)
	failed := pump(tab, network.LoadingFailed)
	responses := pump(tab, network.ResponseReceived)
	console := chromedp.Console(tab)
	go func() {
		for {
			select {
			case ev := <-requests:
				w.mu.Lock()
				b := w.base
				w.mu.Unlock()
				if !strings.HasPrefix(ev.Request.URL, b) {
					add("request leaves the site: %s", ev.Request.URL)
				}
			case ev := <-failed:
				add("request failed: %s (blocked: %s)", ev.ErrorText, ev.BlockedReason)
			case ev := <-responses:
				if ev.Response.Status >= 400 {
					add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
				}
			case <-tab.Done():
				return
			}
		}
	}()
	go func() {
		// Console errors, exceptions and the browser's log (a CSP
		// violation or a blocked load is an error there).
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || m.Type == "warning" {
				add("console %s: %s", m.Type, m.Text)
			}
		}
	}()
	return w
}

// visit loads page, waits for it and its images, checks that the sorting
// script ran where there is a sortable table, and returns the absolute
// URLs of its links.
func (w *siteWatch) visit(t *testing.T, page string) []string {
	t.Helper()
	w.mu.Lock()
	w.current = page
	w.mu.Unlock()
	ctx, cancel := context.WithTimeout(w.tab, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete" && Array.from(document.images).every(i => i.complete)`)); err != nil {
		t.Fatalf("%s: waiting for the page and its images: %v", page, err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href]"), a => a.href)`))
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	undrawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.images).filter(i => !(i.naturalWidth > 0)).map(i => i.src)`))
	if err != nil || len(undrawn) > 0 {
		t.Errorf("%s: images not drawn: %q (%v)", page, undrawn, err)
	}
	ran, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("table.sortable").length === 0 || document.querySelectorAll("table.sortable th button").length > 0`))
	if err != nil || !ran {
		t.Errorf("%s: the sorting script did not run (is its hash in the CSP?) (%v)", page, err)
	}
	// Sort the index by touchpoints: the script works, not only runs.
	if strings.HasSuffix(page, "/index.html") {
		sorted, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
  const heads = Array.from(document.querySelectorAll("#maps thead th"));
  const col = heads.findIndex(h => h.textContent.trim() === "Touchpoints");
  heads[col].querySelector("button").click();
  const v = Array.from(document.querySelectorAll("#maps tbody tr"), r => parseFloat(r.cells[col].dataset.num));
  return heads[col].getAttribute("aria-sort") === "ascending" && v.length > 1 && v.every((x, i) => i === 0 || v[i-1] <= x);
})()`))
		if err != nil || !sorted {
			t.Errorf("%s: clicking Touchpoints did not sort the maps by touchpoints (%v)", page, err)
		}
	}
	return links
}

func (w *siteWatch) check(t *testing.T) {
	t.Helper()
	time.Sleep(200 * time.Millisecond) // let the last events arrive
	w.mu.Lock()
	defer w.mu.Unlock()
	slices.Sort(w.problems)
	for _, p := range slices.Compact(w.problems) {
		t.Error(p)
	}
	w.problems = nil
}
