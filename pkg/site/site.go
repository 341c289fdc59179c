package site

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/cjm-dev/cjm/pkg/graphviz"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/render"
	"github.com/cjm-dev/cjm/pkg/stats"
)

// Views are the views each map page shows; the first is the thumbnail.
var Views = []string{"map", "flow"}

// formats are what Build renders of each map: the HTML report and the
// map view's SVG (the thumbnail); the views are drawn once for both.
var formats = []string{"html", "svg"}

// Map is one map of the site.
type Map struct {
	// Path is the journey file as the user named it; Name is its path
	// relative to the site's common folder, with "/" separators ("a.yaml",
	// "team/b.yaml"): it gives the folder and the page name.
	Path, Name string
	Map        *journey.Map
}

// Options tune Build.
type Options struct {
	// Renderer runs Graphviz; nil means graphviz.InProcess.
	Renderer graphviz.Renderer
	// Workers is how many maps are rendered at once; 0 means 1.
	Workers int
}

// Layouts is the number of Graphviz layouts Build makes for n maps: what
// renderpool.Default decides by.
func Layouts(n int) int {
	p, err := render.NewPlan(Views, formats)
	if err != nil {
		return 0
	}
	return n * p.Layouts()
}

// Files are the site's files by slash-separated path.
type Files map[string][]byte

// Paths returns the file names in sorted order.
func (f Files) Paths() []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// entry is a map with what the pages need of it.
type entry struct {
	Map
	Slug   string // maps/<Slug>.html, maps/<Slug>.svg
	Folder string
	Stats  stats.Map
}

// Build renders every map and makes the site's pages. A map that cannot
// be rendered fails the build (no half site).
func Build(ctx context.Context, maps []Map, opts Options) (Files, error) {
	maps = slices.Clone(maps)
	slices.SortStableFunc(maps, func(a, b Map) int { return strings.Compare(a.Name, b.Name) })
	entries := make([]*entry, len(maps))
	slugs := map[string]bool{}
	for i, m := range maps {
		e := &entry{Map: m, Slug: uniqueSlug(slugs, m.Name), Stats: stats.Of(m.Path, m.Map)}
		e.Stats.Path = m.Name
		if dir := path.Dir(m.Name); dir != "." {
			e.Folder = dir
		}
		entries[i] = e
	}

	files := Files{}
	var mu sync.Mutex
	errs := make([]error, len(entries))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(opts.Workers, len(entries))) {
		wg.Go(func() {
			for i := range next {
				e := entries[i]
				outs, err := render.Render(ctx, e.Map.Map, render.Options{Views: Views, Formats: formats, File: e.Path, Renderer: opts.Renderer})
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", e.Path, err)
					continue
				}
				mu.Lock()
				for _, o := range outs {
					switch {
					case o.Format == "html":
						files["maps/"+e.Slug+".html"] = withNav(o.Data, e)
					case o.Format == "svg" && o.View == Views[0]:
						files["maps/"+e.Slug+".svg"] = o.Data
					}
				}
				mu.Unlock()
			}
		})
	}
	for i := range entries {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := pages(files, entries); err != nil {
		return nil, err
	}
	files["favicon.svg"] = []byte(favicon)
	files[Marker] = []byte("This directory is a site written by cjm site; cjm site replaces it as a whole.\n")
	return files, nil
}

// uniqueSlug makes a file name of a map's relative path: its folders
// joined by "--", every character but letters, digits, '-', '_' and '.'
// as '-', and a number added when two maps would share it.
func uniqueSlug(seen map[string]bool, name string) string {
	name = strings.TrimSuffix(name, path.Ext(name))
	var b strings.Builder
	for i, part := range strings.Split(name, "/") {
		if i > 0 {
			b.WriteString("--")
		}
		for _, r := range part {
			if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
				b.WriteRune(r)
			} else {
				b.WriteByte('-')
			}
		}
	}
	slug := strings.TrimLeft(b.String(), ".")
	if slug == "" {
		slug = "map"
	}
	s := slug
	for n := 2; seen[strings.ToLower(s)]; n++ {
		s = fmt.Sprintf("%s-%d", slug, n)
	}
	seen[strings.ToLower(s)] = true
	return s
}

// withNav adds a line of links back to the site at the top of a map's
// report, which is otherwise the report cjm render writes.
func withNav(report []byte, e *entry) []byte {
	i := bytes.Index(report, []byte("<body"))
	if i < 0 {
		return report
	}
	j := bytes.IndexByte(report[i:], '>')
	if j < 0 {
		return report
	}
	at := i + j + 1
	var b bytes.Buffer
	head := bytes.Index(report[:i], []byte("</head>"))
	if head < 0 {
		head = i
	}
	b.Write(report[:head])
	// The report's own CSP allows images from data: only.
	b.WriteString(`<link rel="icon" href="data:image/svg+xml;base64,` + base64.StdEncoding.EncodeToString([]byte(favicon)) + `">` + "\n")
	b.Write(report[head:at])
	b.WriteString(`<nav class="cjm-site-nav" aria-label="Site"><a href="../index.html">← All maps</a> · <a href="../stats.html">Stats</a> · <a href="` + e.Slug + `.svg">Map view (SVG)</a></nav>`)
	b.Write(report[at:])
	return b.Bytes()
}

// CommonDir is the deepest folder that holds every file, the folder the
// site's names are relative to.
func CommonDir(files []string) string {
	if len(files) == 0 {
		return "."
	}
	dir := filepath.Dir(filepath.Clean(files[0]))
	for _, f := range files[1:] {
		for !within(filepath.Clean(f), dir) {
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return dir
}

func within(file, dir string) bool {
	rel, err := filepath.Rel(dir, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
