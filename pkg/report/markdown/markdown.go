package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/cjm-dev/cjm/pkg/export/mermaid"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/journey"
	"github.com/cjm-dev/cjm/pkg/report/outline"
)

// Options tune the report.
type Options struct {
	// SVGLinks maps a view name ("map", "flow") to the relative file name
	// of that view's SVG rendered alongside the report; the report shows
	// each as an image that links to the file.
	SVGLinks map[string]string
	// Views are the views to show, in order, with their captions
	// (pkg/render.ReportViews); a view without a link is left out. Nil
	// means every view in SVGLinks, in name order, captioned with its name.
	Views []outline.View
	// KPILink is the relative file name of the kpi view's SVG, linked in
	// the "KPIs over time" section; empty for none.
	KPILink string
}

// Render returns the Markdown report of m.
func Render(m *journey.Map, opts Options) ([]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("markdown: no map")
	}
	r := outline.Build(m)
	w := &writer{lang: r.Lang}
	w.header(r, m, opts)
	w.personas(r)
	w.stages(r)
	w.inventory(r)
	w.pains(r)
	w.kpis(r)
	w.history(r, opts)
	w.matrix("report.omnichannel", r.Omnichannel)
	w.matrix("report.ownership", r.Ownership)
	w.stepsBack(r)
	w.skipsAhead(r)
	return w.b.Bytes(), nil
}

type writer struct {
	b    bytes.Buffer
	lang string
}

// t returns the label for key, escaped.
func (w *writer) t(key string) string { return EscapeLine(i18n.T(w.lang, key)) }

func (w *writer) line(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
	w.b.WriteByte('\n')
}

func (w *writer) heading(level int, text string) {
	w.line(strings.Repeat("#", level), " ", text)
	w.line()
}

// field writes a "- **Label:** value" item when value is not empty.
func (w *writer) field(indent, key, value string) {
	if value == "" {
		return
	}
	w.line(indent, "- **", w.t(key), ":** ", Escape(value))
}

// list writes a "- **Label:**" item with a nested list when items is not
// empty; a single item stays on the label's line.
func (w *writer) list(indent, key string, items []string) {
	switch len(items) {
	case 0:
		return
	case 1:
		w.field(indent, key, items[0])
		return
	}
	w.line(indent, "- **", w.t(key), ":**")
	for _, it := range items {
		w.line(indent, "  - ", Escape(it))
	}
}

func (w *writer) header(r *outline.Report, m *journey.Map, opts Options) {
	title := r.Title
	if strings.TrimSpace(title) == "" {
		title = "Journey"
	}
	w.heading(1, EscapeLine(title))
	if d := strings.TrimSpace(r.Description); d != "" {
		w.line(Description(d))
		w.line()
	}
	if r.Scope != "" {
		w.line("**", w.t("report.scope"), ":** ", w.t("report.scope."+r.Scope))
		w.line()
	}
	w.heading(2, w.t("report.journey"))
	w.line("```mermaid")
	var mm bytes.Buffer
	mermaid.Write(&mm, m, "")
	w.b.Write(mm.Bytes())
	w.line("```")
	w.line()
	for _, view := range outline.Figures(opts.Views, opts.SVGLinks) {
		file := opts.SVGLinks[view.Name]
		alt := EscapeLine(view.Title)
		dest := Destination(file)
		w.line("[![", alt, "](", dest, ")](", dest, ")")
		w.line()
	}
}

func (w *writer) personas(r *outline.Report) {
	if len(r.Personas) == 0 {
		return
	}
	w.heading(2, w.t("personas"))
	for _, p := range r.Personas {
		w.heading(3, EscapeLine(p.Name))
		w.field("", "report.role", p.Role)
		w.list("", "report.goals", p.Goals)
		w.list("", "report.needs", p.Needs)
		w.list("", "pains", p.Pains)
		if p.Role != "" || len(p.Goals)+len(p.Needs)+len(p.Pains) > 0 {
			w.line()
		}
		if p.Quote != "" {
			w.line("> ", Escape(p.Quote))
			w.line()
		}
	}
}

func (w *writer) emotion(e outline.Emotion) string {
	s := e.String()
	if s != "" && e.Derived {
		s += " (" + i18n.T(w.lang, "report.emotion.derived") + ")"
	}
	return s
}

