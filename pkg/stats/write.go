package stats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	csvexport "github.com/cjm-dev/cjm/pkg/export/csv"
	"github.com/cjm-dev/cjm/pkg/i18n"
	"github.com/cjm-dev/cjm/pkg/mdtext"
)

// Formats are the formats Write knows, the first the default.
var Formats = []string{"text", "md", "json", "csv"}

// count is one counted figure: its name in the json and the csv, its
// heading in the tables, and where it is.
type count struct {
	key, heading string
	get          func(Figures) int
}

var counts = []count{
	{"stages", "stages", func(f Figures) int { return f.Stages }},
	{"touchpoints", "touchpoints", func(f Figures) int { return f.Touchpoints }},
	{"personas", "personas", func(f Figures) int { return f.Personas }},
	{"channels", "channels", func(f Figures) int { return f.Channels }},
	{"owners", "owners", func(f Figures) int { return f.Owners }},
	{"pain_points", "pain points", func(f Figures) int { return f.PainPoints }},
	{"delights", "delights", func(f Figures) int { return f.Delights }},
	{"moments_of_truth", "moments of truth", func(f Figures) int { return f.MomentsOfTruth }},
	{"moments_without_owner", "moments without owner", func(f Figures) int { return f.MomentsWithoutOwner }},
	{"kpis_on_target", "KPIs on target", func(f Figures) int { return f.KPIsOnTarget }},
	{"kpis_off_target", "KPIs off target", func(f Figures) int { return f.KPIsOffTarget }},
}

// share is one coverage figure: a share of the touchpoints.
type share struct {
	key, heading string
	get          func(Figures) int
}

var shares = func() []share {
	out := []share{
		{"owner", "owner", func(f Figures) int { return f.WithOwner }},
		{"channel", "channel", func(f Figures) int { return f.WithChannel }},
		{"emotion", "emotion", func(f Figures) int { return f.WithEmotion }},
	}
	for i, level := range Evidence {
		heading := level
		if level == "none" {
			heading = "no evidence"
		}
		out = append(out, share{level, heading, func(f Figures) int { return f.EvidenceBy[i] }})
	}
	return out
}()

