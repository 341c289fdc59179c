package serve

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"io"
	"net/url"
)

// pageScript is the page's only script: it listens to /events and fetches
// the new fragment when its file (or, on the index, any file) changed.
const pageScript = `
(function () {
  var content = document.getElementById("content"), live = document.getElementById("live");
  var file = content.getAttribute("data-file");
  var es = null;
  // Browsers keep about six connections per host: only a visible tab holds
  // an event stream, so any number of tabs can stay open.
  function connect() {
    if (es) { return; }
    es = new EventSource("/events");
    es.onopen = function () { live.textContent = "live"; refresh(); };
    es.onerror = function () { live.textContent = "disconnected, retrying…"; };
    es.addEventListener("update", function (e) {
      var d = JSON.parse(e.data);
      if (file === "" || d.file === file) { refresh(); }
    });
  }
  function disconnect() {
    if (es) { es.close(); es = null; live.textContent = "paused"; }
  }
  // Fetches can come back out of order: show a response only when it is
  // newer than the one shown, so an old one never replaces a new one.
  var asked = 0, shown = 0;
  function refresh() {
    var n = ++asked;
    fetch("/fragment" + (file ? "?f=" + encodeURIComponent(file) : ""), {cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { if (n > shown) { shown = n; content.innerHTML = html; } })
      .catch(function () {});
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { disconnect(); } else { connect(); }
  });
  if (!document.hidden) { connect(); }
})();
`

// contentSecurityPolicy lets the page run pageScript and nothing else: no
// other inline script, no event-handler attributes, no remote resources,
// whatever a drawing contains.
var contentSecurityPolicy = func() string {
	sum := sha256.Sum256([]byte(pageScript))
	return "default-src 'self'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
}()

func queryEscape(key, value string) string {
	return url.Values{key: {value}}.Encode()
}

var templates = template.Must(template.New("").Parse(`
{{define "page" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { padding: .6em 1em; background: #24292f; color: #fff; display: flex; gap: 1em; align-items: baseline; }
header a { color: #9cf; }
main { padding: 1em; }
.status { color: #555; margin: 0 0 1em; }
.bad { color: #b00020; }
pre.findings, pre.error { background: #fff3f3; border: 1px solid #f0c0c0; padding: .8em; overflow: auto; white-space: pre-wrap; }
pre.findings.warnings { background: #fffbe6; border-color: #eedc82; }
section.view { background: #fff; border: 1px solid #ddd; margin: 0 0 1.5em; padding: .5em; overflow: auto; }
section.view h2 { font-size: 1em; margin: 0 0 .5em; }
section.view svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; } td { padding: .2em 1em .2em 0; }
#live { margin-left: auto; font-size: .85em; color: #aaa; }
</style>
</head>
<body>
<header><strong>cjm serve</strong><span id="live">connecting…</span></header>
<main id="content" data-file="{{.File}}">{{.Body}}</main>
<script>{{.Script}}</script>
</body>
</html>
{{end}}

{{define "map" -}}
<div class="map" data-version="{{.Version}}">
<p class="status">{{if .Index}}<a href="{{.Index}}">all maps</a> · {{end}}<strong>{{.Name}}</strong> ·
{{- if not .Rendered}} rendering…
{{- else if .Err}} <span class="bad">could not be rendered</span>
{{- else if .Errors}} <span class="bad">{{.Tally}}: fix the errors to see the diagrams</span>
{{- else if .Catalogue}} a catalogue: nothing to draw
{{- else if .Warnings}} {{.Tally}}
{{- else}} valid{{end}}</p>
{{- if .Err}}
<pre class="error">{{.Err}}</pre>
{{- end}}
{{- if .Findings}}
<pre class="findings{{if not .Errors}} warnings{{end}}">{{range .Findings}}{{.}}
{{end}}</pre>
{{- end}}
{{- range .Views}}
<section class="view" id="view-{{.Name}}"><h2>{{.Title}} <small><a href="{{.Href}}" target="_blank">SVG</a></small></h2>
{{.SVG}}
</section>
{{- end}}
</div>
{{end}}

{{define "index" -}}
<div class="index" data-version="{{.Version}}">
<h1>Journey maps</h1>
{{- if not .Maps}}
<p>No journey files (YAML with a top-level <code>cjm</code> key) here yet.</p>
{{- else}}
<table>
{{- range .Maps}}
<tr><td><a href="{{.Href}}">{{.Name}}</a></td><td{{if .Bad}} class="bad"{{end}}>{{.Status}}</td></tr>
{{- end}}
</table>
{{- end}}
</div>
{{end}}
`))

func execute(w io.Writer, name string, data any) {
	// The templates are fixed and the data is plain values: execution only
	// fails when the client has gone away.
	_ = templates.ExecuteTemplate(w, name, data)
}