func (w *writer) stages(r *outline.Report) {
	w.heading(2, w.t("report.stages"))
	for i, st := range r.Stages {
		w.heading(3, strconv.Itoa(i+1)+"\\. "+EscapeLine(st.Name))
		if st.Phase != "" {
			w.field("", "report.phase", i18n.T(w.lang, "phase."+st.Phase))
		}
		w.field("", "goal", st.Goal)
		w.field("", "emotion", w.emotion(st.Emotion))
		w.list("", "actions", st.Actions)
		w.list("", "thoughts", st.Thoughts)
		w.list("", "feelings", st.Feelings)
		w.list("", "opportunities", st.Opportunities)
		w.list("", "strategies", st.Strategies)
		for _, k := range st.Metrics {
			w.line("- **", w.t("report.kpi"), ":** ", w.kpiText(k))
		}
		w.line()
		if len(st.Touchpoints) == 0 {
			w.line("*", w.t("report.notouchpoints"), "*")
			w.line()
			continue
		}
		for _, tp := range st.Touchpoints {
			name := tp.Ref + " " + EscapeLine(tp.Name)
			if tp.MomentOfTruth {
				name += " ★"
			}
			w.heading(4, name)
			w.field("", "report.channel", tp.Channel)
			w.field("", "report.owner", tp.Owner)
			if !tp.AllPersonas {
				w.field("", "personas", strings.Join(tp.Personas, ", "))
			}
			w.field("", "emotion", tp.Emotion.String())
			w.list("", "report.interactions", tp.Interactions)
			w.list("", "pains", tp.Pains)
			w.list("", "delights", tp.Delights)
			if tp.MomentOfTruth {
				reason := tp.MoTReason
				if reason == "" {
					reason = i18n.T(w.lang, "report.mot.yes")
				}
				w.field("", "mot", reason)
			}
			w.list("", "backstage", tp.Backstage)
			if tp.Evidence != "" {
				w.field("", "evidence", i18n.T(w.lang, "evidence."+tp.Evidence))
			}
			w.field("", "report.source", tp.Source)
			w.field("", "report.next", strings.Join(tp.Next, ", "))
			for _, k := range tp.Metrics {
				w.line("- **", w.t("report.kpi"), ":** ", w.kpiText(k))
			}
			w.field("", "report.notes", tp.Notes)
			w.line()
		}
	}
}

// kpiText is a KPI on one line: "Name: 42 accounts (Target 60 accounts,
// higher is better) ▼ off target".
func (w *writer) kpiText(k outline.KPI) string {
	s := Escape(k.Name)
	if k.ValueText != "" {
		s += ": " + Escape(k.ValueText)
	}
	var meta []string
	if k.TargetText != "" {
		meta = append(meta, w.t("report.target")+" "+Escape(k.TargetText))
	}
	meta = append(meta, w.t(k.DirectionKey()))
	s += " (" + strings.Join(meta, ", ") + ")"
	if st := w.status(k); st != "" {
		s += " " + st
	}
	return s
}

// status is the KPI's status as every output shows it: "▲ on target",
// "▼ off target", "" without one.
func (w *writer) status(k outline.KPI) string {
	if k.StatusKey() == "" {
		return ""
	}
	return k.Mark() + " " + w.t(k.StatusKey())
}

// row writes a table row of already escaped cells.
func (w *writer) row(cells ...string) {
	w.line("| ", strings.Join(cells, " | "), " |")
}

func (w *writer) rule(n int) {
	w.line("|", strings.Repeat("---|", n))
}

func joinEscaped(items []string, sep string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = Escape(it)
	}
	return strings.Join(out, sep)
}

func (w *writer) inventory(r *outline.Report) {
	if len(r.Inventory) == 0 {
		return
	}
	w.heading(2, w.t("report.inventory"))
	w.row(`\#`, w.t("report.stage"), w.t("report.touchpoint"), w.t("report.channel"), w.t("report.owner"),
		w.t("personas"), w.t("emotion"), w.t("pains"), w.t("mot"), w.t("evidence"))
	w.rule(10)
	for _, tp := range r.Inventory {
		who := joinEscaped(tp.Personas, ", ")
		if tp.AllPersonas {
			who = w.t("report.everyone")
		}
		mot := ""
		if tp.MomentOfTruth {
			mot = "★"
			if tp.MoTReason != "" {
				mot += " " + Escape(tp.MoTReason)
			}
		}
		ev := ""
		if tp.Evidence != "" {
			ev = w.t("evidence." + tp.Evidence)
		}
		w.row(tp.Ref, Escape(tp.Stage), Escape(tp.Name), Escape(tp.Channel), Escape(tp.Owner),
			who, Escape(tp.Emotion.String()), joinEscaped(tp.Pains, "<br>"), mot, ev)
	}
	w.line()
}