// Write writes r in format (one of Formats).
func Write(w io.Writer, r Report, format string) error {
	switch format {
	case "text":
		return writeText(w, r)
	case "md":
		return writeMarkdown(w, r)
	case "json":
		return writeJSON(w, r)
	case "csv":
		return writeCSV(w, r)
	}
	return fmt.Errorf("unknown stats format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// TotalLabel names the total row of the tables.
func TotalLabel(r Report) string {
	if len(r.Maps) == 1 {
		return "total (1 map)"
	}
	return "total (" + strconv.Itoa(len(r.Maps)) + " maps)"
}

// Percent writes a share as the tables show it: "62.5%".
func Percent(v float64) string { return i18n.Quantity(i18n.Default, v*100, "%") }

// Int writes a count as the tables show it: "1,000".
func Int(n int) string { return i18n.Number(i18n.Default, float64(n)) }

// plain makes a path safe for a terminal cell: control characters,
// tabs and line breaks become spaces.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}

// rows are the table rows of r: each map, then the total.
func rows(r Report) (labels []string, figs []Figures) {
	for _, m := range r.Maps {
		labels = append(labels, m.Path)
		figs = append(figs, m.Figures)
	}
	return append(labels, TotalLabel(r)), append(figs, r.Total)
}

func writeText(w io.Writer, r Report) error {
	labels, figs := rows(r)
	var b bytes.Buffer
	head := []string{"MAP"}
	for _, c := range counts {
		head = append(head, strings.ToUpper(c.heading))
	}
	t := [][]string{head}
	for i, f := range figs {
		cells := []string{plain(labels[i])}
		for _, c := range counts {
			cells = append(cells, Int(c.get(f)))
		}
		t = append(t, cells)
	}
	textTable(&b, t)
	b.WriteString("\nCoverage: shares of the touchpoints with an owner, a channel, an emotion, and evidence by level.\n\n")
	head = []string{"MAP"}
	for _, s := range shares {
		head = append(head, strings.ToUpper(s.heading))
	}
	t = [][]string{head}
	for i, f := range figs {
		cells := []string{plain(labels[i])}
		for _, s := range shares {
			cells = append(cells, Percent(f.Share(s.get(f))))
		}
		t = append(t, cells)
	}
	textTable(&b, t)
	_, err := w.Write(b.Bytes())
	return err
}

// textTable lays out rows in columns two spaces apart: the first (the
// maps) aligned left, the figures right.
func textTable(b *bytes.Buffer, rows [][]string) {
	var widths []int
	for _, row := range rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i == 0 {
				line.WriteString(c + pad)
				continue
			}
			line.WriteString("  " + pad + c)
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

func writeMarkdown(w io.Writer, r Report) error {
	labels, figs := rows(r)
	var b strings.Builder
	table := func(headings []string, cell func(Figures) []string) {
		b.WriteString("| map | " + strings.Join(headings, " | ") + " |\n|---|")
		b.WriteString(strings.Repeat("---:|", len(headings)) + "\n")
		for i, f := range figs {
			label := mdtext.EscapeLine(labels[i])
			if i == len(figs)-1 {
				label = "**" + label + "**"
			}
			b.WriteString("| " + label + " | " + strings.Join(cell(f), " | ") + " |\n")
		}
	}
	var hs []string
	for _, c := range counts {
		hs = append(hs, c.heading)
	}
	table(hs, func(f Figures) []string {
		var out []string
		for _, c := range counts {
			out = append(out, Int(c.get(f)))
		}
		return out
	})
	b.WriteString("\nCoverage: shares of the touchpoints with an owner, a channel, an emotion, and evidence by level.\n\n")
	hs = hs[:0]
	for _, s := range shares {
		hs = append(hs, s.heading)
	}
	table(hs, func(f Figures) []string {
		var out []string
		for _, s := range shares {
			out = append(out, Percent(f.Share(s.get(f))))
		}
		return out
	})
	_, err := io.WriteString(w, b.String())
	return err
}

// round keeps four decimals of a share: enough for a percentage with two.
func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// JSON is the figures as the json has them.
type jsonFigures struct {
	Stages              int          `json:"stages"`
	Touchpoints         int          `json:"touchpoints"`
	Personas            int          `json:"personas"`
	Channels            int          `json:"channels"`
	Owners              int          `json:"owners"`
	PainPoints          int          `json:"pain_points"`
	Delights            int          `json:"delights"`
	MomentsOfTruth      int          `json:"moments_of_truth"`
	MomentsWithoutOwner int          `json:"moments_without_owner"`
	KPIs                jsonKPIs     `json:"kpis"`
	Coverage            jsonCoverage `json:"coverage"`
}

type jsonKPIs struct {
	OnTarget  int `json:"on_target"`
	OffTarget int `json:"off_target"`
}

type jsonCoverage struct {
	Owner    float64      `json:"owner"`
	Channel  float64      `json:"channel"`
	Emotion  float64      `json:"emotion"`
	Evidence jsonEvidence `json:"evidence"`
}

type jsonEvidence struct {
	Observed float64 `json:"observed"`
	Reported float64 `json:"reported"`
	Inferred float64 `json:"inferred"`
	Assumed  float64 `json:"assumed"`
	None     float64 `json:"none"`
}

type jsonMap struct {
	Path  string `json:"path"`
	Title string `json:"title"`
	jsonFigures
}

type jsonTotal struct {
	Maps int `json:"maps"`
	jsonFigures
}

func toJSON(f Figures) jsonFigures {
	s := func(n int) float64 { return round(f.Share(n)) }
	e := f.EvidenceBy
	return jsonFigures{
		Stages: f.Stages, Touchpoints: f.Touchpoints, Personas: f.Personas, Channels: f.Channels, Owners: f.Owners,
		PainPoints: f.PainPoints, Delights: f.Delights, MomentsOfTruth: f.MomentsOfTruth, MomentsWithoutOwner: f.MomentsWithoutOwner,
		KPIs: jsonKPIs{OnTarget: f.KPIsOnTarget, OffTarget: f.KPIsOffTarget},
		Coverage: jsonCoverage{Owner: s(f.WithOwner), Channel: s(f.WithChannel), Emotion: s(f.WithEmotion),
			Evidence: jsonEvidence{Observed: s(e[0]), Reported: s(e[1]), Inferred: s(e[2]), Assumed: s(e[3]), None: s(e[4])}},
	}
}

func writeJSON(w io.Writer, r Report) error {
	out := struct {
		Maps  []jsonMap `json:"maps"`
		Total jsonTotal `json:"total"`
	}{Maps: []jsonMap{}, Total: jsonTotal{Maps: len(r.Maps), jsonFigures: toJSON(r.Total)}}
	for _, m := range r.Maps {
		out.Maps = append(out.Maps, jsonMap{Path: m.Path, Title: m.Title, jsonFigures: toJSON(m.Figures)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeCSV(w io.Writer, r Report) error {
	cw := csv.NewWriter(w)
	head := []string{"map", "title"}
	for _, c := range counts {
		head = append(head, c.key)
	}
	for _, s := range shares {
		key := s.key
		if slices.Contains(Evidence, key) {
			key = "evidence_" + key
		}
		head = append(head, key+"_share")
	}
	write := func(cells []string) {
		for i, c := range cells {
			cells[i] = csvexport.Neutralise(c)
		}
		_ = cw.Write(cells)
	}
	write(head)
	row := func(path, title string, f Figures) {
		cells := []string{path, title}
		for _, c := range counts {
			cells = append(cells, strconv.Itoa(c.get(f)))
		}
		for _, s := range shares {
			cells = append(cells, strconv.FormatFloat(round(f.Share(s.get(f))), 'f', -1, 64))
		}
		write(cells)
	}
	for _, m := range r.Maps {
		row(m.Path, m.Title, m.Figures)
	}
	row("", TotalLabel(r), r.Total)
	cw.Flush()
	return cw.Error()
}

// CountHeadings are the headings of the counted figures, in table order.
func CountHeadings() []string {
	out := make([]string, len(counts))
	for i, c := range counts {
		out[i] = c.heading
	}
	return out
}

// CountCells are f's counted figures as the tables write them.
func CountCells(f Figures) []string {
	out := make([]string, len(counts))
	for i, c := range counts {
		out[i] = Int(c.get(f))
	}
	return out
}

// ShareHeadings are the headings of the coverage figures, in table order.
func ShareHeadings() []string {
	out := make([]string, len(shares))
	for i, s := range shares {
		out[i] = s.heading
	}
	return out
}

// ShareCells are f's coverage figures as the tables write them.
func ShareCells(f Figures) []string {
	out := make([]string, len(shares))
	for i, s := range shares {
		out[i] = Percent(f.Share(s.get(f)))
	}
	return out
}
