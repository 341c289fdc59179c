// Command servebench measures `cjm serve` the way a user feels it: it
// starts the cjm binary on a map, saves the map N times (a temporary file
// renamed over it, as editors do), and for each save waits until the page's
// fragment shows the change (the SSE event, then GET /fragment, as the
// page's script does). It prints the latency of each save's re-render and
// the resident memory of the serve process and its Graphviz workers
// (the process tree), then a summary.
//
//	go build -o /tmp/cjm ./cmd/cjm
//	go run ./scripts/servebench -cjm /tmp/cjm -touchpoints 1000 -saves 500
//	go run ./scripts/servebench -cjm /tmp/cjm -map examples/saas-onboarding.yaml -saves 50
//	go run ./scripts/servebench -touchpoints 1000 -write /tmp/m1000.yaml
//
// With -touchpoints it generates a synthetic map (pkg/view/viewtest's
// generator, written out as YAML); with -map it copies that file (and
// the examples' catalogue and kpi directories next to it) into a temporary
// directory.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/view/viewtest"
)

func main() {
	cjm := flag.String("cjm", "cjm", "the cjm binary")
	n := flag.Int("touchpoints", 1000, "touchpoints of the synthetic map (ignored with -map)")
	mapFile := flag.String("map", "", "a journey file to serve instead of a synthetic map")
	saves := flag.Int("saves", 500, "number of saves")
	every := flag.Int("every", 50, "print a line every N saves")
	write := flag.String("write", "", "only write the synthetic map to this `FILE`")
	flag.Parse()
	if *write != "" {
		if err := os.WriteFile(*write, yamlOf(viewtest.Generate(viewtest.Config{Touchpoints: *n, BackEdges: 0.1, Seed: 1})), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "servebench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*cjm, *n, *mapFile, *saves, *every); err != nil {
		fmt.Fprintln(os.Stderr, "servebench:", err)
		os.Exit(1)
	}
}

func run(cjm string, n int, mapFile string, saves, every int) error {
	dir, err := os.MkdirTemp("", "servebench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644)
	path := filepath.Join(dir, "journey.yaml")
	var src []byte
	if mapFile != "" {
		if src, err = os.ReadFile(mapFile); err != nil {
			return err
		}
		// The catalogue and measurement files the examples read.
		for _, sub := range []string{"catalogue", "kpi"} {
			if d := filepath.Join(filepath.Dir(mapFile), sub); exists(d) {
				if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(d)); err != nil {
					return err
				}
			}
		}
	} else {
		src = yamlOf(viewtest.Generate(viewtest.Config{Touchpoints: n, BackEdges: 0.1, Seed: 1}))
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, cjm, "serve", "-q", "--addr", addr, path)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { cancel(); cmd.Wait() }()
	base := "http://" + addr
	fragment := func() string {
		resp, err := http.Get(base + "/fragment?f=" + url.QueryEscape(path))
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	// The first drawing.
	start := time.Now()
	for !strings.Contains(fragment(), "<svg") {
		if time.Since(start) > 5*time.Minute {
			return fmt.Errorf("no first drawing")
		}
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Printf("first drawing after %v; tree RSS %s\n", time.Since(start).Round(time.Millisecond), mib(treeRSS(cmd.Process.Pid)))

	events, err := subscribe(ctx, base)
	if err != nil {
		return err
	}
	// A save renames the title: every save changes the page.
	title := titleLine(src)
	var lat []time.Duration
	var peak int64
	for i := 1; i <= saves; i++ {
		mark := fmt.Sprintf("zq%dzq", i)
		marked := append(append([]byte(nil), title...), []byte(" "+mark)...)
		if bytes.HasSuffix(title, []byte(`"`)) { // inside the quotes
			marked = append(append([]byte(nil), title[:len(title)-1]...), []byte(" "+mark+`"`)...)
		}
		next := bytes.Replace(src, title, marked, 1)
		tmp := path + ".tmp"
		os.WriteFile(tmp, next, 0o644)
		began := time.Now()
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		// The page fetches the fragment on each update event.
		deadline := time.After(5 * time.Minute)
	wait:
		for {
			select {
			case <-events:
				if strings.Contains(fragment(), mark) {
					break wait
				}
			case <-deadline:
				return fmt.Errorf("save %d: no update", i)
			}
		}
		lat = append(lat, time.Since(began))
		rss := treeRSS(cmd.Process.Pid)
		peak = max(peak, rss)
		if i%every == 0 || i == saves {
			fmt.Printf("save %4d: re-render visible after %v; tree RSS %s (peak %s)\n", i, lat[len(lat)-1].Round(time.Millisecond), mib(rss), mib(peak))
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	fmt.Printf("%d saves: latency median %v, p90 %v, max %v; tree RSS at the end %s, peak %s\n",
		len(lat), lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*9/10].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond),
		mib(treeRSS(cmd.Process.Pid)), mib(peak))
	return nil
}

// subscribe reads /events and signals each update event.
func subscribe(ctx context.Context, base string) (<-chan struct{}, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	ch := make(chan struct{}, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data:") {
				select {
				case ch <- struct{}{}:
				default:
				}
			}
		}
	}()
	return ch, nil
}

func titleLine(src []byte) []byte {
	for _, l := range bytes.Split(src, []byte("\n")) {
		if bytes.HasPrefix(l, []byte("title:")) {
			return l
		}
	}
	return nil
}

// treeRSS sums the resident memory of pid and its descendants (Linux).
func treeRSS(pid int) int64 {
	children := map[int][]int{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 1 {
			pp, _ := strconv.Atoi(f[1])
			children[pp] = append(children[pp], p)
		}
	}
	var sum int64
	var walk func(int)
	walk = func(p int) {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(p) + "/statm")
		if err == nil {
			f := strings.Fields(string(b))
			if len(f) > 1 {
				pages, _ := strconv.ParseInt(f[1], 10, 64)
				sum += pages * int64(os.Getpagesize())
			}
		}
		for _, c := range children[p] {
			walk(c)
		}
	}
	walk(pid)
	return sum
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// yamlOf writes a synthetic map as a journey file: the fields the views
// draw (stages, touchpoints with channel, owner, emotion, pains, delights,
// next; channels, owners, steps back).
func yamlOf(m *journey.Map) []byte {
	var b bytes.Buffer
	q := strconv.Quote
	fmt.Fprintf(&b, "cjm: 1\ntitle: %s\nlang: %s\n", q(m.Title), m.Lang)
	b.WriteString("channels:\n")
	for _, c := range m.Channels {
		fmt.Fprintf(&b, "  - {id: %s, name: %s, kind: %s}\n", c.ID, q(c.Name), c.Kind)
	}
	b.WriteString("owners:\n")
	for _, o := range m.Owners {
		fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", o.ID, q(o.Name))
	}
	b.WriteString("stages:\n")
	for _, s := range m.Stages {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    goal: %s\n    touchpoints:\n", s.ID, q(s.Name), q(s.Goal))
		for _, t := range s.Touchpoints {
			fmt.Fprintf(&b, "      - id: %s\n        name: %s\n        channel: %s\n        owner: %s\n", t.ID, q(t.Name), t.Channel, t.Owner)
			if t.Emotion != nil {
				fmt.Fprintf(&b, "        emotion: %g\n", t.Emotion.Value)
			}
			if len(t.Pains) > 0 {
				fmt.Fprintf(&b, "        pains: [%s]\n", q(t.Pains[0]))
			}
			if len(t.Delights) > 0 {
				fmt.Fprintf(&b, "        delights: [%s]\n", q(t.Delights[0]))
			}
			if len(t.Next) > 0 {
				fmt.Fprintf(&b, "        next: [%s]\n", strings.Join(t.Next, ", "))
			}
		}
	}
	if len(m.Transitions) > 0 {
		b.WriteString("transitions:\n")
		for _, tr := range m.Transitions {
			fmt.Fprintf(&b, "  - {from: %s, to: %s}\n", tr.From, tr.To)
		}
	}
	return b.Bytes()
}