// section writes the heading of a section of tables; when the section has
// no rows (n == 0) it writes the none note in italics instead and returns
// false.
func (w *writer) section(title, none string, n int) bool {
	w.heading(2, w.t(title))
	if n == 0 {
		w.line("*", w.t(none), "*")
		w.line()
		return false
	}
	return true
}

func (w *writer) pains(r *outline.Report) {
	if !w.section("report.pains", "report.nopains", len(r.Pains)) {
		return
	}
	w.row(w.t("report.stage"), w.t("pains"), w.t("opportunities"))
	w.rule(3)
	for _, row := range r.Pains {
		var pains []string
		for _, p := range row.Pains {
			s := "**" + p.Ref + " " + Escape(p.Touchpoint) + "**"
			switch {
			case p.Text != "":
				s += ": " + Escape(p.Text)
			case p.Emotion.Set:
				s += ": " + w.t("emotion") + " " + Escape(p.Emotion.String())
			}
			pains = append(pains, s)
		}
		w.row(Escape(row.Stage), strings.Join(pains, "<br>"), joinEscaped(row.Opportunities, "<br>"))
	}
	w.line()
}

func (w *writer) kpis(r *outline.Report) {
	if !w.section("kpis", "report.nokpis", len(r.KPIs)) {
		return
	}
	w.row(w.t("report.stage"), w.t("report.touchpoint"), w.t("report.kpi"), w.t("report.value"),
		w.t("report.target"), w.t("report.direction"), w.t("report.status"))
	w.rule(7)
	for _, k := range r.KPIs {
		tp := Escape(k.Touchpoint)
		if k.Ref != "" {
			tp = k.Ref + " " + tp
		}
		w.row(Escape(k.Stage), tp, Escape(k.Name), Escape(k.ValueText),
			Escape(k.TargetText), w.t(k.DirectionKey()), w.status(k))
	}
	w.line()
}

// history is the "KPIs over time" section: the kpi view's SVG linked
// (Options.KPILink) and each metric's last point. Left out when no metric
// has a history (two points or more).
func (w *writer) history(r *outline.Report, opts Options) {
	if len(r.History) == 0 {
		return
	}
	w.heading(2, w.t("report.view.kpi"))
	if opts.KPILink != "" {
		dest := Destination(opts.KPILink)
		w.line("[![", w.t("report.view.kpi"), "](", dest, ")](", dest, ")")
		w.line()
	}
	w.row(w.t("report.stage"), w.t("report.touchpoint"), w.t("report.kpi"), w.t("report.date"),
		w.t("report.value"), w.t("report.change"), w.t("report.trend"), w.t("report.status"))
	w.rule(8)
	for _, h := range r.History {
		tp := Escape(h.Touchpoint)
		if h.Ref != "" {
			tp = h.Ref + " " + tp
		}
		w.row(Escape(h.Stage), tp, Escape(h.Name), Escape(h.Date), Escape(h.ValueText),
			Escape(h.ChangeText), h.Spark, w.status(h.KPI))
	}
	w.line()
}

func (w *writer) matrix(title string, mx outline.Matrix) {
	if len(mx.Columns) == 0 {
		return
	}
	w.heading(2, w.t(title))
	head := []string{w.t("report.stage")}
	for _, c := range mx.Columns {
		if c == "" {
			c = "(" + i18n.T(w.lang, "report.none") + ")"
		}
		head = append(head, Escape(c))
	}
	w.row(head...)
	w.rule(len(head))
	for _, row := range mx.Rows {
		cells := []string{Escape(row.Stage)}
		for _, c := range row.Cells {
			cells = append(cells, joinEscaped(c, "<br>"))
		}
		w.row(cells...)
	}
	w.line()
}

func (w *writer) stepsBack(r *outline.Report) {
	if !w.section("steps_back", "report.nostepsback", len(r.StepsBack)) {
		return
	}
	w.moves(r.StepsBack)
}

// skipsAhead writes the moves to a later stage, when there are any.
func (w *writer) skipsAhead(r *outline.Report) {
	if len(r.SkipsAhead) == 0 {
		return
	}
	w.heading(2, w.t("skips_ahead"))
	w.moves(r.SkipsAhead)
}

// moves writes a table of moves between stages.
func (w *writer) moves(mv []outline.StepBack) {
	w.row(w.t("report.from"), w.t("report.to"), w.t("report.reason"))
	w.rule(3)
	for _, sb := range mv {
		from, to := Escape(sb.From), Escape(sb.To)
		if sb.FromTouchpoint != "" {
			from += " (" + Escape(sb.FromTouchpoint) + ")"
			to += " (" + Escape(sb.ToTouchpoint) + ")"
		}
		w.row(from, to, Escape(sb.Label))
	}
	w.line()
}
