package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/stats"
)

// favicon is the site's icon: a file of the site, so that browsers do not
// ask the server's root for /favicon.ico (outside a site on a sub-path).
const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d232b"/><path d="M3 11 L6 6 L9 9 L13 4" stroke="#fff" stroke-width="2" fill="none"/></svg>
`

// Marker is the file that marks a directory as a site cjm wrote: Write
// replaces an existing directory only when it has one.
const Marker = ".cjm-site"

// css is the site's one stylesheet, inline in every page of its own.
const css = `:root{color-scheme:light;--fg:#1d232b;--muted:#5b6572;--line:#d8dde3;--bg:#fff;--band:#f4f6f8;--warn:#a33b1f;--ok:#2c6e3f}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
header{padding:14px 24px;border-bottom:1px solid var(--line);background:var(--band)}
header p{margin:2px 0 0;color:var(--muted)}
h1{font-size:22px;margin:0}
h2{font-size:18px;margin:28px 0 8px}
nav{display:flex;flex-wrap:wrap;gap:4px 18px;margin-top:10px}
nav a{color:#0b5cad;text-decoration:none}
nav a[aria-current]{color:var(--fg);font-weight:600;border-bottom:2px solid var(--fg)}
main{padding:8px 24px 40px}
table{border-collapse:collapse;margin:8px 0 16px;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
th{font-weight:600;background:var(--band);position:sticky;top:0}
td.n,th.n{text-align:right}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
tbody th{background:none;text-align:left}
tr.group th{background:var(--band);font-weight:600}
tr.group a,td.map a{color:#0b5cad;text-decoration:none}
.scroll{overflow-x:auto;max-width:100%}
tbody th[scope=row]{white-space:nowrap}
.thumb{display:block;width:200px;height:auto;max-height:130px;object-fit:contain;object-position:left top;border:1px solid var(--line);background:#fff}
.map a{color:#0b5cad;font-weight:600;text-decoration:none}
.map a:hover{text-decoration:underline}
.muted,.folder{color:var(--muted)}
.warn{color:var(--warn);font-weight:600}
.ev{color:var(--muted);font-size:13px;white-space:nowrap}
table.wide{width:100%}
footer{padding:16px 24px;color:var(--muted);font-size:13px;border-top:1px solid var(--line)}
@media print{nav{display:none}th{position:static}}`

// js sorts the tables of class "sortable" when a heading is clicked; the
// pages read the same without it (rows in path order).
const js = `(function () {
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var cells = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(cells, function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (r) {
          var c = r.cells[col];
          var n = c.getAttribute("data-num");
          return n === null ? c.textContent.trim().toLowerCase() : parseFloat(n);
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var d = typeof x === "number" ? x - y : x.localeCompare(y);
          return up ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();`

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// CSP is the Content-Security-Policy of the site's own pages: nothing but
// its stylesheet, its script and its own images (the thumbnails).
var CSP = "default-src 'none'; style-src " + hash(css) + "; script-src " + hash(js) + "; img-src 'self'; base-uri 'none'; form-action 'none'"

var tmpl = template.Must(template.New("site").Funcs(template.FuncMap{
	"num": func(n int) string { return stats.Int(n) },
	"pct": stats.Percent,
}).Parse(`{{define "head"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="favicon.svg">
<title>{{.Title}} · Journey maps</title>
<style>` + css + `</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p>{{.Lead}}</p>
<nav aria-label="Site">{{range .Nav}}<a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Label}}</a>{{end}}</nav>
</header>
<main>
{{end}}
{{define "foot"}}</main>
<footer>Written by cjm site from {{num .Maps}} {{if eq .Maps 1}}map{{else}}maps{{end}}.</footer>
<script>` + js + `</script>
</body>
</html>
{{end}}
{{define "maplink"}}<a href="maps/{{.Slug}}.html">{{if .Map.Map.Title}}{{.Map.Map.Title}}{{else}}{{.Name}}{{end}}</a>{{end}}

{{define "index"}}{{template "head" .}}
<table class="sortable wide" id="maps">
<thead><tr><th>Map</th>{{if .Folders}}<th>Folder</th>{{end}}<th>Scope</th><th>Personas</th><th class="n">Stages</th><th class="n">Touchpoints</th><th class="n">Pain points</th><th class="n">Moments of truth</th><th class="n">KPIs off target</th><th class="n">Evidence</th></tr></thead>
<tbody>
{{range .Rows}}<tr>
<td class="map"><a href="maps/{{.Slug}}.html"><img class="thumb" src="maps/{{.Slug}}.svg" alt="" width="200" height="130" loading="lazy"></a>{{template "maplink" .}}<div class="muted">{{.Name}}</div></td>
{{if $.Folders}}<td class="folder">{{if .Folder}}{{.Folder}}{{else}}–{{end}}</td>{{end}}
<td>{{.Map.Map.Scope}}</td>
<td>{{.Personas}}</td>
<td class="n" data-num="{{.Stats.Stages}}">{{num .Stats.Stages}}</td>
<td class="n" data-num="{{.Stats.Touchpoints}}">{{num .Stats.Touchpoints}}</td>
<td class="n" data-num="{{.Stats.PainPoints}}">{{num .Stats.PainPoints}}</td>
<td class="n" data-num="{{.Stats.MomentsOfTruth}}">{{num .Stats.MomentsOfTruth}}{{if .Stats.MomentsWithoutOwner}} <span class="warn">({{num .Stats.MomentsWithoutOwner}} without owner)</span>{{end}}</td>
<td class="n" data-num="{{.Stats.KPIsOffTarget}}">{{if .Stats.KPIsOffTarget}}<span class="warn">{{num .Stats.KPIsOffTarget}}</span>{{else}}0{{end}}</td>
<td class="n" data-num="{{.Researched}}"><strong>{{pct .Researched}}</strong> observed or reported{{range .Evidence}}<div class="ev">{{.}}</div>{{end}}</td>
</tr>
{{end}}</tbody>
</table>
{{template "foot" .}}{{end}}

{{define "channels"}}{{template "head" .}}
<div class="scroll">
<table>
<thead><tr><th>Map · stage</th>{{range .Columns}}<th class="n">{{.}}</th>{{end}}</tr></thead>
{{range .Groups}}<tbody>
<tr class="group"><th colspan="{{$.Span}}">{{template "maplink" .Entry}}</th></tr>
{{range .Rows}}<tr><th scope="row">{{.Label}}</th>{{range .Cells}}<td class="n">{{if .}}{{num .}}{{end}}</td>{{end}}</tr>
{{end}}</tbody>
{{end}}</table>
</div>
{{template "foot" .}}{{end}}

{{define "owners"}}{{template "head" .}}
{{range .Owners}}<h2 id="{{.ID}}">{{.Name}} <span class="muted">· {{num (len .Rows)}} touchpoints</span></h2>
<table class="sortable">
<thead><tr><th>Map</th><th>Stage</th><th>Touchpoint</th><th>Channel</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td class="map">{{template "maplink" .Entry}}</td><td>{{.Stage}}</td><td>{{.Ref}} {{.Touchpoint}}</td><td>{{.Channel}}</td></tr>
{{end}}</tbody>
</table>
{{end}}{{template "foot" .}}{{end}}

{{define "moments"}}{{template "head" .}}
<table class="sortable">
<thead><tr><th>Map</th><th>Stage</th><th>Touchpoint</th><th>Owner</th><th>Evidence</th><th>Why it matters</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td class="map">{{template "maplink" .Entry}}</td><td>{{.Stage}}</td><td>{{.Ref}} {{.Touchpoint}}</td><td>{{if .Owner}}{{.Owner}}{{else}}<span class="warn">no owner</span>{{end}}</td><td>{{.Evidence}}</td><td>{{.Reason}}</td></tr>
{{else}}<tr><td colspan="6">No moments of truth.</td></tr>
{{end}}</tbody>
</table>
{{template "foot" .}}{{end}}

{{define "kpis"}}{{template "head" .}}
<table class="sortable">
<thead><tr><th>Map</th><th>Stage</th><th>Touchpoint</th><th>KPI</th><th class="n">Value</th><th class="n">Target</th><th>Better</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td class="map">{{template "maplink" .Entry}}</td><td>{{.Stage}}</td><td>{{.Touchpoint}}</td><td>{{.Name}}</td><td class="n warn" data-num="{{.RawValue}}">{{.Value}}</td><td class="n" data-num="{{.RawTarget}}">{{.Target}}</td><td>{{.Better}}</td></tr>
{{else}}<tr><td colspan="7">Every KPI with a target is on target.</td></tr>
{{end}}</tbody>
</table>
{{template "foot" .}}{{end}}

{{define "stats"}}{{template "head" .}}
<h2>Counts</h2>
<table class="sortable">
<thead><tr><th>Map</th>{{range .CountHeads}}<th class="n">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td class="map">{{template "maplink" .Entry}}</td>{{range .Counts}}<td class="n" data-num="{{.Num}}">{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
<tfoot><tr><th>{{.TotalLabel}}</th>{{range .TotalCounts}}<td class="n"><strong>{{.}}</strong></td>{{end}}</tr></tfoot>
</table>
<h2>Coverage</h2>
<p class="muted">Shares of the touchpoints with an owner, a channel, an emotion, and evidence by level.</p>
<table class="sortable">
<thead><tr><th>Map</th>{{range .ShareHeads}}<th class="n">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td class="map">{{template "maplink" .Entry}}</td>{{range .Shares}}<td class="n" data-num="{{.Num}}">{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
<tfoot><tr><th>{{.TotalLabel}}</th>{{range .TotalShares}}<td class="n"><strong>{{.}}</strong></td>{{end}}</tr></tfoot>
</table>
{{template "foot" .}}{{end}}
`))

type navItem struct {
	Href, Label string
	Current     bool
}

var navPages = []struct{ file, label, title, lead string }{
	{"index.html", "Maps", "Journey maps", "Every map, with its figures; click a map for its report."},
	{"channels.html", "Channels × stages", "Channels × stages", "Touchpoints per channel in each stage of every map."},
	{"owners.html", "Owners", "Touchpoints per owner", "Who answers for which touchpoints, across maps."},
	{"moments.html", "Moments of truth", "Moments of truth", "Every moment of truth, with its owner and evidence."},
	{"kpis.html", "Off-target KPIs", "KPIs off target", "Every KPI that misses its target, with its map."},
	{"stats.html", "Stats", "Stats", "The figures of cjm stats, per map and in total."},
}

// page is what every page template gets.
type page struct {
	CSP, Title, Lead string
	Nav              []navItem
	Maps             int
}

func newPage(file string, maps int) page {
	p := page{CSP: CSP, Maps: maps}
	for _, n := range navPages {
		p.Nav = append(p.Nav, navItem{Href: n.file, Label: n.label, Current: n.file == file})
		if n.file == file {
			p.Title, p.Lead = n.title, n.lead
		}
	}
	return p
}

type indexRow struct {
	*entry
	Personas   string
	Researched float64
	Evidence   []string
}

type cellRow struct {
	Label string
	Cells []int
}

type channelGroup struct {
	Entry *entry
	Rows  []cellRow
}

type tpRow struct {
	Entry                                            *entry
	Stage, Ref, Touchpoint, Channel, Owner, Evidence string
	Reason                                           string
}

type ownerGroup struct {
	ID, Name string
	Rows     []tpRow
}

type kpiRow struct {
	Entry                                          *entry
	Stage, Touchpoint, Name, Value, Target, Better string
	RawValue, RawTarget                            float64
}

type figure struct {
	Num  float64
	Text string
}

type statsRow struct {
	Entry          *entry
	Counts, Shares []figure
}

func pages(files Files, entries []*entry) error {
	n := len(entries)
	render := func(file, name string, data any) error {
		var b bytes.Buffer
		if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
			return err
		}
		files[file] = b.Bytes()
		return nil
	}

	// index.html
	var rows []indexRow
	for _, e := range entries {
		var names []string
		for _, p := range e.Map.Map.Personas {
			names = append(names, p.Name)
		}
		f := e.Stats.Figures
		var ev []string
		for i, level := range stats.Evidence {
			if f.EvidenceBy[i] > 0 {
				ev = append(ev, level+" "+stats.Percent(f.Share(f.EvidenceBy[i])))
			}
		}
		rows = append(rows, indexRow{entry: e, Personas: strings.Join(names, ", "),
			Researched: f.Share(f.EvidenceBy[0] + f.EvidenceBy[1]), Evidence: ev})
	}
	folders := slices.ContainsFunc(entries, func(e *entry) bool { return e.Folder != "" })
	if err := render("index.html", "index", struct {
		page
		Rows    []indexRow
		Folders bool
	}{newPage("index.html", n), rows, folders}); err != nil {
		return err
	}

	// channels.html: columns are channel names across maps, sorted.
	var columns []string
	none := false
	for _, e := range entries {
		ix := journey.NewIndex(e.Map.Map)
		for _, t := range e.Map.Map.Touchpoints() {
			if c := ix.Channel(t.Channel); c != nil {
				if !slices.Contains(columns, c.Name) {
					columns = append(columns, c.Name)
				}
			} else {
				none = true
			}
		}
	}
	slices.Sort(columns)
	if none {
		columns = append(columns, "(none)")
	}
	var groups []channelGroup
	for _, e := range entries {
		ix := journey.NewIndex(e.Map.Map)
		g := channelGroup{Entry: e}
		for si, s := range e.Map.Map.Stages {
			r := cellRow{Label: strconv.Itoa(si+1) + " " + s.Name, Cells: make([]int, len(columns))}
			for _, t := range s.Touchpoints {
				col := len(columns) - 1
				if c := ix.Channel(t.Channel); c != nil {
					col = slices.Index(columns, c.Name)
				}
				r.Cells[col]++
			}
			g.Rows = append(g.Rows, r)
		}
		groups = append(groups, g)
	}
	if err := render("channels.html", "channels", struct {
		page
		Columns []string
		Groups  []channelGroup
		Span    int
	}{newPage("channels.html", n), columns, groups, len(columns) + 1}); err != nil {
		return err
	}

	// owners.html and moments.html
	byOwner := map[string]*ownerGroup{}
	var ownerNames []string
	var moments []tpRow
	for _, e := range entries {
		m := e.Map.Map
		ix := journey.NewIndex(m)
		for si, s := range m.Stages {
			for ti, t := range s.Touchpoints {
				r := tpRow{Entry: e, Stage: s.Name, Ref: journey.Ref(si, ti), Touchpoint: t.Name, Evidence: t.Evidence}
				if c := ix.Channel(t.Channel); c != nil {
					r.Channel = c.Name
				}
				key := "(no owner)"
				if o := ix.Owner(t.Owner); o != nil {
					r.Owner, key = o.Name, o.Name
				}
				if r.Evidence == "" {
					r.Evidence = "none"
				}
				g := byOwner[key]
				if g == nil {
					g = &ownerGroup{Name: key}
					byOwner[key] = g
					ownerNames = append(ownerNames, key)
				}
				g.Rows = append(g.Rows, r)
				if t.MomentOfTruth != nil {
					r.Reason = t.MomentOfTruth.Reason
					moments = append(moments, r)
				}
			}
		}
	}
	slices.SortFunc(ownerNames, func(a, b string) int {
		if (a == "(no owner)") != (b == "(no owner)") {
			if a == "(no owner)" {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	var owners []ownerGroup
	for i, name := range ownerNames {
		g := *byOwner[name]
		g.ID = "owner-" + strconv.Itoa(i+1)
		owners = append(owners, g)
	}
	if err := render("owners.html", "owners", struct {
		page
		Owners []ownerGroup
	}{newPage("owners.html", n), owners}); err != nil {
		return err
	}
	if err := render("moments.html", "moments", struct {
		page
		Rows []tpRow
	}{newPage("moments.html", n), moments}); err != nil {
		return err
	}

	// kpis.html
	var kpis []kpiRow
	for _, e := range entries {
		m := e.Map.Map
		for _, ref := range journey.Metrics(m) {
			mt := ref.Metric
			if mt.Status() != journey.OffTarget {
				continue
			}
			r := kpiRow{Entry: e, Stage: ref.Stage.Name, Name: mt.Name, Value: i18n.Quantity(m.Lang, *mt.Value, mt.Unit),
				Target: i18n.Quantity(m.Lang, *mt.Target, mt.Unit), Better: mt.Better + " is better", RawValue: *mt.Value, RawTarget: *mt.Target}
			if ref.Touchpoint != nil {
				r.Touchpoint = ref.Touchpoint.Name
			}
			kpis = append(kpis, r)
		}
	}
	if err := render("kpis.html", "kpis", struct {
		page
		Rows []kpiRow
	}{newPage("kpis.html", n), kpis}); err != nil {
		return err
	}

	// stats.html
	var ms []stats.Map
	var srows []statsRow
	for _, e := range entries {
		ms = append(ms, e.Stats)
		srows = append(srows, statsRow{Entry: e, Counts: figures(stats.CountCells(e.Stats.Figures)), Shares: figures(stats.ShareCells(e.Stats.Figures))})
	}
	rep := stats.New(ms)
	return render("stats.html", "stats", struct {
		page
		Rows                     []statsRow
		CountHeads, ShareHeads   []string
		TotalCounts, TotalShares []string
		TotalLabel               string
	}{newPage("stats.html", n), srows, stats.CountHeadings(), stats.ShareHeadings(),
		stats.CountCells(rep.Total), stats.ShareCells(rep.Total), stats.TotalLabel(rep)})
}

// figures pairs each cell with the number it sorts by (its digits, with
// the group separators and the percent sign taken out).
func figures(cells []string) []figure {
	out := make([]figure, len(cells))
	for i, c := range cells {
		v, _ := strconv.ParseFloat(strings.NewReplacer(",", "", "%", "").Replace(c), 64)
		out[i] = figure{Num: v, Text: c}
	}
	return out
}
